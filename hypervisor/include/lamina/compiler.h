/*
 * lamina/compiler.h - included first in every hypervisor translation unit
 * (-include). The image is linked at a fixed upper-half address but compiled
 * as position-independent code, so every access is RIP-relative; making all
 * symbols hidden lets the compiler reach them directly instead of via a GOT.
 */
#pragma GCC visibility push(hidden)
