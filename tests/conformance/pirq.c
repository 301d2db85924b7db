/*
 * pirq.c - physical interrupts for dom0: PHYSDEVOP_map_pirq/unmap_pirq of GSIs,
 * setup_gsi, alloc_irq_vector, irq_status_query, eoi, EVTCHNOP_bind_pirq, and a real
 * device's interrupts arriving on the bound port: the CMOS RTC's periodic interrupt
 * (ISA IRQ 8, edge), which the kernel programs through ports 0x70/0x71.
 */
#include "rt.h"

#define MS		1000000ULL
#define RTC_GSI		8
#define RTC_INDEX	0x70
#define RTC_DATA	0x71
#define RTC_REG_A	0x0a
#define RTC_REG_B	0x0b
#define RTC_REG_C	0x0c
#define RTC_B_PIE	0x40	/* periodic interrupt enable */
#define RTC_A_1024HZ	0x26	/* 32.768 kHz divider, rate 6 */
#define NOT_A_DOMAIN	100	/* a domain ID nobody created */

static long map_gsi(int gsi, int *pirq, domid_t dom, int type)
{
	struct physdev_map_pirq m = { .domid = dom, .type = type, .index = gsi, .pirq = *pirq };
	long rc = hc_physdev_op(PHYSDEVOP_map_pirq, &m);

	*pirq = m.pirq;
	return rc;
}

static long unmap_pirq(int pirq)
{
	struct physdev_unmap_pirq u = { .domid = DOMID_SELF, .pirq = pirq };

	return hc_physdev_op(PHYSDEVOP_unmap_pirq, &u);
}

static long setup_gsi(int gsi, uint8_t level, uint8_t low)
{
	struct physdev_setup_gsi g = { .gsi = gsi, .triggering = level, .polarity = low };

	return hc_physdev_op(PHYSDEVOP_setup_gsi, &g);
}

static long eoi(uint32_t pirq)
{
	struct physdev_eoi e = { .irq = pirq };

	return hc_physdev_op(PHYSDEVOP_eoi, &e);
}

static long bind_pirq(uint32_t pirq, evtchn_port_t *port)
{
	struct evtchn_bind_pirq b = { .pirq = pirq, .flags = 0 };
	long rc = hc_event_channel_op(EVTCHNOP_bind_pirq, &b);

	*port = b.port;
	return rc;
}

static void map_errors(void)
{
	int pirq = -1;

	CHECK_RC(map_gsi(-1, &pirq, DOMID_SELF, MAP_PIRQ_TYPE_GSI), -XEN_EINVAL, "map_pirq(GSI -1)");
	pirq = -1;
	CHECK_RC(map_gsi(9999, &pirq, DOMID_SELF, MAP_PIRQ_TYPE_GSI), -XEN_EINVAL,
		 "map_pirq(GSI 9999)");
	pirq = -1;
	CHECK_RC(map_gsi(0, &pirq, DOMID_SELF, MAP_PIRQ_TYPE_GSI), -XEN_EPERM,
		 "map_pirq(GSI 0: the hypervisor's timer IRQ)");
	pirq = -1;
	CHECK_RC(map_gsi(RTC_GSI, &pirq, DOMID_SELF, 7), -XEN_EINVAL, "map_pirq(type 7)");
	pirq = -1;
	CHECK_RC(map_gsi(RTC_GSI, &pirq, NOT_A_DOMAIN, MAP_PIRQ_TYPE_GSI), -XEN_ESRCH,
		 "map_pirq(domain that does not exist)");
	CHECK_RC(hc_physdev_op(PHYSDEVOP_map_pirq, (void *)8), -XEN_EFAULT,
		 "map_pirq(unmapped argument)");
}

static void map_and_unmap(void)
{
	int pirq = RTC_GSI;

	CHECK_RC(map_gsi(RTC_GSI, &pirq, DOMID_SELF, MAP_PIRQ_TYPE_GSI), 0,
		 "map_pirq(GSI 8, PIRQ 8)");
	CHECK_EQ(pirq, RTC_GSI, "PIRQ of GSI 8");
	pirq = RTC_GSI;
	CHECK_RC(map_gsi(RTC_GSI, &pirq, DOMID_SELF, MAP_PIRQ_TYPE_GSI), 0,
		 "map_pirq(GSI 8, PIRQ 8) again");
	pirq = 9;
	CHECK_RC(map_gsi(RTC_GSI, &pirq, DOMID_SELF, MAP_PIRQ_TYPE_GSI), -XEN_EEXIST,
		 "map_pirq(GSI 8 to another PIRQ)");
	pirq = -1;
	CHECK_RC(map_gsi(RTC_GSI, &pirq, DOMID_SELF, MAP_PIRQ_TYPE_GSI), 0,
		 "map_pirq(GSI 8, any PIRQ): the one it has");
	CHECK_EQ(pirq, RTC_GSI, "PIRQ handed back for GSI 8");
	pirq = -1;
	CHECK_RC(map_gsi(10, &pirq, DOMID_SELF, MAP_PIRQ_TYPE_GSI), 0, "map_pirq(GSI 10, any PIRQ)");
	CHECK_EQ(pirq, 16, "first free PIRQ (from 16 up)");
	CHECK_RC(unmap_pirq(pirq), 0, "unmap_pirq of it");
	CHECK_RC(unmap_pirq(pirq), -XEN_EINVAL, "unmap_pirq again");
}

static void setup_gsi_once(void)
{
	CHECK_RC(setup_gsi(9999, 0, 0), -XEN_EINVAL, "setup_gsi(GSI 9999)");
	CHECK_RC(setup_gsi(-1, 0, 0), -XEN_EINVAL, "setup_gsi(GSI -1)");
	CHECK_RC(setup_gsi(RTC_GSI, 0, 0), 0, "setup_gsi(GSI 8, edge, active high)");
	CHECK_RC(setup_gsi(RTC_GSI, 0, 0), -XEN_EEXIST, "setup_gsi(GSI 8) again: each pin once");
}

static void status_and_vector(void)
{
	struct physdev_irq_status_query q = { .irq = RTC_GSI };
	struct physdev_irq v = { .irq = RTC_GSI, .vector = 0 };

	CHECK_RC(hc_physdev_op(PHYSDEVOP_irq_status_query, &q), 0, "irq_status_query(PIRQ 8)");
	CHECK(q.flags & XENIRQSTAT_needs_eoi, "irq_status_query flags %#x: needs_eoi", q.flags);
	q.irq = 100000;
	CHECK_RC(hc_physdev_op(PHYSDEVOP_irq_status_query, &q), -XEN_EINVAL,
		 "irq_status_query(PIRQ 100000)");
	CHECK_RC(hc_physdev_op(PHYSDEVOP_alloc_irq_vector, &v), 0, "alloc_irq_vector(8)");
	CHECK_EQ(v.vector, RTC_GSI, "alloc_irq_vector hands back the IRQ");
	CHECK_RC(eoi(200), -XEN_EINVAL, "eoi(PIRQ 200, never mapped)");
	CHECK_RC(eoi(100000), -XEN_EINVAL, "eoi(PIRQ 100000)");
}

static void bind_errors(void)
{
	evtchn_port_t port;

	CHECK_RC(bind_pirq(100000, &port), -XEN_EINVAL, "bind_pirq(100000)");
	CHECK_RC(bind_pirq(20, &port), -XEN_EPERM, "bind_pirq(20, not mapped)");
}

/* ---- the RTC's periodic interrupt through the bound port ---- */

static volatile unsigned long rtc_irqs;
static volatile long eoi_rc;

static uint8_t cmos_read(uint8_t reg)
{
	rt_outb(RTC_INDEX, reg);
	return rt_inb(RTC_DATA);
}

static void cmos_write(uint8_t reg, uint8_t v)
{
	rt_outb(RTC_INDEX, reg);
	rt_outb(RTC_DATA, v);
}

static void rtc_event(evtchn_port_t port)
{
	(void)port;
	cmos_read(RTC_REG_C); /* reading the flags re-arms the interrupt */
	rtc_irqs++;
	long rc = eoi(RTC_GSI);
	if (rc)
		eoi_rc = rc;
}

static void rtc_periodic_interrupt(void)
{
	struct physdev_set_iopl io = { .iopl = 1 };
	struct evtchn_status st;
	evtchn_port_t port, p2;
	uint8_t b;

	REQUIRE_RC(hc_physdev_op(PHYSDEVOP_set_iopl, &io), 0, "set_iopl(1)");
	REQUIRE_RC(bind_pirq(RTC_GSI, &port), 0, "bind_pirq(8)");
	CHECK_RC(bind_pirq(RTC_GSI, &p2), -XEN_EEXIST, "bind_pirq(8) again");
	CHECK_RC(rt_evtchn_status(port, &st), 0, "EVTCHNOP_status of the PIRQ port");
	CHECK_EQ(st.status, EVTCHNSTAT_pirq, "status of a PIRQ port");
	CHECK_EQ(st.u.pirq, RTC_GSI, "status.u.pirq");
	rt_evt_handlers[port] = rtc_event;
	rt_evtchn_unmask(port);

	cmos_write(RTC_REG_A, RTC_A_1024HZ);
	b = cmos_read(RTC_REG_B);
	cmos_write(RTC_REG_B, b | RTC_B_PIE);
	cmos_read(RTC_REG_C);
	CHECK(rt_wait_event(&rt_evt_count[port], rt_evt_count[port] + 20, 500 * MS),
	      "only %lu RTC interrupts (1024 Hz) arrived in 500 ms", rtc_irqs);
	cmos_write(RTC_REG_B, b & ~RTC_B_PIE);
	cmos_read(RTC_REG_C);
	CHECK_EQ(eoi_rc, 0, "PHYSDEVOP_eoi(8) in the handler");
	rt_info("%lu RTC interrupts delivered", rtc_irqs);

	CHECK_RC(rt_evtchn_close(port), 0, "EVTCHNOP_close of the PIRQ port");
	CHECK_RC(eoi(RTC_GSI), 0, "eoi(8) after close: still mapped");
	REQUIRE_RC(bind_pirq(RTC_GSI, &p2), 0, "bind_pirq(8) after close");
	rt_evtchn_close(p2);
	io.iopl = 0;
	hc_physdev_op(PHYSDEVOP_set_iopl, &io);
}

static const struct rt_case cases[] = {
	RT_CASE(map_errors),
	RT_CASE(map_and_unmap),
	RT_CASE(setup_gsi_once),
	RT_CASE(status_and_vector),
	RT_CASE(bind_errors),
	RT_CASE(rtc_periodic_interrupt),
};
RT_SUITE("pirq", cases, NULL);
