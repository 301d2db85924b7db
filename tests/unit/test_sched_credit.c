/*
 * test_sched_credit.c - the credit scheduler's accounting and run queue
 * (hypervisor/common/sched_credit.c), driven by a simulated CPU: busy vCPUs
 * run until their slice ends or a tick asks for preemption, and the test
 * measures each one's share of the CPU.
 */
#include <stdlib.h>
#include <string.h>

#include <lamina/sched_credit.h>

#include "unit.h"

#define MS ((s_time_t)NS_PER_MS)
#define MAX_UNITS 8

static struct csched sched;
static struct csched_dom doms[MAX_UNITS];
static struct csched_unit units[MAX_UNITS];

static void setup(void)
{
	csched_init(&sched);
	for (int i = 0; i < MAX_UNITS; i++) {
		csched_dom_init(&doms[i]);
		csched_unit_init(&units[i], &doms[i], &units[i]);
	}
}

/* Put unit i in domain d (default: its own). */
static void unit_in_dom(int i, int d)
{
	csched_unit_init(&units[i], &doms[d], &units[i]);
}

/*
 * Run units[0..n-1], all always busy, for total ns from time 0; ran[i]
 * receives each one's CPU time and the return value is the idle time.
 */
static s_time_t simulate(int n, s_time_t total, s_time_t *ran)
{
	s_time_t now = 0, next_tick = CSCHED_TICK_NS, slice, slice_end, idle = 0;
	struct csched_unit *cur;

	memset(ran, 0, sizeof(*ran) * (size_t)n);
	for (int i = 0; i < n; i++)
		csched_wake(&sched, &units[i], NULL);
	cur = csched_pick(&sched, NULL, false, false, now, &slice);
	slice_end = now + slice;
	while (now < total) {
		s_time_t t = next_tick < slice_end ? next_tick : slice_end;
		if (cur)
			ran[cur - units] += t - now;
		else
			idle += t - now;
		now = t;
		bool resched = false;
		if (now == next_tick) {
			resched = csched_tick(&sched, cur, now);
			next_tick += CSCHED_TICK_NS;
		}
		if (now >= slice_end || resched || !cur) {
			cur = csched_pick(&sched, cur, cur != NULL, false, now, &slice);
			slice_end = now + (cur ? slice : CSCHED_TICK_NS);
		}
	}
	return idle;
}

/* share of ran[i] in total, in per mille */
static long permille(s_time_t part, s_time_t total)
{
	return (long)(part * 1000 / total);
}

START_TEST(equal_weights_share_equally)
{
	s_time_t ran[2], total = 3000 * MS;

	simulate(2, total, ran);
	ck_assert_int_le(labs(permille(ran[0], total) - 500), 30);
	ck_assert_int_le(labs(permille(ran[1], total) - 500), 30);
}
END_TEST

START_TEST(double_weight_gets_double_share)
{
	s_time_t ran[2], total = 6000 * MS;

	csched_set_params(&doms[1], 512, 0);
	simulate(2, total, ran);
	ck_assert_int_le(labs(permille(ran[0], total) - 333), 40);
	ck_assert_int_le(labs(permille(ran[1], total) - 667), 40);
}
END_TEST

START_TEST(weights_count_per_active_vcpu)
{
	/* As in Xen's credit1: a domain's weight applies to each of its active vCPUs. */
	s_time_t ran[3], total = 6000 * MS;

	unit_in_dom(1, 0);
	simulate(3, total, ran);
	for (int i = 0; i < 3; i++)
		ck_assert_int_le(labs(permille(ran[i], total) - 333), 40);
}
END_TEST

START_TEST(cap_limits_a_busy_domain)
{
	s_time_t ran[2], total = 6000 * MS;

	csched_set_params(&doms[0], 256, 25);
	simulate(2, total, ran);
	ck_assert_int_le(permille(ran[0], total), 280);
	ck_assert_int_ge(permille(ran[0], total), 200);
	ck_assert_int_ge(permille(ran[1], total), 720);
}
END_TEST

START_TEST(cap_leaves_the_cpu_idle)
{
	s_time_t ran[1], total = 6000 * MS, idle;

	csched_set_params(&doms[0], 256, 50);
	idle = simulate(1, total, ran);
	ck_assert_int_le(labs(permille(ran[0], total) - 500), 40);
	ck_assert_int_le(labs(permille(idle, total) - 500), 40);
}
END_TEST

START_TEST(alone_gets_everything)
{
	s_time_t ran[1], total = 1000 * MS, idle;

	idle = simulate(1, total, ran);
	ck_assert_int_eq(ran[0], total);
	ck_assert_int_eq(idle, 0);
}
END_TEST

START_TEST(waking_with_credit_preempts)
{
	s_time_t slice;
	struct csched_unit *cur;

	csched_wake(&sched, &units[0], NULL);
	cur = csched_pick(&sched, NULL, false, false, 0, &slice);
	ck_assert_ptr_eq(cur, &units[0]);
	ck_assert_int_eq(slice, CSCHED_TSLICE_NS);
	/* units[0] burns a tick: UNDER. units[1] wakes from blocking with credit: BOOST. */
	csched_tick(&sched, cur, CSCHED_TICK_NS);
	ck_assert(csched_wake(&sched, &units[1], cur));
	ck_assert_int_eq(units[1].pri, CSCHED_PRI_BOOST);
	cur = csched_pick(&sched, cur, true, false, CSCHED_TICK_NS + 1, &slice);
	ck_assert_ptr_eq(cur, &units[1]);
	/* Once it has run, the boost is gone. */
	csched_burn(&sched, cur, CSCHED_TICK_NS + 2 * MS);
	ck_assert_int_eq(units[1].pri, CSCHED_PRI_UNDER);
}
END_TEST

START_TEST(waking_in_debt_does_not_preempt)
{
	s_time_t slice;
	struct csched_unit *cur;

	csched_wake(&sched, &units[0], NULL);
	cur = csched_pick(&sched, NULL, false, false, 0, &slice);
	units[1].credit = -50;
	units[1].pri = CSCHED_PRI_OVER;
	ck_assert(!csched_wake(&sched, &units[1], cur));
	ck_assert_int_eq(units[1].pri, CSCHED_PRI_OVER);
	ck_assert(!csched_wake(&sched, &units[1], cur)); /* already queued */
}
END_TEST

START_TEST(yield_goes_behind_one_lower_priority)
{
	s_time_t slice;
	struct csched_unit *cur;

	csched_wake(&sched, &units[0], NULL);
	cur = csched_pick(&sched, NULL, false, false, 0, &slice);
	csched_wake(&sched, &units[1], cur); /* UNDER -> BOOST */
	units[1].pri = CSCHED_PRI_UNDER;
	units[2].credit = -10;
	units[2].pri = CSCHED_PRI_OVER;
	csched_wake(&sched, &units[2], cur);
	/* Without yielding, units[0] would run after units[1]; yielding, after units[2] too. */
	cur = csched_pick(&sched, cur, true, true, 0, &slice);
	ck_assert_ptr_eq(cur, &units[1]);
	cur = csched_pick(&sched, cur, false, false, 0, &slice);
	ck_assert_ptr_eq(cur, &units[2]);
	cur = csched_pick(&sched, cur, false, false, 0, &slice);
	ck_assert_ptr_eq(cur, &units[0]);
	cur = csched_pick(&sched, cur, false, false, 0, &slice);
	ck_assert_ptr_null(cur);
}
END_TEST

START_TEST(yield_alone_keeps_running)
{
	s_time_t slice;
	struct csched_unit *cur;

	csched_wake(&sched, &units[0], NULL);
	cur = csched_pick(&sched, NULL, false, false, 0, &slice);
	ck_assert_ptr_eq(csched_pick(&sched, cur, true, true, 0, &slice), &units[0]);
}
END_TEST

START_TEST(sleeping_unit_is_not_picked)
{
	s_time_t slice;

	csched_wake(&sched, &units[0], NULL);
	csched_wake(&sched, &units[1], NULL);
	csched_sleep(&sched, &units[0]);
	ck_assert_ptr_eq(csched_pick(&sched, NULL, false, false, 0, &slice), &units[1]);
	ck_assert(csched_runq_empty(&sched));
	ck_assert_ptr_null(csched_pick(&sched, NULL, false, false, 0, &slice));
}
END_TEST

START_TEST(removed_unit_leaves_everything)
{
	s_time_t ran[2];

	simulate(2, 100 * MS, ran);
	csched_unit_remove(&sched, &units[0]);
	csched_unit_remove(&sched, &units[1]);
	ck_assert(csched_runq_empty(&sched));
	ck_assert_ptr_null(sched.active_doms);
	ck_assert_int_eq(doms[0].nr_active, 0);
	ck_assert_int_eq(doms[1].nr_active, 0);
}
END_TEST

START_TEST(idle_vcpu_stops_sharing)
{
	/* A unit that ran once and then sleeps leaves the sharing; the busy one gets it all. */
	s_time_t slice, now = 0;
	struct csched_unit *cur;

	csched_wake(&sched, &units[0], NULL);
	csched_wake(&sched, &units[1], NULL);
	cur = csched_pick(&sched, NULL, false, false, now, &slice);
	ck_assert_ptr_eq(cur, &units[0]);
	now += MS;
	cur = csched_pick(&sched, cur, false, false, now, &slice); /* units[0] blocks */
	ck_assert_ptr_eq(cur, &units[1]);
	for (int t = 0; t < 30; t++) {
		now += CSCHED_TICK_NS;
		csched_tick(&sched, cur, now);
	}
	ck_assert(!units[0].active);
	ck_assert(units[1].active);
	ck_assert_ptr_eq(doms[1].active_units, &units[1]);
}
END_TEST

START_TEST(params_as_putinfo)
{
	ck_assert_int_eq(doms[0].weight, CSCHED_DEFAULT_WEIGHT);
	ck_assert_int_eq(doms[0].cap, 0);
	csched_set_params(&doms[0], 512, 30);
	ck_assert_int_eq(doms[0].weight, 512);
	ck_assert_int_eq(doms[0].cap, 30);
	csched_set_params(&doms[0], 0, CSCHED_CAP_KEEP); /* both kept */
	ck_assert_int_eq(doms[0].weight, 512);
	ck_assert_int_eq(doms[0].cap, 30);
	csched_set_params(&doms[0], 0, 0); /* cap cleared */
	ck_assert_int_eq(doms[0].weight, 512);
	ck_assert_int_eq(doms[0].cap, 0);
}
END_TEST

START_TEST(cap_above_one_cpu_does_not_limit)
{
	s_time_t ran[1], total = 1000 * MS;

	csched_set_params(&doms[0], 256, 150);
	simulate(1, total, ran);
	ck_assert_int_eq(ran[0], total);
}
END_TEST

Suite *sched_credit_suite(void)
{
	Suite *s = suite_create("sched_credit");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, equal_weights_share_equally);
	tcase_add_test(tc, double_weight_gets_double_share);
	tcase_add_test(tc, weights_count_per_active_vcpu);
	tcase_add_test(tc, cap_limits_a_busy_domain);
	tcase_add_test(tc, cap_leaves_the_cpu_idle);
	tcase_add_test(tc, alone_gets_everything);
	tcase_add_test(tc, waking_with_credit_preempts);
	tcase_add_test(tc, waking_in_debt_does_not_preempt);
	tcase_add_test(tc, yield_goes_behind_one_lower_priority);
	tcase_add_test(tc, yield_alone_keeps_running);
	tcase_add_test(tc, sleeping_unit_is_not_picked);
	tcase_add_test(tc, removed_unit_leaves_everything);
	tcase_add_test(tc, idle_vcpu_stops_sharing);
	tcase_add_test(tc, params_as_putinfo);
	tcase_add_test(tc, cap_above_one_cpu_does_not_limit);
	suite_add_tcase(s, tc);
	return s;
}
