# tests/bench: the benchmarks run at a tiny size and print well-formed
# output. No time is asserted.
check_PROGRAMS += tests/bench/test_bench
TESTS += tests/bench/test_bench
tests_bench_test_bench_SOURCES = tests/bench/test_bench.c
tests_bench_test_bench_CPPFLAGS = $(TEST_CPPFLAGS) \
	-DFORKSCOPE_TINY_BUILT='"$(abs_top_builddir)/src/forkscope-tiny"'
tests_bench_test_bench_LDADD = src/bench/libbench.a $(TEST_LIBS)
EXTRA_tests_bench_test_bench_DEPENDENCIES = src/forkscope-tiny
