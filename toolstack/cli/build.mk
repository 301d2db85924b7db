# cli: the `lamina` command (toolstack/cli/cli.h), a static dom0 program linked with libctrl,
# libstore (xenstore), the builder and config libraries (`lamina create`) and lamina-consoled's
# console paths and terminal helpers (`lamina console`). Its pure files (options, output,
# names, format, escape, the xenstore layout) go to the Check tests of tests/toolstack.
CLI_DIR := $(BUILD)/toolstack/cli
CLI_SRCS := $(sort $(wildcard toolstack/cli/*.c))
CLI_OBJS := $(patsubst toolstack/cli/%.c,$(CLI_DIR)/%.o,$(CLI_SRCS))
CLI_PURE_SRCS := toolstack/cli/options.c toolstack/cli/output.c toolstack/cli/names.c \
	toolstack/cli/format.c toolstack/cli/escape.c toolstack/cli/domain_store.c \
	toolstack/cli/memsize.c toolstack/cli/monitor_policy.c
# Objects and archives of components whose build.mk sorts after this one: named by path.
CLI_DEP_OBJS := $(addprefix $(BUILD)/backend-drivers/consoled/,xspath.o term.o) \
	$(addprefix $(BUILD)/toolstack/libstore/,client.o codec.o ring.o text.o)
CLI_LIBS := $(BUILD)/toolstack/builder/libbuilder.a $(BUILD)/toolstack/config/libconfig.a \
	$(BUILD)/toolstack/libctrl/libctrl.a

$(CLI_DIR)/%.o: toolstack/cli/%.c
	@mkdir -p $(dir $@)
	$(call say,CC,$<)
	$(Q)$(CC) $(TS_CFLAGS) -Ihypervisor/include -c $< -o $@

$(CLI_DIR)/lamina: $(CLI_OBJS) $(CLI_DEP_OBJS) $(CLI_LIBS)
	$(call say,LD,$@)
	$(Q)$(CC) -static -o $@ $(CLI_OBJS) $(CLI_DEP_OBJS) $(CLI_LIBS) \
		-lyajl_s -lz -llzma -llz4 -lzstd -pthread

DOM0_PROGRAMS += $(CLI_DIR)/lamina
TS_TEST_SRCS += $(CLI_PURE_SRCS)
