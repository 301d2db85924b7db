# backend-drivers/consoled/build.mk - lamina-consoled, the console backend. Its pure files
# (ring indices, output queue, xenstore paths and values, event rate) go to the Check tests of
# tests/toolstack.
CONSOLED_PURE_SRCS := $(addprefix backend-drivers/consoled/,ring.c fifo.c xspath.c rate.c)
TS_TEST_SRCS += $(CONSOLED_PURE_SRCS)
