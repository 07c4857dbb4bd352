# tests/record: recordings, their codec on real reads and whole runs
# recorded and replayed (batch and screen).
check_PROGRAMS += tests/record/test_codec
TESTS += tests/record/test_codec tests/record/recording.sh
tests_record_test_codec_SOURCES = tests/record/test_codec.c
tests_record_test_codec_CPPFLAGS = $(TEST_CPPFLAGS)
tests_record_test_codec_LDADD = $(TEST_LIBS)
EXTRA_DIST += tests/record/recording.sh
