# src/bench: see the comment at the top of each file.

# forkscope bench spawn|scale: the data interfaces (spawn.h, scale.h) and
# their command line (bench.h).
noinst_LIBRARIES += src/bench/libbench.a
src_bench_libbench_a_CPPFLAGS = $(LIB_CPPFLAGS)
src_bench_libbench_a_SOURCES = src/bench/bench.c src/bench/bench.h src/bench/cli.h \
	src/bench/spawn.c src/bench/spawn.h src/bench/spawn_cmd.c \
	src/bench/scale.c src/bench/scale.h src/bench/scale_cmd.c \
	src/bench/crew.c src/bench/crew.h \
	src/bench/sample.c src/bench/sample.h src/bench/machine.c src/bench/machine.h

# The program bench spawn starts: static, so exec maps no shared library.
# Its own flags, without the sanitizers (they cannot link statically).
pkglibexec_PROGRAMS += src/forkscope-tiny
src_forkscope_tiny_SOURCES = src/bench/tiny.c
src_forkscope_tiny_CFLAGS = -std=gnu11 $(WARN_CFLAGS) -O2
src_forkscope_tiny_LDFLAGS = -static

# make bench: the real bench spawn and bench scale, default sizes.
BENCH_PROGS += src/bench/bench-spawn-scale
EXTRA_DIST += src/bench/bench-spawn-scale.sh
CLEANFILES += src/bench/bench-spawn-scale
src/bench/bench-spawn-scale: src/bench/bench-spawn-scale.sh src/forkscope-tiny
	$(AM_V_GEN)$(MKDIR_P) src/bench && cp $(srcdir)/src/bench/bench-spawn-scale.sh $@ && chmod +x $@
noinst_PROGRAMS += src/bench/bench-probe
BENCH_PROGS += src/bench/bench-probe
src_bench_bench_probe_SOURCES = src/bench/bench_probe.c
src_bench_bench_probe_CPPFLAGS = $(LIB_CPPFLAGS)
src_bench_bench_probe_LDADD = src/probe/libprobe.a src/base/libbase.a $(EXT_LIBS)
# bench-trace: the price of ptrace, and the connector under a storm.
noinst_PROGRAMS += src/bench/bench-trace
BENCH_PROGS += src/bench/bench-trace
src_bench_bench_trace_SOURCES = src/bench/bench_trace.c
src_bench_bench_trace_CPPFLAGS = $(LIB_CPPFLAGS)
src_bench_bench_trace_LDADD = src/trace/libtrace.a src/probe/libprobe.a src/base/libbase.a $(EXT_LIBS)
# The screen's cost (CPU per refresh, bytes per frame, memory, first frame).
EXTRA_DIST += src/bench/bench-ui.sh
BENCH_PROGS += src/bench/bench-ui
CLEANFILES += src/bench/bench-ui
src/bench/bench-ui: src/bench/bench-ui.sh src/forkscope
	$(AM_V_GEN)$(MKDIR_P) src/bench && cp $(srcdir)/src/bench/bench-ui.sh $@ && chmod +x $@
# What watching costs: -p on its target (ptrace and connector, batch and
# screen, strace for reference) and --system against top, side by side.
EXTRA_DIST += src/bench/bench-watch.sh
BENCH_PROGS += src/bench/bench-watch
CLEANFILES += src/bench/bench-watch
src/bench/bench-watch: src/bench/bench-watch.sh src/forkscope
	$(AM_V_GEN)$(MKDIR_P) src/bench && cp $(srcdir)/src/bench/bench-watch.sh $@ && chmod +x $@
