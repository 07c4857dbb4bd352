# tests/probe
# The probe's tests link only what they test (libprobe, libbase), so they
# build and run while other parts are mid-change; the inspect test compiles
# the inspect report's two files in for the same reason.
PROBE_TEST_LIBS = src/probe/libprobe.a src/base/libbase.a $(EXT_LIBS) $(CHECK_LIBS)

check_PROGRAMS += tests/probe/test_parsers
TESTS += tests/probe/test_parsers
tests_probe_test_parsers_SOURCES = tests/probe/test_parsers.c \
	tests/probe/fixture.c tests/probe/fixture.h
tests_probe_test_parsers_CPPFLAGS = $(TEST_CPPFLAGS)
tests_probe_test_parsers_LDADD = $(PROBE_TEST_LIBS)

check_PROGRAMS += tests/probe/test_parsers_memory
TESTS += tests/probe/test_parsers_memory
tests_probe_test_parsers_memory_SOURCES = tests/probe/test_parsers_memory.c \
	tests/probe/fixture.c tests/probe/fixture.h
tests_probe_test_parsers_memory_CPPFLAGS = $(TEST_CPPFLAGS)
tests_probe_test_parsers_memory_LDADD = $(PROBE_TEST_LIBS)

check_PROGRAMS += tests/probe/test_parsers_fd
TESTS += tests/probe/test_parsers_fd
tests_probe_test_parsers_fd_SOURCES = tests/probe/test_parsers_fd.c \
	tests/probe/fixture.c tests/probe/fixture.h
tests_probe_test_parsers_fd_CPPFLAGS = $(TEST_CPPFLAGS)
tests_probe_test_parsers_fd_LDADD = $(PROBE_TEST_LIBS)

check_PROGRAMS += tests/probe/test_parsers_garbage
TESTS += tests/probe/test_parsers_garbage
tests_probe_test_parsers_garbage_SOURCES = tests/probe/test_parsers_garbage.c \
	tests/probe/fixture.c tests/probe/fixture.h
tests_probe_test_parsers_garbage_CPPFLAGS = $(TEST_CPPFLAGS)
tests_probe_test_parsers_garbage_LDADD = $(PROBE_TEST_LIBS)

check_PROGRAMS += tests/probe/test_kernel
TESTS += tests/probe/test_kernel
tests_probe_test_kernel_SOURCES = tests/probe/test_kernel.c tests/probe/subject.c tests/probe/subject.h
tests_probe_test_kernel_CPPFLAGS = $(TEST_CPPFLAGS)
tests_probe_test_kernel_LDADD = $(PROBE_TEST_LIBS)

check_PROGRAMS += tests/probe/test_kernel_states
TESTS += tests/probe/test_kernel_states
tests_probe_test_kernel_states_SOURCES = tests/probe/test_kernel_states.c
tests_probe_test_kernel_states_CPPFLAGS = $(TEST_CPPFLAGS)
tests_probe_test_kernel_states_LDADD = $(PROBE_TEST_LIBS)

check_PROGRAMS += tests/probe/test_inspect
TESTS += tests/probe/test_inspect
tests_probe_test_inspect_SOURCES = tests/probe/test_inspect.c tests/probe/subject.c tests/probe/subject.h \
	src/print/inspect.c src/print/inspect_json.c src/print/inspect.h \
	src/print/sigsets_json.c src/print/sigsets_json.h
tests_probe_test_inspect_CPPFLAGS = $(TEST_CPPFLAGS)
tests_probe_test_inspect_LDADD = $(PROBE_TEST_LIBS)

check_PROGRAMS += tests/probe/test_unixdiag
TESTS += tests/probe/test_unixdiag
tests_probe_test_unixdiag_SOURCES = tests/probe/test_unixdiag.c tests/probe/subject.c tests/probe/subject.h \
	src/print/inspect.c src/print/inspect_json.c src/print/inspect.h \
	src/print/sigsets_json.c src/print/sigsets_json.h
tests_probe_test_unixdiag_CPPFLAGS = $(TEST_CPPFLAGS)
tests_probe_test_unixdiag_LDADD = $(PROBE_TEST_LIBS)

check_PROGRAMS += tests/probe/test_proctable
TESTS += tests/probe/test_proctable
tests_probe_test_proctable_SOURCES = tests/probe/test_proctable.c
tests_probe_test_proctable_CPPFLAGS = $(TEST_CPPFLAGS)
tests_probe_test_proctable_LDADD = $(PROBE_TEST_LIBS)
