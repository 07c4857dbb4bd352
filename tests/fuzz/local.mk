# tests/fuzz: libFuzzer targets for every parser, built by --enable-fuzzing
# (CC=clang) with `make fuzz`, run briefly by run.sh in CI.
EXTRA_DIST += tests/fuzz/run.sh tests/fuzz/corpus
FUZZ_TARGETS = tests/fuzz/fuzz_smaps tests/fuzz/fuzz_status tests/fuzz/fuzz_fdinfo \
	tests/fuzz/fuzz_pagemap tests/fuzz/fuzz_protocol tests/fuzz/fuzz_sigmask \
	tests/fuzz/fuzz_theme tests/fuzz/fuzz_trace tests/fuzz/fuzz_environ tests/fuzz/fuzz_settings \
	tests/fuzz/fuzz_netsock tests/fuzz/fuzz_unixdiag
EXTRA_PROGRAMS = $(FUZZ_TARGETS)
FUZZ_LINK = -fsanitize=fuzzer
tests_fuzz_fuzz_smaps_SOURCES = tests/fuzz/fuzz_smaps.c
tests_fuzz_fuzz_smaps_CPPFLAGS = $(LIB_CPPFLAGS)
tests_fuzz_fuzz_smaps_LDFLAGS = $(FUZZ_LINK)
tests_fuzz_fuzz_smaps_LDADD = $(FORKSCOPE_LIBS)
tests_fuzz_fuzz_status_SOURCES = tests/fuzz/fuzz_status.c
tests_fuzz_fuzz_status_CPPFLAGS = $(LIB_CPPFLAGS)
tests_fuzz_fuzz_status_LDFLAGS = $(FUZZ_LINK)
tests_fuzz_fuzz_status_LDADD = $(FORKSCOPE_LIBS)
tests_fuzz_fuzz_fdinfo_SOURCES = tests/fuzz/fuzz_fdinfo.c
tests_fuzz_fuzz_fdinfo_CPPFLAGS = $(LIB_CPPFLAGS)
tests_fuzz_fuzz_fdinfo_LDFLAGS = $(FUZZ_LINK)
tests_fuzz_fuzz_fdinfo_LDADD = $(FORKSCOPE_LIBS)
tests_fuzz_fuzz_pagemap_SOURCES = tests/fuzz/fuzz_pagemap.c
tests_fuzz_fuzz_pagemap_CPPFLAGS = $(LIB_CPPFLAGS)
tests_fuzz_fuzz_pagemap_LDFLAGS = $(FUZZ_LINK)
tests_fuzz_fuzz_pagemap_LDADD = $(FORKSCOPE_LIBS)
tests_fuzz_fuzz_protocol_SOURCES = tests/fuzz/fuzz_protocol.c
tests_fuzz_fuzz_protocol_CPPFLAGS = $(LIB_CPPFLAGS)
tests_fuzz_fuzz_protocol_LDFLAGS = $(FUZZ_LINK)
tests_fuzz_fuzz_protocol_LDADD = $(FORKSCOPE_LIBS)
tests_fuzz_fuzz_sigmask_SOURCES = tests/fuzz/fuzz_sigmask.c
tests_fuzz_fuzz_sigmask_CPPFLAGS = $(LIB_CPPFLAGS)
tests_fuzz_fuzz_sigmask_LDFLAGS = $(FUZZ_LINK)
tests_fuzz_fuzz_sigmask_LDADD = $(FORKSCOPE_LIBS)
tests_fuzz_fuzz_theme_SOURCES = tests/fuzz/fuzz_theme.c
tests_fuzz_fuzz_theme_CPPFLAGS = $(LIB_CPPFLAGS)
tests_fuzz_fuzz_theme_LDFLAGS = $(FUZZ_LINK)
tests_fuzz_fuzz_theme_LDADD = $(FORKSCOPE_LIBS)

.PHONY: fuzz
fuzz: $(FUZZ_TARGETS)
tests_fuzz_fuzz_trace_SOURCES = tests/fuzz/fuzz_trace.c
tests_fuzz_fuzz_trace_CPPFLAGS = $(LIB_CPPFLAGS)
tests_fuzz_fuzz_trace_LDFLAGS = $(FUZZ_LINK)
tests_fuzz_fuzz_trace_LDADD = $(FORKSCOPE_LIBS)
tests_fuzz_fuzz_environ_SOURCES = tests/fuzz/fuzz_environ.c
tests_fuzz_fuzz_environ_CPPFLAGS = $(LIB_CPPFLAGS)
tests_fuzz_fuzz_environ_LDFLAGS = $(FUZZ_LINK)
tests_fuzz_fuzz_environ_LDADD = $(FORKSCOPE_LIBS)
tests_fuzz_fuzz_settings_SOURCES = tests/fuzz/fuzz_settings.c
tests_fuzz_fuzz_settings_CPPFLAGS = $(LIB_CPPFLAGS)
tests_fuzz_fuzz_settings_LDFLAGS = $(FUZZ_LINK)
tests_fuzz_fuzz_settings_LDADD = $(FORKSCOPE_LIBS)
tests_fuzz_fuzz_netsock_SOURCES = tests/fuzz/fuzz_netsock.c
tests_fuzz_fuzz_netsock_CPPFLAGS = $(LIB_CPPFLAGS)
tests_fuzz_fuzz_netsock_LDFLAGS = $(FUZZ_LINK)
tests_fuzz_fuzz_netsock_LDADD = $(FORKSCOPE_LIBS)
tests_fuzz_fuzz_unixdiag_SOURCES = tests/fuzz/fuzz_unixdiag.c
tests_fuzz_fuzz_unixdiag_CPPFLAGS = $(LIB_CPPFLAGS)
tests_fuzz_fuzz_unixdiag_LDFLAGS = $(FUZZ_LINK)
tests_fuzz_fuzz_unixdiag_LDADD = $(FORKSCOPE_LIBS)
