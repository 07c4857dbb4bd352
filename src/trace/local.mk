# src/trace: see the comment at the top of each file.
noinst_LIBRARIES += src/trace/libtrace.a
src_trace_libtrace_a_CPPFLAGS = $(LIB_CPPFLAGS)
src_trace_libtrace_a_SOURCES =
