/*
 * lamina/keyhandler.h - debug keys: one character that makes the hypervisor print some of
 * its state on its console (and so into the ring sysctl readconsole reads), as Xen's debug
 * keys do (`xl debug-keys`, XEN_SYSCTL_debug_keys). Keys Lamina has: 'h' lists them, 'g'
 * prints the grant tables.
 */
#ifndef LAMINA_KEYHANDLER_H
#define LAMINA_KEYHANDLER_H

/* handle_keypress - run @key's handler; a key without one is ignored, as on Xen. */
void handle_keypress(char key);

#endif /* LAMINA_KEYHANDLER_H */
