# src/model: see the comment at the top of each file.
noinst_LIBRARIES += src/model/libmodel.a
src_model_libmodel_a_CPPFLAGS = $(LIB_CPPFLAGS)
src_model_libmodel_a_SOURCES =
