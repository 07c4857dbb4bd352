# tests/scenario
check_PROGRAMS += tests/scenario/test_scenarios_basic
TESTS += tests/scenario/test_scenarios_basic
tests_scenario_test_scenarios_basic_SOURCES = tests/scenario/test_scenarios_basic.c $(SCENARIO_ROWS)
tests_scenario_test_scenarios_basic_CPPFLAGS = $(TEST_CPPFLAGS)
tests_scenario_test_scenarios_basic_LDADD = $(TEST_LIBS)
