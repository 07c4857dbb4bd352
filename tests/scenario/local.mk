# tests/scenario
check_PROGRAMS += tests/scenario/test_scenarios_basic
TESTS += tests/scenario/test_scenarios_basic
tests_scenario_test_scenarios_basic_SOURCES = tests/scenario/test_scenarios_basic.c \
	tests/scenario/basic_truth.c tests/scenario/basic_truth.h \
	tests/scenario/spawn_truth.c tests/scenario/spawn_truth.h $(SCENARIO_ROWS)
tests_scenario_test_scenarios_basic_CPPFLAGS = $(TEST_CPPFLAGS)
tests_scenario_test_scenarios_basic_LDADD = $(TEST_LIBS)
check_PROGRAMS += tests/scenario/test_scenarios_wait
TESTS += tests/scenario/test_scenarios_wait
tests_scenario_test_scenarios_wait_SOURCES = tests/scenario/test_scenarios_wait.c \
	tests/scenario/basic_truth.c tests/scenario/basic_truth.h \
	tests/scenario/spawn_truth.c tests/scenario/spawn_truth.h $(SCENARIO_ROWS)
tests_scenario_test_scenarios_wait_CPPFLAGS = $(TEST_CPPFLAGS)
tests_scenario_test_scenarios_wait_LDADD = $(TEST_LIBS)
check_PROGRAMS += tests/scenario/test_scenarios_spawn
TESTS += tests/scenario/test_scenarios_spawn
tests_scenario_test_scenarios_spawn_SOURCES = tests/scenario/test_scenarios_spawn.c \
	tests/scenario/spawn_truth.c tests/scenario/spawn_truth.h $(SCENARIO_ROWS)
tests_scenario_test_scenarios_spawn_CPPFLAGS = $(TEST_CPPFLAGS)
tests_scenario_test_scenarios_spawn_LDADD = $(TEST_LIBS)
check_PROGRAMS += tests/scenario/test_scenarios_cost
TESTS += tests/scenario/test_scenarios_cost
tests_scenario_test_scenarios_cost_SOURCES = tests/scenario/test_scenarios_cost.c \
	tests/scenario/spawn_truth.c tests/scenario/spawn_truth.h $(SCENARIO_ROWS)
tests_scenario_test_scenarios_cost_CPPFLAGS = $(TEST_CPPFLAGS)
tests_scenario_test_scenarios_cost_LDADD = $(TEST_LIBS)
check_PROGRAMS += tests/scenario/test_scenarios_signals
TESTS += tests/scenario/test_scenarios_signals
tests_scenario_test_scenarios_signals_SOURCES = tests/scenario/test_scenarios_signals.c \
	tests/scenario/spawn_truth.c tests/scenario/spawn_truth.h $(SCENARIO_ROWS)
tests_scenario_test_scenarios_signals_CPPFLAGS = $(TEST_CPPFLAGS)
tests_scenario_test_scenarios_signals_LDADD = $(TEST_LIBS)
check_PROGRAMS += tests/scenario/test_ordering
TESTS += tests/scenario/test_ordering
tests_scenario_test_ordering_SOURCES = tests/scenario/test_ordering.c \
	tests/scenario/spawn_truth.c tests/scenario/spawn_truth.h $(SCENARIO_ROWS)
tests_scenario_test_ordering_CPPFLAGS = $(TEST_CPPFLAGS)
tests_scenario_test_ordering_LDADD = $(TEST_LIBS)
check_PROGRAMS += tests/scenario/test_claims
TESTS += tests/scenario/test_claims
tests_scenario_test_claims_SOURCES = tests/scenario/test_claims.c \
	tests/scenario/spawn_truth.c tests/scenario/spawn_truth.h $(SCENARIO_ROWS)
tests_scenario_test_claims_CPPFLAGS = $(TEST_CPPFLAGS)
tests_scenario_test_claims_LDADD = $(TEST_LIBS)
check_PROGRAMS += tests/scenario/test_names
TESTS += tests/scenario/test_names
tests_scenario_test_names_SOURCES = tests/scenario/test_names.c $(SCENARIO_ROWS)
tests_scenario_test_names_CPPFLAGS = $(TEST_CPPFLAGS)
tests_scenario_test_names_LDADD = $(TEST_LIBS)
check_PROGRAMS += tests/scenario/test_exec_record
TESTS += tests/scenario/test_exec_record
tests_scenario_test_exec_record_SOURCES = tests/scenario/test_exec_record.c
tests_scenario_test_exec_record_CPPFLAGS = $(TEST_CPPFLAGS)
tests_scenario_test_exec_record_LDADD = $(TEST_LIBS)
check_PROGRAMS += tests/scenario/test_output_split
TESTS += tests/scenario/test_output_split
tests_scenario_test_output_split_SOURCES = tests/scenario/test_output_split.c
tests_scenario_test_output_split_CPPFLAGS = $(TEST_CPPFLAGS)
tests_scenario_test_output_split_LDADD = $(TEST_LIBS)
check_PROGRAMS += tests/scenario/test_scenarios_ns
TESTS += tests/scenario/test_scenarios_ns
tests_scenario_test_scenarios_ns_SOURCES = tests/scenario/test_scenarios_ns.c \
	tests/scenario/spawn_truth.c tests/scenario/spawn_truth.h $(SCENARIO_ROWS)
tests_scenario_test_scenarios_ns_CPPFLAGS = $(TEST_CPPFLAGS)
tests_scenario_test_scenarios_ns_LDADD = $(TEST_LIBS)
check_PROGRAMS += tests/scenario/test_scenarios_inherit
TESTS += tests/scenario/test_scenarios_inherit
tests_scenario_test_scenarios_inherit_SOURCES = tests/scenario/test_scenarios_inherit.c \
	tests/scenario/spawn_truth.c tests/scenario/spawn_truth.h $(SCENARIO_ROWS)
tests_scenario_test_scenarios_inherit_CPPFLAGS = $(TEST_CPPFLAGS)
tests_scenario_test_scenarios_inherit_LDADD = $(TEST_LIBS)
check_PROGRAMS += tests/scenario/test_scenarios_fork_fail
TESTS += tests/scenario/test_scenarios_fork_fail
tests_scenario_test_scenarios_fork_fail_SOURCES = tests/scenario/test_scenarios_fork_fail.c \
	tests/scenario/spawn_truth.c tests/scenario/spawn_truth.h $(SCENARIO_ROWS)
tests_scenario_test_scenarios_fork_fail_CPPFLAGS = $(TEST_CPPFLAGS)
tests_scenario_test_scenarios_fork_fail_LDADD = $(TEST_LIBS)
