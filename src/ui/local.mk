# src/ui: see the comment at the top of each file.
noinst_LIBRARIES += src/ui/libui.a
src_ui_libui_a_CPPFLAGS = $(LIB_CPPFLAGS)
src_ui_libui_a_SOURCES =
# The user's settings file (parse pure, load and save).
src_ui_libui_a_SOURCES += src/ui/settings.h src/ui/settings.c
# Themes: pure parsing (theme_parse, theme_color, theme_builtin), files
# (theme_load), curses pairs (theme_curses).
src_ui_libui_a_SOURCES += src/ui/theme.h src/ui/theme_internal.h src/ui/theme_parse.c \
	src/ui/theme_color.c src/ui/theme_builtin.c src/ui/theme_load.c src/ui/theme_curses.c
# Screenshot export: the cell grid and its writers, and the capture from curses.
src_ui_libui_a_SOURCES += src/ui/export.h src/ui/export_internal.h src/ui/export.c \
	src/ui/export_text.c src/ui/export_svg.c src/ui/export_glyph.c src/ui/capture.c
# The interactive program: pure formatting (text, glyphs, stable ids, format_*),
# drawing and layout, one file per pane, keys, the main loop, the screenshot driver.
src_ui_libui_a_SOURCES += src/ui/ui.h src/ui/app.h src/ui/app.c src/ui/app_loop.c \
	src/ui/text.h src/ui/text.c src/ui/glyphs.h src/ui/glyphs.c \
	src/ui/stable.h src/ui/stable.c src/ui/format.h src/ui/format_proc.c \
	src/ui/format_mem.c src/ui/format_pages.c src/ui/format_fd.c src/ui/format_sig.c \
	src/ui/format_process.c src/ui/format_event.c src/ui/format_exec.c src/ui/textblock.h src/ui/textblock.c \
	src/ui/term.h src/ui/term.c src/ui/draw.h src/ui/draw.c \
	src/ui/layout.h src/ui/layout.c src/ui/source.h src/ui/source_runner.c \
	src/ui/pane.h src/ui/pane.c src/ui/pane_list.c src/ui/pane_tree.c \
	src/ui/pane_memory.c src/ui/pane_pages.c src/ui/pane_fds.c src/ui/pane_process.c \
	src/ui/pane_events.c src/ui/pane_status.c src/ui/pane_help.c \
	src/ui/keys.h src/ui/keys_internal.h src/ui/keys.c src/ui/keys_tree.c \
	src/ui/keys_signal.c src/ui/screenshot.c
# The chart of spawn-cost and scale: its data read from notes (pure), its pane.
src_ui_libui_a_SOURCES += src/ui/chart_data.h src/ui/chart_data.c src/ui/pane_chart.c
src_ui_libui_a_SOURCES += src/ui/source_watch.c
