# tests/i18n: the Korean translation as a user meets it (forkscope --list,
# --help, error messages of the command line, of scenario options and of a
# missing terminal, a scenario's batch text with the runner's note and the
# demo helper's prose, inspect's reasons) and the JSON left in English. The
# catalogue is compiled from po/ko.po into the build tree and forkscope (and
# the helper it starts) finds it through FORKSCOPE_LOCALEDIR, so the test
# needs no make install; one check runs them without that variable, and they
# find the build tree's po/locale by themselves (base/i18n.h). The test is
# skipped when the ko_KR.UTF-8 locale is not installed.
I18N_TEST_MO = tests/i18n/locale/ko/LC_MESSAGES/forkscope.mo
check_PROGRAMS += tests/i18n/test_i18n
TESTS += tests/i18n/test_i18n
tests_i18n_test_i18n_SOURCES = tests/i18n/test_i18n.c
tests_i18n_test_i18n_CPPFLAGS = $(TEST_CPPFLAGS) \
	-DI18N_LOCALEDIR='"$(abs_top_builddir)/tests/i18n/locale"'
tests_i18n_test_i18n_LDADD = $(CHECK_LIBS)
EXTRA_tests_i18n_test_i18n_DEPENDENCIES = $(I18N_TEST_MO)
$(I18N_TEST_MO): $(top_srcdir)/po/ko.po
	$(AM_V_GEN)$(MKDIR_P) $(@D) && $(MSGFMT) -c -o $@ $(top_srcdir)/po/ko.po
CLEANFILES += $(I18N_TEST_MO)
