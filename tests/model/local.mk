# tests/model: the session's own rules on synthetic events.
check_PROGRAMS += tests/model/test_session
TESTS += tests/model/test_session
tests_model_test_session_SOURCES = tests/model/test_session.c
tests_model_test_session_CPPFLAGS = $(TEST_CPPFLAGS)
tests_model_test_session_LDADD = $(TEST_LIBS)
check_PROGRAMS += tests/model/test_snapshot
TESTS += tests/model/test_snapshot
tests_model_test_snapshot_SOURCES = tests/model/test_snapshot.c
tests_model_test_snapshot_CPPFLAGS = $(TEST_CPPFLAGS)
tests_model_test_snapshot_LDADD = $(TEST_LIBS)
