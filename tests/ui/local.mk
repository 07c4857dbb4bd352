# tests/ui
# Themes: parsing (fixtures in tests/fixtures/themes), fallback, the shipped
# themes, colour downgrade, search order; colour pairs on newterm() screens.
check_PROGRAMS += tests/ui/test_theme
TESTS += tests/ui/test_theme
tests_ui_test_theme_SOURCES = tests/ui/test_theme.c \
	tests/ui/theme_test.c tests/ui/theme_test.h
tests_ui_test_theme_CPPFLAGS = $(TEST_CPPFLAGS)
tests_ui_test_theme_LDADD = $(TEST_LIBS)
check_PROGRAMS += tests/ui/test_theme_files
TESTS += tests/ui/test_theme_files
tests_ui_test_theme_files_SOURCES = tests/ui/test_theme_files.c tests/ui/export_test.c \
	tests/ui/export_test.h tests/ui/theme_test.c tests/ui/theme_test.h
tests_ui_test_theme_files_CPPFLAGS = $(TEST_CPPFLAGS)
tests_ui_test_theme_files_LDADD = $(TEST_LIBS)
check_PROGRAMS += tests/ui/test_theme_apply
TESTS += tests/ui/test_theme_apply
tests_ui_test_theme_apply_SOURCES = tests/ui/test_theme_apply.c
tests_ui_test_theme_apply_CPPFLAGS = $(TEST_CPPFLAGS)
tests_ui_test_theme_apply_LDADD = $(TEST_LIBS)
# Screenshot export: grids written as SVG/HTML/TXT, deterministic, valid XML
# (python3 or xmllint), one text row per screen row, rendered by rsvg-convert
# where present; capture from a newterm() screen.
check_PROGRAMS += tests/ui/test_export
TESTS += tests/ui/test_export
tests_ui_test_export_SOURCES = tests/ui/test_export.c tests/ui/export_test.c tests/ui/export_test.h
tests_ui_test_export_CPPFLAGS = $(TEST_CPPFLAGS)
tests_ui_test_export_LDADD = $(TEST_LIBS)
# test_export keeps what it wrote for a person to look at.
CLEANFILES += tests/ui/export-*.svg tests/ui/export-*.png tests/ui/export-*.html \
	tests/ui/export-*.txt
# Animations: frames as one SVG (each frame the still of its grid, one shown
# at a time) and as an asciicast; forkscope --animate on the fork scenario
# (xmllint), and the option combinations it refuses.
check_PROGRAMS += tests/ui/test_animate
TESTS += tests/ui/test_animate
tests_ui_test_animate_SOURCES = tests/ui/test_animate.c tests/ui/export_test.c tests/ui/export_test.h \
	$(SCENARIO_ROWS)
tests_ui_test_animate_CPPFLAGS = $(TEST_CPPFLAGS)
tests_ui_test_animate_LDADD = $(TEST_LIBS)
CLEANFILES += tests/ui/animate-*.svg tests/ui/animate-*.cast
# Row formatting, stable ids, page shades, layouts, the key table and the
# tree's order under churn, without a terminal.
check_PROGRAMS += tests/ui/test_format
TESTS += tests/ui/test_format
tests_ui_test_format_SOURCES = tests/ui/test_format.c \
	tests/ui/format_test.c tests/ui/format_test.h
tests_ui_test_format_CPPFLAGS = $(TEST_CPPFLAGS)
tests_ui_test_format_LDADD = $(TEST_LIBS)
check_PROGRAMS += tests/ui/test_format_panes
TESTS += tests/ui/test_format_panes
tests_ui_test_format_panes_SOURCES = tests/ui/test_format_panes.c \
	tests/ui/format_test.c tests/ui/format_test.h
tests_ui_test_format_panes_CPPFLAGS = $(TEST_CPPFLAGS)
tests_ui_test_format_panes_LDADD = $(TEST_LIBS)
check_PROGRAMS += tests/ui/test_format_events
TESTS += tests/ui/test_format_events
tests_ui_test_format_events_SOURCES = tests/ui/test_format_events.c \
	tests/ui/format_test.c tests/ui/format_test.h
tests_ui_test_format_events_CPPFLAGS = $(TEST_CPPFLAGS)
tests_ui_test_format_events_LDADD = $(TEST_LIBS)
check_PROGRAMS += tests/ui/test_layout
TESTS += tests/ui/test_layout
tests_ui_test_layout_SOURCES = tests/ui/test_layout.c \
	tests/ui/format_test.c tests/ui/format_test.h
tests_ui_test_layout_CPPFLAGS = $(TEST_CPPFLAGS)
tests_ui_test_layout_LDADD = $(TEST_LIBS)
# The chart's data read from the spawn-cost and scale notes: real lines,
# malformed and cut ones, caps, ticks, random bytes.
check_PROGRAMS += tests/ui/test_chart
TESTS += tests/ui/test_chart
tests_ui_test_chart_SOURCES = tests/ui/test_chart.c
tests_ui_test_chart_CPPFLAGS = $(TEST_CPPFLAGS)
tests_ui_test_chart_LDADD = $(TEST_LIBS)
check_PROGRAMS += tests/ui/test_settings
TESTS += tests/ui/test_settings
tests_ui_test_settings_SOURCES = tests/ui/test_settings.c
tests_ui_test_settings_CPPFLAGS = $(TEST_CPPFLAGS)
tests_ui_test_settings_LDADD = $(TEST_LIBS)
# The bash completion, completed from the built program.
TESTS += tests/ui/completion.sh
EXTRA_DIST += tests/ui/completion.sh
# The tree's orders, folds and filter matches (Session_tree_view) and the
# settings that keep the order and the columns.
check_PROGRAMS += tests/ui/test_tree_view
TESTS += tests/ui/test_tree_view
tests_ui_test_tree_view_SOURCES = tests/ui/test_tree_view.c
tests_ui_test_tree_view_CPPFLAGS = $(TEST_CPPFLAGS)
tests_ui_test_tree_view_LDADD = $(TEST_LIBS)
# The tree and the mouse of a watch in a real terminal (tests/screen/lib.sh's
# tmux harness): folds, orders, columns and their settings, the filter's
# matches, k's signals, SGR mouse reports past column 223.
TESTS += tests/ui/tree_watch.sh tests/ui/signal.sh tests/ui/mouse_sgr.sh
EXTRA_DIST += tests/ui/watch_lib.sh tests/ui/tree_watch.sh tests/ui/signal.sh \
	tests/ui/mouse_sgr.sh
