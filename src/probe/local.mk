# src/probe: see the comment at the top of each file.
noinst_LIBRARIES += src/probe/libprobe.a
src_probe_libprobe_a_CPPFLAGS = $(LIB_CPPFLAGS)
src_probe_libprobe_a_SOURCES =
src_probe_libprobe_a_SOURCES += src/probe/textscan.c src/probe/textscan.h \
	src/probe/readstate.c src/probe/readstate.h \
	src/probe/procfs.c src/probe/procfs.h \
	src/probe/sigset.c src/probe/sigset.h \
	src/probe/identity.c src/probe/identity.h \
	src/probe/status.c src/probe/status.h \
	src/probe/identity_batch.c src/probe/identity_batch.h \
	src/probe/smaps.c src/probe/smaps.h \
	src/probe/pagemap.c src/probe/pagemap.h \
	src/probe/fdtable.c src/probe/netsock.c src/probe/netsock.h src/probe/fdtable.h \
	src/probe/unixdiag.c src/probe/unixdiag.h \
	src/probe/statcache.c src/probe/statcache.h \
	src/probe/proctable.c src/probe/proctable.h \
	src/probe/environ.c src/probe/environ.h \
	src/probe/execrec.c src/probe/execrec.h \
	src/probe/brief.c src/probe/brief.h \
	src/probe/detail.c src/probe/detail.h \
	src/probe/privilege.c src/probe/privilege.h
