# src/model: the session (records, tree, focus, event log).
noinst_LIBRARIES += src/model/libmodel.a
src_model_libmodel_a_CPPFLAGS = $(LIB_CPPFLAGS)
src_model_libmodel_a_SOURCES = src/model/session.c src/model/session.h \
	src/model/tree.c src/model/focus.c \
	src/model/execlog.c src/model/execlog.h src/model/snapshot.c src/model/snapshot.h
