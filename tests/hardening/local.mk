# tests/hardening: nothing left behind, whatever way forkscope ends.
check_PROGRAMS += tests/hardening/test_kill
TESTS += tests/hardening/test_kill
tests_hardening_test_kill_SOURCES = tests/hardening/test_kill.c $(SCENARIO_ROWS)
tests_hardening_test_kill_CPPFLAGS = $(TEST_CPPFLAGS)
tests_hardening_test_kill_LDADD = $(TEST_LIBS)
