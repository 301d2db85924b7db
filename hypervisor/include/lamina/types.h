/*
 * lamina/types.h - basic types and helpers shared by all hypervisor code.
 *
 * Only compiler-provided freestanding headers are used, so every file that
 * includes this builds both in the hypervisor and hosted (unit tests).
 */
#ifndef LAMINA_TYPES_H
#define LAMINA_TYPES_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef int64_t s_time_t; /* system time: ns since boot */
typedef uint64_t paddr_t; /* physical (machine) address, bytes */
typedef unsigned long mfn_t; /* machine frame number */

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define MIN(a, b) ((a) < (b) ? (a) : (b))
#define MAX(a, b) ((a) > (b) ? (a) : (b))
#define ROUNDUP(x, a) (((x) + (a) - 1) & ~((__typeof__(x))(a) - 1))
#define ROUNDDOWN(x, a) ((x) & ~((__typeof__(x))(a) - 1))
#define IS_ALIGNED(x, a) (((x) & ((__typeof__(x))(a) - 1)) == 0)
#define container_of(ptr, type, member) ((type *)((char *)(ptr) - offsetof(type, member)))

#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)
#define __packed __attribute__((packed))
#define __aligned(n) __attribute__((aligned(n)))
#define __noreturn __attribute__((noreturn))
#define __used __attribute__((used))
#define __section(s) __attribute__((section(s)))
#define __printf(a, b) __attribute__((format(printf, a, b)))
/*
 * __hot_path - code every guest entry and exit runs. It is kept together in
 * .text.hot so that the few pages it spans stay in the TLB: a guest's
 * kernel/user switch flushes it, and each page touched again costs a walk.
 */
#define __hot_path __attribute__((section(".text.hot")))

#define KiB(x) ((uint64_t)(x) << 10)
#define MiB(x) ((uint64_t)(x) << 20)
#define GiB(x) ((uint64_t)(x) << 30)

#define NS_PER_US 1000ULL
#define NS_PER_MS 1000000ULL
#define NS_PER_SEC 1000000000ULL

#endif /* LAMINA_TYPES_H */
