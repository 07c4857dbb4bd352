/*
 * Keys for the command (see Console_key): curses' key codes become what a
 * terminal sends for them. Plain bytes go as they came (a UTF-8 character
 * arrives as its bytes); named keys go through libvterm, which encodes
 * them as the program asked (application cursor keys for less or vim,
 * modifiers as xterm writes them).
 */
#include "ui/console/console_internal.h"

#include <curses.h>
#include <string.h>

typedef struct NamedKey {
	int curses;
	VTermKey key;
	VTermModifier mod;
} NamedKey;

static const NamedKey named_keys[] = {
	{ KEY_UP, VTERM_KEY_UP, VTERM_MOD_NONE },
	{ KEY_DOWN, VTERM_KEY_DOWN, VTERM_MOD_NONE },
	{ KEY_LEFT, VTERM_KEY_LEFT, VTERM_MOD_NONE },
	{ KEY_RIGHT, VTERM_KEY_RIGHT, VTERM_MOD_NONE },
	{ KEY_SR, VTERM_KEY_UP, VTERM_MOD_SHIFT },
	{ KEY_SF, VTERM_KEY_DOWN, VTERM_MOD_SHIFT },
	{ KEY_SLEFT, VTERM_KEY_LEFT, VTERM_MOD_SHIFT },
	{ KEY_SRIGHT, VTERM_KEY_RIGHT, VTERM_MOD_SHIFT },
	{ KEY_HOME, VTERM_KEY_HOME, VTERM_MOD_NONE },
	{ KEY_END, VTERM_KEY_END, VTERM_MOD_NONE },
	{ KEY_SHOME, VTERM_KEY_HOME, VTERM_MOD_SHIFT },
	{ KEY_SEND, VTERM_KEY_END, VTERM_MOD_SHIFT },
	{ KEY_PPAGE, VTERM_KEY_PAGEUP, VTERM_MOD_NONE },
	{ KEY_NPAGE, VTERM_KEY_PAGEDOWN, VTERM_MOD_NONE },
	{ KEY_SPREVIOUS, VTERM_KEY_PAGEUP, VTERM_MOD_SHIFT },
	{ KEY_SNEXT, VTERM_KEY_PAGEDOWN, VTERM_MOD_SHIFT },
	{ KEY_IC, VTERM_KEY_INS, VTERM_MOD_NONE },
	{ KEY_DC, VTERM_KEY_DEL, VTERM_MOD_NONE },
	{ KEY_SDC, VTERM_KEY_DEL, VTERM_MOD_SHIFT },
	{ KEY_BACKSPACE, VTERM_KEY_BACKSPACE, VTERM_MOD_NONE },
	{ KEY_ENTER, VTERM_KEY_ENTER, VTERM_MOD_NONE },
	{ KEY_BTAB, VTERM_KEY_TAB, VTERM_MOD_SHIFT },
};

/* ncurses names the modified keys it learns from terminfo's extended
 * capabilities ("kUP5" is Ctrl-Up): the digit is xterm's 1 + modifiers. */
static bool extended_key(int key, VTermKey *vk, VTermModifier *mod)
{
	static const struct { const char *name; VTermKey key; } bases[] = {
		{ "kUP", VTERM_KEY_UP }, { "kDN", VTERM_KEY_DOWN }, { "kLFT", VTERM_KEY_LEFT },
		{ "kRIT", VTERM_KEY_RIGHT }, { "kHOM", VTERM_KEY_HOME }, { "kEND", VTERM_KEY_END },
		{ "kPRV", VTERM_KEY_PAGEUP }, { "kNXT", VTERM_KEY_PAGEDOWN },
		{ "kDC", VTERM_KEY_DEL }, { "kIC", VTERM_KEY_INS },
	};
	const char *name = keyname(key);

	if (name == NULL)
		return false;
	for (size_t i = 0; i < sizeof bases / sizeof bases[0]; i++) {
		size_t len = strlen(bases[i].name);
		int digit;
		if (strncmp(name, bases[i].name, len) != 0 || name[len] < '2' || name[len] > '8' ||
		    name[len + 1] != '\0')
			continue;
		digit = name[len] - '1';
		*vk = bases[i].key;
		*mod = ((digit & 1) ? VTERM_MOD_SHIFT : 0) | ((digit & 2) ? VTERM_MOD_ALT : 0) |
		       ((digit & 4) ? VTERM_MOD_CTRL : 0);
		return true;
	}
	return false;
}

bool Console_key(Console *c, int key)
{
	VTermKey vk;
	VTermModifier mod = VTERM_MOD_NONE;

	if (c->ended)
		return false;
	if (key >= 0 && key < 256) {
		char byte = (char)key;
		console_write(c, &byte, 1);
		c->view_back = 0; /* typing shows the live screen, as a terminal does */
		return true;
	}
	for (size_t i = 0; i < sizeof named_keys / sizeof named_keys[0]; i++)
		if (named_keys[i].curses == key) {
			vterm_keyboard_key(c->vt, named_keys[i].key, named_keys[i].mod);
			c->view_back = 0;
			return true;
		}
	if (key >= KEY_F(1) && key <= KEY_F(24)) {
		/* F13-F24 are Shift-F1 to Shift-F12 in xterm's terminfo. */
		int n = key - KEY_F(0);
		vterm_keyboard_key(c->vt, VTERM_KEY_FUNCTION(n > 12 ? n - 12 : n),
				   n > 12 ? VTERM_MOD_SHIFT : VTERM_MOD_NONE);
		return true;
	}
	if (key > KEY_MAX && extended_key(key, &vk, &mod)) {
		vterm_keyboard_key(c->vt, vk, mod);
		return true;
	}
	return false;
}
