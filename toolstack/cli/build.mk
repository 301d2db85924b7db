# cli: the `lamina` command (toolstack/cli/cli.h), a static dom0 program linked with libctrl
# (and libstore, for `lamina console`). Its pure files (options, output, names, format,
# escape) go to the Check tests of tests/toolstack.
CLI_DIR := $(BUILD)/toolstack/cli
CLI_SRCS := $(sort $(wildcard toolstack/cli/*.c))
CLI_OBJS := $(patsubst toolstack/cli/%.c,$(CLI_DIR)/%.o,$(CLI_SRCS))
CLI_PURE_SRCS := toolstack/cli/options.c toolstack/cli/output.c toolstack/cli/names.c \
	toolstack/cli/format.c toolstack/cli/escape.c
# `lamina console` talks to xenstore (libstore) and shares lamina-consoled's console paths.
CLI_CONSOLE_OBJS := $(addprefix $(BUILD)/backend-drivers/consoled/,xspath.o term.o) \
	$(addprefix $(BUILD)/toolstack/libstore/,client.o codec.o ring.o)

$(CLI_DIR)/%.o: toolstack/cli/%.c
	@mkdir -p $(dir $@)
	$(call say,CC,$<)
	$(Q)$(CC) $(TS_CFLAGS) -c $< -o $@

# libctrl's build.mk sorts after this one: name its archive by path.
$(CLI_DIR)/lamina: $(CLI_OBJS) $(CLI_CONSOLE_OBJS) $(BUILD)/toolstack/libctrl/libctrl.a
	$(call say,LD,$@)
	$(Q)$(CC) -static -o $@ $^

DOM0_PROGRAMS += $(CLI_DIR)/lamina
TS_TEST_SRCS += $(CLI_PURE_SRCS)
