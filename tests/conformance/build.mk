# tests/conformance/build.mk - build the PV conformance test kernels.
#
# Included by the top-level Makefile (`include tests/conformance/build.mk`) or used alone:
#	make -f tests/conformance/build.mk conformance-kernels
# Every tests/conformance/<area>.c becomes $(BUILD)/conformance/<area>.elf, linked with the
# runtime in guest-abi/runtime/. Kernels listed in CONF_HCPAGE_KERNELS also get the
# hypercall page (and its ELF note).

BUILD ?= build

# Included from another Makefile, this file must not become its default goal.
CONF_PREV_DEFAULT_GOAL := $(.DEFAULT_GOAL)
CONF_STANDALONE := $(if $(filter 1,$(words $(MAKEFILE_LIST))),1)

ifndef Q
ifeq ($(V),1)
Q :=
else
Q := @
endif
endif
ifndef say
ifeq ($(V),1)
say = @true
else
say = @echo "  $(1)	$(2)"
endif
endif

CONF_OUT := $(BUILD)/conformance
CONF_CC := gcc
CONF_LD := ld
CONF_GCC_INCLUDE := $(shell $(CONF_CC) -print-file-name=include)

CONF_RT_DIR := guest-abi/runtime
CONF_DIR := tests/conformance

CONF_CFLAGS_BASE := -std=gnu11 -O2 -g -Wall -Wextra -Werror -Wno-unused-parameter \
	-ffreestanding -nostdinc -isystem $(CONF_GCC_INCLUDE) \
	-mno-red-zone -fno-pie -mcmodel=kernel -fno-stack-protector \
	-fno-asynchronous-unwind-tables -fcf-protection=none -fno-strict-aliasing -fno-common \
	-fno-omit-frame-pointer -fno-tree-loop-distribute-patterns \
	-Iguest-abi/include -I$(CONF_RT_DIR) -MMD -MP
# The runtime (and most tests) never touch FPU/SSE registers, so that trap and event
# handlers leave FPU state alone; kernels in CONF_SSE_KERNELS may use SSE.
CONF_CFLAGS := $(CONF_CFLAGS_BASE) -mgeneral-regs-only
CONF_SSE_CFLAGS := $(CONF_CFLAGS_BASE) -msse2
CONF_ASFLAGS := -Iguest-abi/include -I$(CONF_RT_DIR) -D__ASSEMBLER__ -g -Wa,--noexecstack -MMD -MP
CONF_LDFLAGS := -nostdlib -static -no-pie -z max-page-size=0x1000 --no-warn-rwx-segments \
	--build-id=none -T $(CONF_RT_DIR)/kernel.lds

# The string functions are the hypervisor's own (one copy), built here with the runtime's flags.
CONF_SHARED_STRING := hypervisor/lib/string.c
CONF_RT_SRCS := $(sort $(filter-out $(CONF_RT_DIR)/hypercall_page.S, \
	$(wildcard $(CONF_RT_DIR)/*.c $(CONF_RT_DIR)/*.S))) $(CONF_SHARED_STRING)
CONF_RT_OBJS := $(patsubst %,$(CONF_OUT)/%.o,$(CONF_RT_SRCS))
CONF_HCPAGE_OBJ := $(CONF_OUT)/$(CONF_RT_DIR)/hypercall_page.S.o
$(CONF_OUT)/$(CONF_SHARED_STRING).o: CONF_CFLAGS += -Ihypervisor/include

CONF_KERNEL_SRCS := $(sort $(wildcard $(CONF_DIR)/*.c))
CONF_KERNELS := $(patsubst $(CONF_DIR)/%.c,%,$(CONF_KERNEL_SRCS))
CONF_ELFS := $(patsubst %,$(CONF_OUT)/%.elf,$(CONF_KERNELS))
CONF_HCPAGE_KERNELS := hcpage
CONF_SSE_KERNELS := fpu

.PHONY: conformance-kernels
conformance-kernels: $(CONF_ELFS)

$(CONF_OUT)/%.c.o: %.c $(CONF_DIR)/build.mk
	@mkdir -p $(dir $@)
	$(call say,CC,$<)
	$(Q)$(CONF_CC) $(if $(filter $(patsubst $(CONF_DIR)/%.c,%,$<),$(CONF_SSE_KERNELS)),$(CONF_SSE_CFLAGS),$(CONF_CFLAGS)) -c $< -o $@

$(CONF_OUT)/%.S.o: %.S $(CONF_DIR)/build.mk
	@mkdir -p $(dir $@)
	$(call say,AS,$<)
	$(Q)$(CONF_CC) $(CONF_ASFLAGS) -c $< -o $@

# One rule per kernel: its own object, the runtime, and the hypercall page if it wants one.
define CONF_KERNEL_RULE
$(CONF_OUT)/$(1).elf: $(CONF_OUT)/$(CONF_DIR)/$(1).c.o $(CONF_RT_OBJS) \
		$(if $(filter $(1),$(CONF_HCPAGE_KERNELS)),$(CONF_HCPAGE_OBJ)) $(CONF_RT_DIR)/kernel.lds
	$$(call say,LD,$$@)
	$$(Q)$(CONF_LD) $(CONF_LDFLAGS) -o $$@ $$(filter %.o,$$^)
endef
$(foreach k,$(CONF_KERNELS),$(eval $(call CONF_KERNEL_RULE,$(k))))

ifneq ($(CONF_STANDALONE),1)
.DEFAULT_GOAL := $(CONF_PREV_DEFAULT_GOAL)
endif

-include $(shell find $(CONF_OUT) -name '*.d' 2>/dev/null)
