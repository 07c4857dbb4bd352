# tests/trace
# The workload helper: makes processes in known ways for the tests to count.
# It runs traced, and LeakSanitizer cannot work under ptrace: no sanitizers.
check_PROGRAMS += tests/trace/trace-helper
tests_trace_trace_helper_SOURCES = tests/trace/trace_helper.c
tests_trace_trace_helper_CFLAGS = -std=gnu11 $(WARN_CFLAGS)
tests_trace_trace_helper_LDFLAGS = -pthread
tests_trace_trace_helper_LDADD = $(PTHREAD_LIBS)

TRACE_TEST_CPPFLAGS = $(TEST_CPPFLAGS) -I$(top_srcdir)/tests/trace \
	-DTRACE_HELPER='"$(abs_top_builddir)/tests/trace/trace-helper"'
TRACE_TEST_SUPPORT = tests/trace/trace_test.c tests/trace/trace_test.h
TRACE_TEST_LIBS = src/trace/libtrace.a src/probe/libprobe.a src/base/libbase.a $(CHECK_LIBS) $(PTHREAD_LIBS)

check_PROGRAMS += tests/trace/test_tracer
TESTS += tests/trace/test_tracer
tests_trace_test_tracer_SOURCES = tests/trace/test_tracer.c $(TRACE_TEST_SUPPORT)
tests_trace_test_tracer_CPPFLAGS = $(TRACE_TEST_CPPFLAGS)
tests_trace_test_tracer_LDADD = $(TRACE_TEST_LIBS)

check_PROGRAMS += tests/trace/test_cleanup
TESTS += tests/trace/test_cleanup
tests_trace_test_cleanup_SOURCES = tests/trace/test_cleanup.c $(TRACE_TEST_SUPPORT)
tests_trace_test_cleanup_CPPFLAGS = $(TRACE_TEST_CPPFLAGS)
tests_trace_test_cleanup_LDADD = $(TRACE_TEST_LIBS)

check_PROGRAMS += tests/trace/test_connector
TESTS += tests/trace/test_connector
tests_trace_test_connector_SOURCES = tests/trace/test_connector.c $(TRACE_TEST_SUPPORT)
tests_trace_test_connector_CPPFLAGS = $(TRACE_TEST_CPPFLAGS)
tests_trace_test_connector_LDADD = $(TRACE_TEST_LIBS)

check_PROGRAMS += tests/trace/test_poller
TESTS += tests/trace/test_poller
tests_trace_test_poller_SOURCES = tests/trace/test_poller.c $(TRACE_TEST_SUPPORT)
tests_trace_test_poller_CPPFLAGS = $(TRACE_TEST_CPPFLAGS)
tests_trace_test_poller_LDADD = $(TRACE_TEST_LIBS)

check_PROGRAMS += tests/trace/test_watch
TESTS += tests/trace/test_watch
tests_trace_test_watch_SOURCES = tests/trace/test_watch.c $(TRACE_TEST_SUPPORT)
tests_trace_test_watch_CPPFLAGS = $(TRACE_TEST_CPPFLAGS)
tests_trace_test_watch_LDADD = src/print/libprint.a src/record/librecord.a src/live/liblive.a src/model/libmodel.a src/trace/libtrace.a src/probe/libprobe.a \
	src/base/libbase.a $(EXT_LIBS) $(CHECK_LIBS)

# A real build under strace and under forkscope: the same story.
check_PROGRAMS += tests/trace/test_make_strace
TESTS += tests/trace/test_make_strace
tests_trace_test_make_strace_SOURCES = tests/trace/test_make_strace.c
tests_trace_test_make_strace_CPPFLAGS = $(TEST_CPPFLAGS)
tests_trace_test_make_strace_LDADD = $(JSONC_LIBS) $(CHECK_LIBS)
