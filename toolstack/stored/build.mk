# toolstack/stored/build.mk - lamina-stored, the xenstore daemon. The core (everything but
# platform.c and main.c) makes no system call and links into the toolstack Check tests with
# tests/toolstack/store_harness.c. Included by the top-level Makefile after libstore's.

STORED_CORE_SRCS := $(addprefix toolstack/stored/,map.c node.c stored.c conn.c request.c \
	tree.c perms.c transaction.c watch.c domain.c control.c)
STORED_SRCS := $(STORED_CORE_SRCS) toolstack/stored/platform.c toolstack/stored/main.c
STORED_OBJS := $(patsubst %.c,$(BUILD)/%.o,$(STORED_SRCS))
STORED_LIBSTORE_OBJS := $(addprefix $(BUILD)/toolstack/libstore/,codec.o ring.o)

$(BUILD)/toolstack/stored/%.o: toolstack/stored/%.c
	@mkdir -p $(dir $@)
	$(call say,CC,$<)
	$(Q)$(CC) $(TS_CFLAGS) -c $< -o $@

$(BUILD)/dom0/lamina-stored: $(STORED_OBJS) $(STORED_LIBSTORE_OBJS)
	@mkdir -p $(dir $@)
	$(call say,LD,$@)
	$(Q)$(CC) -static -o $@ $^

DOM0_PROGRAMS += $(BUILD)/dom0/lamina-stored tests/dom0/xenstore-checks.sh
TS_TEST_SRCS += $(STORED_CORE_SRCS) tests/toolstack/store_harness.c
