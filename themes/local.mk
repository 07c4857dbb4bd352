# Themes: one file each, key = colour lines (syntax in src/ui/theme/theme_parse.c).
# Installed under the package data dir, where Theme_load looks last.
themesdir = $(pkgdatadir)/themes
dist_themes_DATA = themes/default.theme themes/light.theme themes/monochrome.theme \
	themes/high-contrast.theme themes/solarized-dark.theme
