# The program: command line and modes.
bin_PROGRAMS += src/forkscope
src_forkscope_SOURCES = src/main.c $(SCENARIO_ROWS)
src_forkscope_CPPFLAGS = $(LIB_CPPFLAGS)
src_forkscope_LDADD = $(FORKSCOPE_LIBS)
