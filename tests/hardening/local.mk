# tests/hardening: nothing left behind, whatever way forkscope ends.
check_PROGRAMS += tests/hardening/test_kill
TESTS += tests/hardening/test_kill
tests_hardening_test_kill_SOURCES = tests/hardening/test_kill.c $(SCENARIO_ROWS)
tests_hardening_test_kill_CPPFLAGS = $(TEST_CPPFLAGS)
tests_hardening_test_kill_LDADD = $(TEST_LIBS)
# Scripts: valgrind memcheck on every scenario's batch run, bad input of
# every kind, the process and memory caps, privilege, and signals.
TESTS += tests/hardening/valgrind.sh tests/hardening/bad_input.sh \
	tests/hardening/limits.sh tests/hardening/privilege.sh tests/hardening/signals.sh
EXTRA_DIST += tests/hardening/valgrind.sh tests/hardening/bad_input.sh \
	tests/hardening/limits.sh tests/hardening/privilege.sh tests/hardening/signals.sh
