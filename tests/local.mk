# Tests: Check suites in tests/unit (against fixtures and the real kernel),
# screen tests in tests/screen (tmux), fixtures in tests/fixtures.
TEST_CPPFLAGS = $(LIB_CPPFLAGS) $(CHECK_CFLAGS) -DFIXTURES_DIR='"$(abs_top_srcdir)/tests/fixtures"'
TEST_LIBS = $(FORKSCOPE_LIBS) $(CHECK_LIBS)
# Directories listed here must be ones the build never writes into: dist
# copies a listed directory from the build tree too (test logs included).
EXTRA_DIST += tests/fixtures

# Folders that hold only test scripts get no build folder of their own from
# automake; the test driver needs one for its logs (VPATH builds, distcheck).
check_DATA = tests/screen/.dirstamp-tests
tests/screen/.dirstamp-tests:
	@$(MKDIR_P) tests/screen && touch $@
CLEANFILES += tests/screen/.dirstamp-tests
