# src/trace: see the comment at the top of each file.
noinst_LIBRARIES += src/trace/libtrace.a
src_trace_libtrace_a_CPPFLAGS = $(LIB_CPPFLAGS)
src_trace_libtrace_a_SOURCES =
src_trace_libtrace_a_SOURCES += src/trace/event.c src/trace/event.h \
	src/trace/event_queue.c src/trace/event_queue.h \
	src/trace/tracer.c src/trace/tracer_start.c src/trace/tracer_wait.c src/trace/tracer.h \
	src/trace/tracer_internal.h src/trace/tracer_log.c src/trace/tracer_log.h \
	src/trace/tracer_seccomp.c src/trace/tracer_break.c
src_trace_libtrace_a_SOURCES += src/trace/connector.c src/trace/connector.h \
	src/trace/cn_decode.c src/trace/cn_decode.h
src_trace_libtrace_a_SOURCES += src/trace/event_text.c src/trace/event_text.h
src_trace_libtrace_a_SOURCES += src/trace/poller.c src/trace/poller.h
