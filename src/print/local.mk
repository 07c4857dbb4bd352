# src/print: what prints without a screen (batch, inspect, the list). See
# the comment at the top of each file.
noinst_LIBRARIES += src/print/libprint.a
src_print_libprint_a_CPPFLAGS = $(LIB_CPPFLAGS)
src_print_libprint_a_SOURCES =
src_print_libprint_a_SOURCES += src/print/catalogue.c src/print/catalogue.h
src_print_libprint_a_SOURCES += src/print/procstate.c src/print/procstate.h \
	src/print/event_json.c src/print/event_json.h src/print/batch.c src/print/batch.h
src_print_libprint_a_SOURCES += src/print/inspect.c src/print/inspect_json.c src/print/inspect.h
src_print_libprint_a_SOURCES += src/print/exec_record.c src/print/exec_record.h \
	src/print/sigsets_json.c src/print/sigsets_json.h \
	src/print/watch.c src/print/watch.h \
	src/print/trace_export.c src/print/trace_export.h
# A recording printed as the live batch printed it.
src_print_libprint_a_SOURCES += src/print/replay.c src/print/replay.h
