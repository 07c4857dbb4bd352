# The program: command line and modes.
bin_PROGRAMS += src/forkscope
src_forkscope_SOURCES = src/main.c src/cli.c src/cli.h $(SCENARIO_ROWS)
src_forkscope_CPPFLAGS = $(LIB_CPPFLAGS)
src_forkscope_LDADD = src/bench/libbench.a $(FORKSCOPE_LIBS)
