# tests/bench/build.mk - the PV micro-benchmark kernel, built with the
# conformance runtime (tests/conformance/build.mk must be included first).

BENCH_OUT := $(BUILD)/bench
BENCH_ELF := $(BENCH_OUT)/pvbench.elf

$(BENCH_ELF): $(CONF_OUT)/tests/bench/pvbench.c.o $(CONF_RT_OBJS) $(CONF_RT_DIR)/kernel.lds
	@mkdir -p $(dir $@)
	$(call say,LD,$@)
	$(Q)$(CONF_LD) $(CONF_LDFLAGS) -o $@ $(filter %.o,$^)

.PHONY: bench-kernels
bench-kernels: $(BENCH_ELF)
