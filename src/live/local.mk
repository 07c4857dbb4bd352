# src/live: between the event sources (trace, probe) and the model: what
# is captured as events happen. See the comment at the top of each file.
noinst_LIBRARIES += src/live/liblive.a
src_live_liblive_a_CPPFLAGS = $(LIB_CPPFLAGS)
src_live_liblive_a_SOURCES = src/live/breakpoint.c src/live/breakpoint.h \
	src/live/exec_capture.c src/live/exec_capture.h src/live/on_break.c src/live/on_break.h \
	src/live/spawn.c src/live/spawn.h src/live/pty.c src/live/pty.h \
	src/live/hand_over.c src/live/hand_over.h \
	src/live/watch.c src/live/watch.h src/live/watch_tree.c src/live/watch_tree.h
