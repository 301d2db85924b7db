# toolstack/libstore/build.mk - the xenstore protocol library (codec, ring copies, client) and
# the dom0 client tool `xenstore` (installed also as xenstore-read, -write, -ls, ...; see
# scripts/make-dom0-image). Included by the top-level Makefile.

LIBSTORE_SRCS := $(addprefix toolstack/libstore/,codec.c ring.c client.c text.c)
LIBSTORE_OBJS := $(patsubst %.c,$(BUILD)/%.o,$(LIBSTORE_SRCS))

$(BUILD)/toolstack/libstore/%.o: toolstack/libstore/%.c
	@mkdir -p $(dir $@)
	$(call say,CC,$<)
	$(Q)$(CC) $(TS_CFLAGS) -c $< -o $@

$(BUILD)/dom0/xenstore: $(BUILD)/toolstack/libstore/xenstore.o $(LIBSTORE_OBJS)
	@mkdir -p $(dir $@)
	$(call say,LD,$@)
	$(Q)$(CC) -static -o $@ $^

# xsbench: the client load of tests/bench/xenstore.sh (tests/dom0/xsbench.c, on libstore).
$(BUILD)/dom0/xsbench: tests/dom0/xsbench.c $(LIBSTORE_OBJS)
	@mkdir -p $(dir $@)
	$(call say,CC,$@)
	$(Q)$(CC) -static $(filter-out -MMD -MP,$(TS_CFLAGS)) -o $@ $^

DOM0_PROGRAMS += $(BUILD)/dom0/xenstore $(BUILD)/dom0/xsbench tests/dom0/xenstore-bench.sh
TS_TEST_SRCS += $(LIBSTORE_SRCS)
