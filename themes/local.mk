# Themes: one file each, key = colour lines.
