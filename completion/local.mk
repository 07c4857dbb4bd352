# The bash completion, installed where bash-completion looks for it; the
# themes' directory is filled in at build time.
bashcompletiondir = $(datadir)/bash-completion/completions
bashcompletion_DATA = completion/forkscope
EXTRA_DIST += completion/forkscope.bash.in
CLEANFILES += completion/forkscope
completion/forkscope: completion/forkscope.bash.in Makefile
	$(MKDIR_P) completion
	sed -e 's|@THEMEDIR@|$(pkgdatadir)/themes|g' $(srcdir)/completion/forkscope.bash.in >$@.tmp
	mv $@.tmp $@
