# toolstack/config: domain configuration (JSON via libyajl, xl.cfg syntax).
# Builds $(CFG_LIB) for the lamina CLI; a program linking it adds
# $(CFG_LDLIBS) (or $(CFG_LDLIBS_STATIC) with -static).
CFG_OUT := $(BUILD)/toolstack/config
CFG_SRCS := $(addprefix toolstack/config/,config.c disk.c json.c vif.c xlcfg.c)
CFG_OBJS := $(patsubst toolstack/config/%.c,$(CFG_OUT)/%.o,$(CFG_SRCS))
CFG_LIB := $(CFG_OUT)/libconfig.a
CFG_LDLIBS := -lyajl
CFG_LDLIBS_STATIC := -lyajl_s

$(CFG_OUT)/%.o: toolstack/config/%.c
	@mkdir -p $(dir $@)
	$(call say,CC,$<)
	$(Q)$(CC) $(TS_CFLAGS) -c $< -o $@

$(CFG_LIB): $(CFG_OBJS)
	$(call say,AR,$@)
	$(Q)rm -f $@ && $(AR) rcs $@ $^

TS_TEST_SRCS += $(CFG_SRCS)
TS_TEST_LIBS += $(CFG_LDLIBS)
# make unit also builds the library with the production flags.
$(TS_TEST)/toolstack-tests: $(CFG_LIB)
