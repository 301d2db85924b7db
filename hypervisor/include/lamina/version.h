/* lamina/version.h - the hypervisor's version. */
#ifndef LAMINA_VERSION_H
#define LAMINA_VERSION_H

#define LAMINA_VERSION_MAJOR 0
#define LAMINA_VERSION_MINOR 1
#define LAMINA_VERSION "0.1"

#endif /* LAMINA_VERSION_H */
