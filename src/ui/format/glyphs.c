/*
 * The two glyph tables (see glyphs.h). Every UTF-8 glyph here is one column
 * wide in wcwidth, so layout arithmetic in columns holds for both tables;
 * each entry of the two tables takes the same number of columns.
 */
#include "ui/format/glyphs.h"

static const Glyphs utf8_glyphs = {
	.top_left = "╭", .top_right = "╮", .bottom_left = "╰", .bottom_right = "╯",
	.horizontal = "─", .vertical = "│",
	.title_left = " ", .title_right = " ",
	.tree_branch = "├─ ", .tree_last = "└─ ", .tree_through = "│  ", .tree_blank = "   ",
	.page_shared = "░", .page_mostly_shared = "▒", .page_mostly_exclusive = "▓",
	.page_exclusive = "█", .page_absent = "·", .page_swapped = "s",
	.ellipsis = "…", .cursor = "▸", .bullet = "·", .arrow_right = "→",
	.arrow_up = "↑", .arrow_down = "↓", .check = "✓", .cross = "✗",
	.added = "+", .removed = "-", .step_rule = "─", .scroll_thumb = "┃",
};

static const Glyphs ascii_glyphs = {
	.top_left = "+", .top_right = "+", .bottom_left = "+", .bottom_right = "+",
	.horizontal = "-", .vertical = "|",
	.title_left = " ", .title_right = " ",
	.tree_branch = "|- ", .tree_last = "`- ", .tree_through = "|  ", .tree_blank = "   ",
	.page_shared = "-", .page_mostly_shared = "+", .page_mostly_exclusive = "*",
	.page_exclusive = "#", .page_absent = ".", .page_swapped = "s",
	.ellipsis = "~", .cursor = ">", .bullet = "-", .arrow_right = ">",
	.arrow_up = "^", .arrow_down = "v", .check = "y", .cross = "x",
	.added = "+", .removed = "-", .step_rule = "-", .scroll_thumb = "#",
};

const Glyphs *glyphs_get(bool ascii)
{
	return ascii ? &ascii_glyphs : &utf8_glyphs;
}
