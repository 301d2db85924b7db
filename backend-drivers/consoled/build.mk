# backend-drivers/consoled/build.mk - lamina-consoled, the console backend (consoled.h), a
# static dom0 program linked with libctrl and libstore. Its pure files (ring indices, output
# queue, xenstore paths and values, event rate) go to the Check tests of tests/toolstack;
# the `lamina` CLI links xspath.o (console paths) and term.o (terminal helpers). Read by the
# top-level Makefile before the toolstack's fragments: other components' files are named by
# path.
CONSOLED_DIR := $(BUILD)/backend-drivers/consoled
CONSOLED_PURE_SRCS := $(addprefix backend-drivers/consoled/,ring.c fifo.c xspath.c rate.c)
CONSOLED_SRCS := $(CONSOLED_PURE_SRCS) $(addprefix backend-drivers/consoled/,term.c \
	console.c daemon.c main.c)
CONSOLED_OBJS := $(patsubst backend-drivers/consoled/%.c,$(CONSOLED_DIR)/%.o,$(CONSOLED_SRCS))
CONSOLED_LIBSTORE_OBJS := $(addprefix $(BUILD)/toolstack/libstore/,client.o codec.o ring.o)

$(CONSOLED_DIR)/%.o: backend-drivers/consoled/%.c
	@mkdir -p $(dir $@)
	$(call say,CC,$<)
	$(Q)$(CC) $(TS_CFLAGS) -c $< -o $@

$(CONSOLED_DIR)/lamina-consoled: $(CONSOLED_OBJS) $(CONSOLED_LIBSTORE_OBJS) \
		$(BUILD)/toolstack/libctrl/libctrl.a
	$(call say,LD,$@)
	$(Q)$(CC) -static -o $@ $^

DOM0_PROGRAMS += $(CONSOLED_DIR)/lamina-consoled
TS_TEST_SRCS += $(CONSOLED_PURE_SRCS)

# consoled-test (tests/dom0/consoled-test.c and the code of its tiny guest,
# consoled-guest.S) checks the daemon and `lamina console` in dom0; consoled-checks.sh runs
# it in lamina.mode=consoled (tests/system/consoled.sh).
$(CONSOLED_DIR)/consoled-test: tests/dom0/consoled-test.c tests/dom0/consoled-guest.S \
		tests/dom0/consoled-guest.h $(addprefix $(CONSOLED_DIR)/,ring.o term.o xspath.o) \
		$(CONSOLED_LIBSTORE_OBJS) $(BUILD)/toolstack/libctrl/libctrl.a
	$(call say,CCLD,$@)
	$(Q)$(CC) $(filter-out -MMD -MP,$(TS_CFLAGS)) -Itests/dom0 -static -o $@ $(filter-out %.h,$^)

DOM0_PROGRAMS += $(CONSOLED_DIR)/consoled-test tests/dom0/consoled-checks.sh
