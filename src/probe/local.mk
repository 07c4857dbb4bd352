# src/probe: see the comment at the top of each file.
noinst_LIBRARIES += src/probe/libprobe.a
src_probe_libprobe_a_CPPFLAGS = $(LIB_CPPFLAGS)
src_probe_libprobe_a_SOURCES =
