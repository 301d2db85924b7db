/*
 * consoled-guest.h - the tiny PV guest of consoled-test: its memory layout and the words
 * through which the test drives it. Shared by consoled-guest.S (the guest's code) and
 * consoled-test.c (which builds the domain); constants only, so the assembler can read it.
 *
 * The guest: GUEST_PAGES pages from GUEST_BASE, pfn n at GUEST_VA(n), and one more L1 slot
 * (SLOT_SHINFO) mapping its shared_info page. It plays the frontend of the PV console the way
 * Linux's hvc_xen does: it writes into the ring's out[] and signals its console port, and it
 * reads in[]. What it reads it echoes with letters made capitals ("ping" comes back "PING"),
 * so a byte seen on the terminal proves the whole round trip: terminal -> lamina-consoled ->
 * in[] -> event -> guest -> out[] -> event -> lamina-consoled -> terminal and log.
 * It sleeps in SCHEDOP_poll on its console port and on a "kick" port that the test signals
 * after writing a command into the data page.
 */
#ifndef CONSOLED_GUEST_H
#define CONSOLED_GUEST_H

#define GUEST_BASE 0x400000
#define PFN_L4 0
#define PFN_L3 1
#define PFN_L2 2
#define PFN_L1 3
#define PFN_CODE 4
#define PFN_DATA 5
#define PFN_START_INFO 6
#define PFN_STACK 7
#define PFN_RING 8  /* the console ring (struct xencons_interface) */
#define PFN_STORE 9 /* the xenstore ring, never used by the guest */
#define GUEST_PAGES 10
#define NR_PT_FRAMES 4 /* pfns 0-3 */
#define SLOT_SHINFO 10 /* the L1 slot that maps shared_info */
#define GUEST_VA(pfn) (GUEST_BASE + (pfn)*4096)

/* The data page, written by the test before the guest runs (ports) and while it runs (CMD). */
#define DATA_CONS_PORT 0 /* u32: the guest's console port */
#define DATA_KICK_PORT 4 /* u32: the port the test signals after writing a command */
#define DATA_CMD 8	 /* u32: a GUEST_CMD_*, cleared by the guest when done */
#define DATA_ACKS 12	 /* u32: commands done so far */
#define DATA_PORTS 16	 /* u32[2]: console and kick ports, the poll list */
#define DATA_POLL 24	 /* struct sched_poll (24 bytes) */
#define DATA_SEND 48	 /* struct evtchn_send (4 bytes) */
#define DATA_SHUTDOWN 56 /* struct sched_shutdown (4 bytes) */
#define DATA_LOOPS 60	 /* u32: rounds of the guest's loop (for messages) */

#define GUEST_CMD_NONE 0
#define GUEST_CMD_SIGNAL 1   /* send an event on the console port, nothing else */
#define GUEST_CMD_POWEROFF 2 /* SCHEDOP_shutdown(SHUTDOWN_poweroff) */

/* Offsets in the pages the guest touches (checked against the ABI headers by consoled-test). */
#define RING_IN 0
#define RING_OUT 1024
#define RING_IN_CONS 3072
#define RING_IN_PROD 3076
#define RING_OUT_CONS 3080
#define RING_OUT_PROD 3084
#define RING_IN_MASK 1023
#define RING_OUT_BYTES 2048
#define RING_OUT_MASK 2047
#define SHINFO_UPCALL_MASK 1	   /* vcpu_info[0].evtchn_upcall_mask */
#define SHINFO_EVTCHN_PENDING 2048 /* evtchn_pending[] */

/* What the guest writes first, once running. */
#define GUEST_BANNER "consoled-guest: up\r\n"

#endif /* CONSOLED_GUEST_H */
