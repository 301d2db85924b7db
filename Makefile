# Lamina - top-level build. `make help` lists the targets.
#
# Every target that runs something first runs scripts/install-deps, which
# installs the Debian packages the project needs (and does nothing when they
# are present), so each target works on a fresh Debian 12 machine.

BUILD ?= build
HV := $(BUILD)/hypervisor
export BUILD

# `make V=1` shows the full commands.
ifeq ($(V),1)
Q :=
say = @true
else
Q := @
say = @echo "  $(1)	$(2)"
endif

CC := gcc
LD := ld
GCC_INCLUDE := $(shell $(CC) -print-file-name=include)

HV_INCLUDES := -Ihypervisor/include -Ihypervisor/arch/x86/include -Iguest-abi/include
HV_CFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -Werror -Wno-unused-parameter \
	-ffreestanding -nostdinc -isystem $(GCC_INCLUDE) \
	-mno-red-zone -mno-sse -mno-sse2 -mno-mmx -mno-80387 -mgeneral-regs-only \
	-fpie -fno-stack-protector -fno-omit-frame-pointer -mno-omit-leaf-frame-pointer -fno-asynchronous-unwind-tables \
	-fcf-protection=none -fno-strict-aliasing -fno-common -malign-data=abi \
	-include hypervisor/include/lamina/compiler.h $(HV_INCLUDES) -MMD -MP
# make PERFC=1: performance counters (lamina/perfc.h), off by default as in Xen.
ifeq ($(PERFC),1)
HV_CFLAGS += -DCONFIG_PERFC
endif
HV_ASFLAGS := $(HV_INCLUDES) -D__ASSEMBLER__ -g -MMD -MP
HV_LDFLAGS := -nostdlib -static -no-pie -z max-page-size=0x1000 --no-warn-rwx-segments --build-id=sha1

HV_SRCS := $(shell find hypervisor -name '*.c' -o -name '*.S' | grep -v '\.lds\.S$$' | sort)
HV_OBJS := $(patsubst %,$(HV)/%.o,$(HV_SRCS))

# Pure-logic hypervisor files: no hardware access, built hosted for unit tests.
PURE_SRCS := \
	hypervisor/lib/vsnprintf.c \
	hypervisor/lib/parse.c \
	hypervisor/lib/cmdline.c \
	hypervisor/lib/symbols.c \
	hypervisor/common/buddy.c \
	hypervisor/common/heap.c \
	hypervisor/common/dom0_mem.c \
	hypervisor/common/timer_queue.c \
	hypervisor/common/sched_credit.c \
	hypervisor/lib/time_scale.c \
	hypervisor/lib/x86_decode.c \
	hypervisor/common/elf.c \
	hypervisor/common/pv_image.c \
	hypervisor/arch/x86/pv/boot_layout.c \
	hypervisor/arch/x86/e820.c \
	hypervisor/arch/x86/madt.c \
	hypervisor/arch/x86/vmce.c

MAKEFLAGS += --no-print-directory
.PHONY: FORCE all hypervisor run test unit iso deps clean help bench conformance dom0-image kernel
all: hypervisor

help:
	@echo "make            build $(HV)/lamina.elf"
	@echo "make run        boot Lamina in QEMU (TCG) on the serial console"
	@echo "make test       unit tests + QEMU scenarios; last line 'N passed, N failed'"
	@echo "make iso        GRUB rescue ISO with the hypervisor: $(BUILD)/lamina.iso"
	@echo "make clean      remove $(BUILD)"

deps:
	@scripts/install-deps

hypervisor: $(HV)/lamina.elf

# Rebuild everything when the flags change.
$(HV)/.flags: FORCE
	@mkdir -p $(dir $@)
	@echo '$(HV_CFLAGS) $(HV_ASFLAGS) $(HV_LDFLAGS)' | cmp -s - $@ || \
		echo '$(HV_CFLAGS) $(HV_ASFLAGS) $(HV_LDFLAGS)' > $@
FORCE:

$(HV)/%.c.o: %.c $(HV)/.flags
	@mkdir -p $(dir $@)
	$(call say,CC,$<)
	$(Q)$(CC) $(HV_CFLAGS) -c $< -o $@

$(HV)/%.S.o: %.S $(HV)/.flags
	@mkdir -p $(dir $@)
	$(call say,AS,$<)
	$(Q)$(CC) $(HV_ASFLAGS) -c $< -o $@

$(HV)/lamina.lds: hypervisor/arch/x86/lamina.lds.S hypervisor/arch/x86/include/asm/config.h
	@mkdir -p $(dir $@)
	$(Q)$(CC) -E -P -x c -D__ASSEMBLER__ $(HV_INCLUDES) $< -o $@

# The symbol table is embedded in two link passes: the first links with an
# empty table; its text symbols become the table of the second. The table sits
# after .data, so the second pass does not move any function; the build checks it.
$(HV)/symbols.0.c:
	@mkdir -p $(dir $@)
	$(Q)echo | scripts/gen-symbols > $@

$(HV)/%.sym.o: $(HV)/%.c
	$(Q)$(CC) $(HV_CFLAGS) -c $< -o $@

$(HV)/lamina.0.elf: $(HV_OBJS) $(HV)/symbols.0.sym.o $(HV)/lamina.lds
	$(call say,LD,$@)
	$(Q)$(LD) $(HV_LDFLAGS) -T $(HV)/lamina.lds -o $@ $(HV_OBJS) $(HV)/symbols.0.sym.o

$(HV)/symbols.1.c: $(HV)/lamina.0.elf scripts/gen-symbols
	$(Q)nm -n -S --defined-only $< | scripts/gen-symbols > $@

$(HV)/lamina.elf: $(HV_OBJS) $(HV)/symbols.1.sym.o $(HV)/lamina.lds
	$(call say,LD,$@)
	$(Q)$(LD) $(HV_LDFLAGS) -T $(HV)/lamina.lds -o $@ $(HV_OBJS) $(HV)/symbols.1.sym.o
	$(Q)nm -n -S --defined-only $@ | scripts/gen-symbols | cmp -s - $(HV)/symbols.1.c || \
		{ echo "symbol table moved code between link passes" >&2; rm -f $@; exit 1; }

-include $(shell find $(HV) -name '*.d' 2>/dev/null)

# Static programs for dom0's /bin; the toolstack's build.mk files add theirs.
DOM0_PROGRAMS := $(BUILD)/dom0/xen-version $(BUILD)/dom0/memtest $(BUILD)/dom0/microbench

# ---- toolstack and backends: dom0 user space (toolstack/, backend-drivers/) ----
# Each component has a build.mk that adds its static dom0 programs to
# DOM0_PROGRAMS and the sources its Check tests need to TS_TEST_SRCS and
# TS_TEST_LIBS. Its tests are tests/toolstack/test_NAME.c (Suite *NAME_suite),
# all run by one binary, $(TS_TEST)/toolstack-tests, with the hosted sanitizers.
TS_CFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -Werror -Wno-unused-parameter -D_GNU_SOURCE \
	-Iguest-abi/include -Itoolstack -Ibackend-drivers -MMD -MP
TS_TEST := $(BUILD)/tests/toolstack
TS_TEST_SRCS :=
TS_TEST_LIBS :=
include $(sort $(wildcard toolstack/*/build.mk backend-drivers/*/build.mk))

TS_TESTS := $(sort $(wildcard tests/toolstack/test_*.c))
TS_SUITES := $(patsubst tests/toolstack/test_%.c,%,$(TS_TESTS))
TS_TEST_BIN := $(if $(TS_TESTS),$(TS_TEST)/toolstack-tests)

$(TS_TEST)/suites.h: $(TS_TESTS)
	@mkdir -p $(dir $@)
	@{ for s in $(TS_SUITES); do echo "SUITE($$s)"; done; } > $@.tmp && mv $@.tmp $@

$(TS_TEST)/toolstack-tests: $(TS_TESTS) tests/unit/main.c tests/unit/unit.h $(TS_TEST_SRCS) $(TS_TEST)/suites.h
	$(call say,CC,$@)
	$(Q)$(CC) $(filter-out -O2 -MMD -MP,$(TS_CFLAGS)) -O1 -fsanitize=address,undefined -fno-omit-frame-pointer \
		-I$(TS_TEST) -Itests/unit -o $@ tests/unit/main.c $(TS_TESTS) $(TS_TEST_SRCS) \
		$$(pkg-config --cflags --libs check) $(TS_TEST_LIBS)

-include $(shell find $(BUILD)/toolstack $(BUILD)/backend-drivers -name '*.d' 2>/dev/null)

# ---- unit tests (Check), hosted builds of the pure-logic files ----
UNIT := $(BUILD)/tests/unit
UNIT_TESTS := $(sort $(wildcard tests/unit/test_*.c))
UNIT_SUITES := $(patsubst tests/unit/test_%.c,%,$(UNIT_TESTS))
UNIT_CFLAGS := -std=gnu11 -O1 -g -Wall -Wextra -Werror -Wno-unused-parameter \
	-fsanitize=address,undefined -fno-omit-frame-pointer \
	-Ihypervisor/include -Ihypervisor/arch/x86/include -Iguest-abi/include -Itests/unit

$(UNIT)/suites.h: $(UNIT_TESTS)
	@mkdir -p $(dir $@)
	@{ for s in $(UNIT_SUITES); do echo "SUITE($$s)"; done; } > $@.tmp && mv $@.tmp $@

# Files a test includes itself, under other names (test_string.c: lib/string.c).
UNIT_INCLUDED := hypervisor/lib/string.c

$(UNIT)/unit-tests: $(UNIT_TESTS) tests/unit/main.c tests/unit/unit.h $(PURE_SRCS) $(UNIT_INCLUDED) \
		$(UNIT)/suites.h
	$(call say,CC,$@)
	$(Q)$(CC) $(UNIT_CFLAGS) -I$(UNIT) -o $@ tests/unit/main.c $(UNIT_TESTS) $(PURE_SRCS) \
		$$(pkg-config --cflags --libs check)

unit: deps $(UNIT)/unit-tests $(TS_TEST_BIN)
	$(UNIT)/unit-tests
	$(if $(TS_TEST_BIN),$(TS_TEST_BIN))

# ---- conformance kernels (tests/conformance): PV test kernels run on Lamina and Xen 4.17 ----
include tests/conformance/build.mk
include tests/bench/build.mk

conformance: deps hypervisor conformance-kernels
	@scripts/fetch-xen
	@tests/conformance/run.sh

# ---- benchmarks (make bench): the same workloads on Lamina and Xen 4.17, as ratios ----
bench: deps hypervisor bench-kernels dom0-image $(BUILD)/dom0/create-time
	@scripts/fetch-xen
	@tests/bench/run.sh
	@tests/bench/dom0.sh
	@tests/bench/xenstore.sh
	@tests/bench/domu.sh

# ---- dom0: Debian's kernel (scripts/fetch-kernel) and an initramfs (make dom0-image) ----
KERNEL_DIR := $(BUILD)/cache/kernel/generic
DOM0_IMAGE := $(BUILD)/dom0/initramfs.cpio.gz

kernel: deps
	@scripts/fetch-kernel generic
	@scripts/fetch-kernel cloud

# The demo domU in dom0's image: Debian's cloud kernel (LZ4 bzImage), a busybox initramfs
# (scripts/make-domu-image) and its configuration in both syntaxes.
DOMU_IMAGE := $(BUILD)/domu/initramfs.cpio.gz
DOM0_DEMO_FILES := $(BUILD)/cache/kernel/cloud/vmlinuz=/boot/vmlinuz-cloud \
	$(DOMU_IMAGE)=/boot/domu-initrd.gz scripts/dom0/demo.json=/etc/lamina/demo.json \
	scripts/dom0/demo.cfg=/etc/lamina/demo.cfg

$(DOMU_IMAGE): scripts/make-domu-image scripts/domu/init
	@mkdir -p $(dir $@)
	$(call say,IMAGE,$@)
	$(Q)scripts/make-domu-image $@

$(BUILD)/dom0/%: tests/dom0/%.c
	@mkdir -p $(dir $@)
	$(call say,CC,$@)
	$(Q)$(CC) -static -O2 -Wall -Wextra -Werror -Iguest-abi/include -o $@ $<

dom0-image: deps kernel $(DOM0_PROGRAMS) $(DOMU_IMAGE)
	$(call say,IMAGE,$(DOM0_IMAGE))
	$(Q)scripts/make-dom0-image $(DOM0_IMAGE) $(KERNEL_DIR) $(DOM0_PROGRAMS) tests/dom0/checks.sh \
		tests/dom0/domu-checks.sh \
		$(DOM0_DEMO_FILES)

# ---- running and testing ----
run: deps hypervisor dom0-image
	@scripts/qemu-run

test: deps hypervisor $(UNIT)/unit-tests $(TS_TEST_BIN) iso conformance-kernels dom0-image
	@scripts/fetch-xen
	@tests/run-all

iso: deps $(BUILD)/lamina.iso

$(BUILD)/lamina.iso: $(HV)/lamina.elf scripts/make-iso
	$(call say,ISO,$@)
	$(Q)scripts/make-iso $@ $(HV)/lamina.elf

clean:
	rm -rf $(BUILD)
