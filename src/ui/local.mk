# src/ui: see the comment at the top of each file.
noinst_LIBRARIES += src/ui/libui.a
src_ui_libui_a_CPPFLAGS = $(LIB_CPPFLAGS)
src_ui_libui_a_SOURCES =
# Themes: pure parsing (theme_parse, theme_color, theme_builtin), files
# (theme_load), curses pairs (theme_curses).
src_ui_libui_a_SOURCES += src/ui/theme.h src/ui/theme_internal.h src/ui/theme_parse.c \
	src/ui/theme_color.c src/ui/theme_builtin.c src/ui/theme_load.c src/ui/theme_curses.c
# Screenshot export: the cell grid and its writers, and the capture from curses.
src_ui_libui_a_SOURCES += src/ui/export.h src/ui/export_internal.h src/ui/export.c \
	src/ui/export_text.c src/ui/export_svg.c src/ui/export_glyph.c src/ui/capture.c
