# libctrl: hypercalls from dom0 user space (toolstack/libctrl/ctrl.h).
# Produces $(BUILD)/toolstack/libctrl/libctrl.a for the other components (link it after
# their own objects; name the path itself, as CTRL_LIB is not set yet when a component's
# build.mk sorts before this one), the dom0 test program ctrl-selftest
# (tests/dom0/ctrl-selftest.c), and gives its pure files (no system calls) to the Check
# tests of tests/toolstack.
CTRL_DIR := $(BUILD)/toolstack/libctrl
CTRL_SRCS := $(sort $(wildcard toolstack/libctrl/*.c))
CTRL_OBJS := $(patsubst toolstack/libctrl/%.c,$(CTRL_DIR)/%.o,$(CTRL_SRCS))
CTRL_LIB := $(CTRL_DIR)/libctrl.a
CTRL_PURE_SRCS := toolstack/libctrl/marshal.c toolstack/libctrl/dominfo.c \
	toolstack/libctrl/xenerr.c

$(CTRL_DIR)/%.o: toolstack/libctrl/%.c
	@mkdir -p $(dir $@)
	$(call say,CC,$<)
	$(Q)$(CC) $(TS_CFLAGS) -c $< -o $@

$(CTRL_LIB): $(CTRL_OBJS)
	$(call say,AR,$@)
	$(Q)rm -f $@ && ar rcs $@ $^

$(CTRL_DIR)/ctrl-selftest: tests/dom0/ctrl-selftest.c $(CTRL_LIB)
	$(call say,CCLD,$@)
	$(Q)$(CC) $(TS_CFLAGS) -static -o $@ $< $(CTRL_LIB)

# ctrl-checks.sh runs ctrl-selftest and the CLI in dom0 (lamina.mode=ctrl, tests/system/ctrl.sh).
DOM0_PROGRAMS += $(CTRL_DIR)/ctrl-selftest tests/dom0/ctrl-checks.sh

TS_TEST_SRCS += $(CTRL_PURE_SRCS)
