# src/ui: see the comment at the top of each file.
noinst_LIBRARIES += src/ui/libui.a
src_ui_libui_a_CPPFLAGS = $(LIB_CPPFLAGS)
src_ui_libui_a_SOURCES =
# The user's settings file (parse pure, load and save).
src_ui_libui_a_SOURCES += src/ui/settings.h src/ui/settings.c
# Themes: pure parsing (theme_parse, theme_color, theme_builtin), files
# (theme_load), curses pairs (theme_curses).
src_ui_libui_a_SOURCES += src/ui/theme/theme.h src/ui/theme/theme_internal.h src/ui/theme/theme_parse.c \
	src/ui/theme/theme_color.c src/ui/theme/theme_builtin.c src/ui/theme/theme_load.c src/ui/theme/theme_curses.c
# Screenshot export: the cell grid and its writers, animations (SVG, asciicast),
# and the capture from curses.
src_ui_libui_a_SOURCES += src/ui/export/export.h src/ui/export/export_internal.h src/ui/export/export.c \
	src/ui/export/export_text.c src/ui/export/export_svg.c src/ui/export/export_glyph.c src/ui/export/capture.c \
	src/ui/export/export_anim.c src/ui/export/export_cast.c
# The interactive program: pure formatting (text, glyphs, stable ids, format_*),
# drawing and layout, one file per pane, keys, the main loop, the screenshot driver.
src_ui_libui_a_SOURCES += src/ui/ui.h src/ui/app.h src/ui/app.c src/ui/app_loop.c \
	src/ui/format/text.h src/ui/format/text.c src/ui/format/glyphs.h src/ui/format/glyphs.c \
	src/ui/format/stable.h src/ui/format/stable.c src/ui/format/format.h src/ui/format/format_proc.c \
	src/ui/format/format_mem.c src/ui/format/format_pages.c src/ui/format/format_fd.c src/ui/format/format_sig.c \
	src/ui/format/format_process.c src/ui/format/format_event.c src/ui/format/format_exec.c src/ui/format/textblock.h src/ui/format/textblock.c \
	src/ui/term.h src/ui/term.c src/ui/draw.h src/ui/draw.c \
	src/ui/layout.h src/ui/layout.c src/ui/source.h src/ui/source_runner.c \
	src/ui/pane/pane.h src/ui/pane/pane.c src/ui/pane/pane_list.c src/ui/pane/pane_tree.c \
	src/ui/pane/pane_memory.c src/ui/pane/pane_pages.c src/ui/pane/pane_fds.c src/ui/pane/pane_process.c \
	src/ui/pane/pane_events.c src/ui/pane/pane_status.c src/ui/pane/pane_help.c \
	src/ui/keys.h src/ui/keys_internal.h src/ui/keys.c src/ui/keys_tree.c \
	src/ui/keys_signal.c src/ui/keys_console.c src/ui/keys_break.c src/ui/screenshot.c \
	src/ui/travel.h src/ui/travel.c
# The chart of spawn-cost and scale: its data read from notes (pure), its pane.
src_ui_libui_a_SOURCES += src/ui/format/chart_data.h src/ui/format/chart_data.c src/ui/pane/pane_chart.c
src_ui_libui_a_SOURCES += src/ui/source_watch.c src/ui/source_replay.c
# The terminal pane's console: the command's pty and libvterm's screen, its keys.
src_ui_libui_a_SOURCES += src/ui/console/console.h src/ui/console/console_internal.h \
	src/ui/console/console.c src/ui/console/console_keys.c src/ui/pane/pane_console.c \
	src/ui/pane/pane_breaks.c
