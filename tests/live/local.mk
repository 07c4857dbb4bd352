# tests/live: the live engine's own pieces. test_breakpoint is pure (the
# --break parser and matcher); test_break runs the tracer, the on-break
# command and forkscope --batch --break against the real kernel.
check_PROGRAMS += tests/live/test_breakpoint
TESTS += tests/live/test_breakpoint
tests_live_test_breakpoint_SOURCES = tests/live/test_breakpoint.c
tests_live_test_breakpoint_CPPFLAGS = $(TEST_CPPFLAGS)
tests_live_test_breakpoint_LDADD = src/live/liblive.a src/model/libmodel.a src/trace/libtrace.a \
	src/probe/libprobe.a src/base/libbase.a $(EXT_LIBS) $(CHECK_LIBS)

check_PROGRAMS += tests/live/test_break
TESTS += tests/live/test_break
tests_live_test_break_SOURCES = tests/live/test_break.c $(TRACE_TEST_SUPPORT)
tests_live_test_break_CPPFLAGS = $(TRACE_TEST_CPPFLAGS)
tests_live_test_break_LDADD = src/live/liblive.a src/model/libmodel.a src/trace/libtrace.a \
	src/probe/libprobe.a src/base/libbase.a $(EXT_LIBS) $(CHECK_LIBS)
