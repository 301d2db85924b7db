# cli: the `lamina` command (toolstack/cli/cli.h), a static dom0 program linked with libctrl.
# Its pure files (options, output, names, format, the xenstore layout) go to the Check tests
# of tests/toolstack.
CLI_DIR := $(BUILD)/toolstack/cli
CLI_SRCS := $(sort $(wildcard toolstack/cli/*.c))
CLI_OBJS := $(patsubst toolstack/cli/%.c,$(CLI_DIR)/%.o,$(CLI_SRCS))
CLI_PURE_SRCS := toolstack/cli/options.c toolstack/cli/output.c toolstack/cli/names.c \
	toolstack/cli/format.c toolstack/cli/domain_store.c
# libstore's objects (its build.mk sorts after this one, so by path)
CLI_LIBSTORE := $(addprefix $(BUILD)/toolstack/libstore/,codec.o ring.o client.o text.o)

$(CLI_DIR)/%.o: toolstack/cli/%.c
	@mkdir -p $(dir $@)
	$(call say,CC,$<)
	$(Q)$(CC) $(TS_CFLAGS) -Ihypervisor/include -c $< -o $@

# libctrl's build.mk sorts after this one: name its archive by path.
# The builder and config archives (their build.mk files sort after this one: by path).
CLI_LIBS := $(BUILD)/toolstack/builder/libbuilder.a $(BUILD)/toolstack/config/libconfig.a \
	$(BUILD)/toolstack/libctrl/libctrl.a

$(CLI_DIR)/lamina: $(CLI_OBJS) $(CLI_LIBSTORE) $(CLI_LIBS)
	$(call say,LD,$@)
	$(Q)$(CC) -static -o $@ $(CLI_OBJS) $(CLI_LIBSTORE) $(CLI_LIBS) \
		-lyajl_s -lz -llzma -llz4 -lzstd -pthread

DOM0_PROGRAMS += $(CLI_DIR)/lamina
TS_TEST_SRCS += $(CLI_PURE_SRCS)
