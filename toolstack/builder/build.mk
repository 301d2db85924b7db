# toolstack/builder: the PV domain builder's pure logic (kernel images, layout,
# start_info, page tables). It compiles the hypervisor's pure ELF, Xen-note and
# layout code hosted, so the dom0 builder and this one share one copy.
# Builds $(BLD_LIB) for the lamina CLI; a program using it includes
# "builder/builder.h" (guest-abi/include and toolstack/ on the path, nothing
# of the hypervisor's) and links $(BLD_LDLIBS) (or $(BLD_LDLIBS_STATIC) with
# -static). $(BLD_CFLAGS) is for the builder's own files and its tests.
BLD_OUT := $(BUILD)/toolstack/builder
BLD_SRCS := $(addprefix toolstack/builder/,build.c bzimage.c decompress.c kernel.c pagetable.c)
BLD_HV_SRCS := hypervisor/common/elf.c hypervisor/common/pv_image.c \
	hypervisor/arch/x86/pv/boot_layout.c
BLD_OBJS := $(patsubst toolstack/builder/%.c,$(BLD_OUT)/%.o,$(BLD_SRCS)) \
	$(patsubst %.c,$(BLD_OUT)/hv/%.o,$(BLD_HV_SRCS))
BLD_LIB := $(BLD_OUT)/libbuilder.a
BLD_CFLAGS := -Ihypervisor/include
BLD_LDLIBS := -lz -llzma -llz4 -lzstd
BLD_LDLIBS_STATIC := $(BLD_LDLIBS) -pthread

$(BLD_OUT)/%.o: toolstack/builder/%.c
	@mkdir -p $(dir $@)
	$(call say,CC,$<)
	$(Q)$(CC) $(TS_CFLAGS) $(BLD_CFLAGS) -c $< -o $@

$(BLD_OUT)/hv/%.o: %.c
	@mkdir -p $(dir $@)
	$(call say,CC,$<)
	$(Q)$(CC) $(TS_CFLAGS) $(BLD_CFLAGS) -c $< -o $@

$(BLD_LIB): $(BLD_OBJS)
	$(call say,AR,$@)
	$(Q)rm -f $@ && $(AR) rcs $@ $^

TS_TEST_SRCS += $(BLD_SRCS) $(BLD_HV_SRCS)
TS_TEST_LIBS += $(BLD_LDLIBS)
$(TS_TEST)/toolstack-tests: TS_CFLAGS += $(BLD_CFLAGS)
$(TS_TEST)/toolstack-tests: $(BLD_LIB)
# The tests' fake domain and test kernels.
TS_TEST_SRCS += tests/toolstack/builder_fake.c

# lamina-builder-inspect: prints how a configuration and a kernel are read and
# laid out (a dom0 program, and handy on the build host too).
BLD_INSPECT := $(BUILD)/dom0/lamina-builder-inspect
# (config/build.mk is read after this file: its library is named by path.)
$(BLD_INSPECT): $(BLD_OUT)/inspect.o $(BLD_LIB) $(BUILD)/toolstack/config/libconfig.a
	@mkdir -p $(dir $@)
	$(call say,LD,$@)
	$(Q)$(CC) -static -o $@ $^ $(CFG_LDLIBS_STATIC) $(BLD_LDLIBS_STATIC)
DOM0_PROGRAMS += $(BLD_INSPECT)
