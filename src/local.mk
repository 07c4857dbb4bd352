# The program: command line and modes.
bin_PROGRAMS += src/forkscope
src_forkscope_SOURCES = src/main.c src/cli.c src/cli.h $(SCENARIO_ROWS)
src_forkscope_CPPFLAGS = $(LIB_CPPFLAGS)
src_forkscope_LDADD = src/bench/libbench.a $(FORKSCOPE_LIBS)
# The catalogues laid out as gettext looks for them (LANG/LC_MESSAGES), in
# the build tree: forkscope and its helper run from there find them without
# make install (i18n_localedir in base/i18n.h).
noinst_DATA = po/locale/ko/LC_MESSAGES/forkscope.mo
po/locale/ko/LC_MESSAGES/forkscope.mo: $(top_srcdir)/po/ko.po
	$(AM_V_GEN)$(MKDIR_P) $(@D) && $(MSGFMT) -c -o $@ $(top_srcdir)/po/ko.po
CLEANFILES += po/locale/ko/LC_MESSAGES/forkscope.mo
