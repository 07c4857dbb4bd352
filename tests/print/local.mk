# tests/print: what prints without a screen. The trace export on a session
# built by hand, and against a real run's --batch --json events.
check_PROGRAMS += tests/print/test_trace_export
TESTS += tests/print/test_trace_export
tests_print_test_trace_export_SOURCES = tests/print/test_trace_export.c
tests_print_test_trace_export_CPPFLAGS = $(TEST_CPPFLAGS)
tests_print_test_trace_export_LDADD = $(TEST_LIBS)
