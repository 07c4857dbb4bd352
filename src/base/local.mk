# src/base: allocation that restores the terminal before dying; the clock;
# writing a file whole or not at all.
noinst_LIBRARIES += src/base/libbase.a
src_base_libbase_a_CPPFLAGS = $(LIB_CPPFLAGS)
src_base_libbase_a_SOURCES = src/base/xalloc.c src/base/xalloc.h src/base/clock.h \
	src/base/i18n.c src/base/i18n.h src/base/self_exe.h \
	src/base/pidmap.c src/base/pidmap.h \
	src/base/atomic_file.c src/base/atomic_file.h src/base/strv.c src/base/strv.h
