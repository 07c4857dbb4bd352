# src/ui: see the comment at the top of each file.
noinst_LIBRARIES += src/ui/libui.a
src_ui_libui_a_CPPFLAGS = $(LIB_CPPFLAGS)
src_ui_libui_a_SOURCES =
