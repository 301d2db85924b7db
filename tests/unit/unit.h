/*
 * unit.h - shared declarations for the Check unit tests.
 *
 * Each tests/unit/test_NAME.c defines `Suite *NAME_suite(void)`; the Makefile
 * lists every such file in suites.h and main.c runs them all.
 */
#ifndef UNIT_H
#define UNIT_H

#include <check.h>

#define SUITE(name) Suite *name##_suite(void);
#include "suites.h"
#undef SUITE

#endif /* UNIT_H */
