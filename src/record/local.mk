# src/record: recordings (a session as JSON lines, written as it goes and
# read back) and their codec. See the comment at the top of each file.
noinst_LIBRARIES += src/record/librecord.a
src_record_librecord_a_CPPFLAGS = $(LIB_CPPFLAGS)
src_record_librecord_a_SOURCES = src/record/codec.c src/record/codec.h \
	src/record/recording.c src/record/recording.h
