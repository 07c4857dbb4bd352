/*
 * The theme file parser: pure (no curses, no I/O, no allocation), so that
 * it is unit-tested on fixtures and fuzzed.
 *
 * Syntax, one setting per line:
 *     # a comment
 *     key = [FG] [on BG] [bold] [reverse] [underline] [dim]   # a comment
 * A key is a role name from the table below. A colour is a name (black,
 * red, ..., brightwhite, default), 0-255 or #rrggbb. A `#` followed by a
 * blank or the end of the line starts a comment; `#` followed by anything
 * else is a colour. A line sets the role's whole style: what it does not
 * name is the terminal's default colour and no attribute. A role the file
 * does not mention keeps the base theme's style.
 *
 * Invariants: the output is written only on success; every error message
 * is "FILE:LINE: message" (the message translated) and quotes the
 * offending text in printable ASCII.
 * Input over THEME_FILE_MAX bytes, or with NUL or control bytes (binary),
 * is refused before any line is read.
 */
#include "ui/theme/theme_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "base/i18n.h"

static const char *const role_keys[] = {
	[ROLE_NORMAL] = "normal",
	[ROLE_DIM] = "dim",
	[ROLE_TITLE] = "title",
	[ROLE_BORDER] = "border",
	[ROLE_BORDER_ACTIVE] = "border.active",
	[ROLE_HEADER] = "header",
	[ROLE_SELECTED] = "selected",
	[ROLE_STATUS] = "status",
	[ROLE_KEY] = "key",
	[ROLE_CAPTION] = "caption",
	[ROLE_WARNING] = "warning",
	[ROLE_TREE_LINE] = "tree.line",
	[ROLE_TREE_NEW] = "tree.new",
	[ROLE_TREE_CHANGED] = "tree.changed",
	[ROLE_TREE_GHOST] = "tree.ghost",
	[ROLE_TREE_ZOMBIE] = "tree.zombie",
	[ROLE_TREE_HELD] = "tree.held",
	[ROLE_TREE_METHOD] = "tree.method",
	[ROLE_FD_CLOEXEC] = "fd.cloexec",
	[ROLE_FD_SHARED] = "fd.shared",
	[ROLE_FD_PIPE] = "fd.pipe",
	[ROLE_PAGE_SHARED] = "page.shared",
	[ROLE_PAGE_PRIVATE] = "page.private",
	[ROLE_PAGE_ABSENT] = "page.absent",
	[ROLE_PAGE_SWAPPED] = "page.swapped",
	[ROLE_SIG_BLOCKED] = "sig.blocked",
	[ROLE_SIG_IGNORED] = "sig.ignored",
	[ROLE_SIG_CAUGHT] = "sig.caught",
	[ROLE_SIG_PENDING] = "sig.pending",
	[ROLE_SIG_DIFF] = "sig.diff",
	[ROLE_EVENT_CREATE] = "event.create",
	[ROLE_EVENT_EXEC] = "event.exec",
	[ROLE_EVENT_EXIT] = "event.exit",
	[ROLE_EVENT_API] = "event.api",
	[ROLE_EVENT_SIGNAL] = "event.signal",
	[ROLE_CHART_1] = "chart.1",
	[ROLE_CHART_2] = "chart.2",
	[ROLE_CHART_3] = "chart.3",
	[ROLE_CHART_4] = "chart.4",
	[ROLE_CHART_5] = "chart.5",
};

_Static_assert(sizeof role_keys / sizeof role_keys[0] == ROLE_COUNT,
	       "every ColorRole needs a key in role_keys");

static const struct {
	const char *name;
	unsigned bit;
} attr_names[] = {
	{"bold", THEME_BOLD},
	{"reverse", THEME_REVERSE},
	{"underline", THEME_UNDERLINE},
	{"dim", THEME_DIM},
};

typedef struct Parser {
	const char *file;
	int line;
	char *err;
	size_t errlen;
	int set_on_line[ROLE_COUNT];   /* 0: not set by the file */
	Theme theme;
} Parser;

/* A token of a line: start and length, not NUL-terminated. */
typedef struct Token {
	const char *s;
	size_t len;
} Token;

const char *ColorRole_key(ColorRole role)
{
	if ((int)role < 0 || role >= ROLE_COUNT || role_keys[role] == NULL)
		return "?";
	return role_keys[role];
}

int ColorRole_find(const char *key, size_t len)
{
	for (int i = 0; i < ROLE_COUNT; i++)
		if (role_keys[i] && strlen(role_keys[i]) == len &&
		    strncasecmp(role_keys[i], key, len) == 0)
			return i;
	return -1;
}

bool Theme_is_monochrome(const Theme *theme)
{
	for (int i = 0; i < ROLE_COUNT; i++) {
		const ThemeStyle *s = &theme->style[i];
		if (s->fg.is_rgb || s->fg.index >= 0 || s->bg.is_rgb || s->bg.index >= 0)
			return false;
	}
	return true;
}

/* fmt is marked N_() where fail is called and translated here. */
__attribute__((format(printf, 2, 3)))
static int fail(Parser *p, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (p->err == NULL || p->errlen == 0)
		return -1;
	n = snprintf(p->err, p->errlen, "%s:%d: ", p->file, p->line);
	if (n >= 0 && (size_t)n < p->errlen) {
		va_start(ap, fmt);
		vsnprintf(p->err + n, p->errlen - (size_t)n, _(fmt), ap);
		va_end(ap);
	}
	return -1;
}

/* The token as printable ASCII for a message, at most 40 bytes of it. */
static const char *quote(Token t, char buf[64])
{
	size_t out = 0;

	for (size_t i = 0; i < t.len && out < 40; i++) {
		unsigned char c = (unsigned char)t.s[i];
		if (c >= 0x20 && c < 0x7f) {
			buf[out++] = (char)c;
		} else {
			snprintf(buf + out, 5, "\\x%02x", c);
			out += 4;
		}
	}
	if (out >= 40 && t.len > 0)
		memcpy(buf + out, "...", 4);
	else
		buf[out] = '\0';
	return buf;
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

static bool is_binary_byte(unsigned char c)
{
	return (c < 0x20 && c != '\n' && !is_blank((char)c)) || c == 0x7f;
}

/* Line number (1-based) of byte offset `at`. */
static int line_of(const char *text, size_t at)
{
	int line = 1;

	for (size_t i = 0; i < at; i++)
		line += text[i] == '\n';
	return line;
}

static int check_content(Parser *p, const char *text, size_t len)
{
	if (len > THEME_FILE_MAX) {
		p->line = line_of(text, THEME_FILE_MAX);
		return fail(p, N_("file is larger than %d KiB: not a theme file"),
			    THEME_FILE_MAX / 1024);
	}
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)text[i];
		if (is_binary_byte(c)) {
			p->line = line_of(text, i);
			return fail(p, N_("binary data (byte 0x%02x): not a theme file"), c);
		}
	}
	return 0;
}

/* Next blank-separated token of [*pos, end); false at the end or at a
 * comment. */
static bool next_token(const char **pos, const char *end, Token *t)
{
	const char *s = *pos;

	while (s < end && is_blank(*s))
		s++;
	if (s == end || (*s == '#' && (s + 1 == end || is_blank(s[1])))) {
		*pos = end;
		return false;
	}
	t->s = s;
	while (s < end && !is_blank(*s))
		s++;
	t->len = (size_t)(s - t->s);
	*pos = s;
	return true;
}

static unsigned attr_find(Token t)
{
	for (size_t i = 0; i < sizeof attr_names / sizeof attr_names[0]; i++)
		if (strlen(attr_names[i].name) == t.len &&
		    strncasecmp(attr_names[i].name, t.s, t.len) == 0)
			return attr_names[i].bit;
	return 0;
}

static bool token_is(Token t, const char *word)
{
	return strlen(word) == t.len && strncasecmp(t.s, word, t.len) == 0;
}

static bool looks_numeric(Token t)
{
	return t.len > 0 && (t.s[0] == '#' || (t.s[0] >= '0' && t.s[0] <= '9'));
}

static int bad_word(Parser *p, Token t, bool first)
{
	char q[64];
	ThemeColor c;

	if (token_is(t, "on"))
		return fail(p, N_("'on BG' comes before the attributes"));
	if (ThemeColor_parse(&c, t.s, t.len) == 0)
		return fail(p, N_("second colour '%s' (write 'on %s' for a background, "
			       "before any attribute)"), quote(t, q), quote(t, q));
	if (looks_numeric(t))
		return fail(p, N_("bad colour '%s' (a colour is a name, 0-255 or #rrggbb)"),
			    quote(t, q));
	if (first)
		return fail(p, N_("unknown colour or attribute '%s' (colours: black, red, green, "
			       "yellow, blue, magenta, cyan, white, bright..., default, 0-255, "
			       "#rrggbb; attributes: bold, reverse, underline, dim)"), quote(t, q));
	return fail(p, N_("unknown attribute '%s' (bold, reverse, underline, dim)"), quote(t, q));
}

static int parse_background(Parser *p, Token t, ThemeStyle *style)
{
	char q[64];

	if (ThemeColor_parse(&style->bg, t.s, t.len) != 0)
		return fail(p, N_("bad background colour '%s' (a colour is a name, 0-255 "
			       "or #rrggbb)"), quote(t, q));
	return 0;
}

/* value = [FG] [on BG] ATTR... */
static int parse_value(Parser *p, const char *s, const char *end, Token key,
		       ThemeStyle *style)
{
	enum { WANT_FG, WANT_ON, WANT_BG, WANT_ATTR } state = WANT_FG;
	Token t;
	char q[64];
	unsigned bit;

	*style = (ThemeStyle){.fg = {.index = -1}, .bg = {.index = -1}, .attrs = 0};
	if (!next_token(&s, end, &t))
		return fail(p, N_("missing value for '%s' (a colour, 'on' a colour, attributes)"),
			    quote(key, q));
	do {
		if (state == WANT_BG) {
			if (parse_background(p, t, style) != 0)
				return -1;
			state = WANT_ATTR;
		} else if (token_is(t, "on") && state != WANT_ATTR) {
			state = WANT_BG;
		} else if ((bit = attr_find(t)) != 0) {
			style->attrs |= bit;
			state = WANT_ATTR;
		} else if (state == WANT_FG && ThemeColor_parse(&style->fg, t.s, t.len) == 0) {
			state = WANT_ON;
		} else {
			return bad_word(p, t, state == WANT_FG);
		}
	} while (next_token(&s, end, &t));
	if (state == WANT_BG)
		return fail(p, N_("'on' needs a background colour after it"));
	return 0;
}

/* Edit distance between the token and a key, capped at 9. */
static int key_distance(Token t, const char *key)
{
	enum { MAX = 40 };
	int prev[MAX + 1], cur[MAX + 1];
	size_t n = strlen(key);

	if (t.len > MAX || n > MAX)
		return 9;
	for (size_t j = 0; j <= n; j++)
		prev[j] = (int)j;
	for (size_t i = 1; i <= t.len; i++) {
		cur[0] = (int)i;
		for (size_t j = 1; j <= n; j++) {
			int subst = prev[j - 1] + (t.s[i - 1] != key[j - 1]);
			int del = prev[j] + 1, ins = cur[j - 1] + 1;
			cur[j] = subst < del ? (subst < ins ? subst : ins) : (del < ins ? del : ins);
		}
		memcpy(prev, cur, sizeof prev);
	}
	return prev[n] < 9 ? prev[n] : 9;
}

static int unknown_key(Parser *p, Token key)
{
	char q[64];
	int best = -1, best_distance = 3;

	for (int r = 0; r < ROLE_COUNT; r++) {
		int d = key_distance(key, role_keys[r]);
		if (d < best_distance) {
			best = r;
			best_distance = d;
		}
	}
	if (best >= 0)
		return fail(p, N_("unknown key '%s' (did you mean '%s'?)"), quote(key, q),
			    role_keys[best]);
	return fail(p, N_("unknown key '%s'"), quote(key, q));
}

static int parse_line(Parser *p, const char *s, const char *end)
{
	Token key;
	char q[64];
	int role;

	while (s < end && is_blank(*s))
		s++;
	if (s == end || *s == '#')
		return 0;
	key.s = s;
	while (s < end && !is_blank(*s) && *s != '=')
		s++;
	key.len = (size_t)(s - key.s);
	while (s < end && is_blank(*s))
		s++;
	if (key.len == 0)
		return fail(p, N_("missing key before '=' (lines are key = value)"));
	if (s == end || *s != '=')
		return fail(p, N_("missing '=' after '%s' (lines are key = value)"), quote(key, q));
	role = ColorRole_find(key.s, key.len);
	if (role < 0)
		return unknown_key(p, key);
	if (p->set_on_line[role])
		return fail(p, N_("'%s' is set twice (first on line %d)"), role_keys[role],
			    p->set_on_line[role]);
	p->set_on_line[role] = p->line;
	return parse_value(p, s + 1, end, key, &p->theme.style[role]);
}

int Theme_parse(Theme *out, const Theme *base, const char *name, const char *text,
		size_t len, const char *file, char *err, size_t errlen)
{
	Parser p = {.file = file ? file : (name ? name : "theme"), .line = 1,
		    .err = err, .errlen = errlen};
	const char *s = text, *end = text + len;

	if (err && errlen)
		err[0] = '\0';
	if (base)
		p.theme = *base;
	else
		Theme_builtin_default(&p.theme);
	if (name)
		snprintf(p.theme.name, sizeof p.theme.name, "%s", name);
	if (text == NULL && len > 0)
		return fail(&p, N_("no text"));
	if (check_content(&p, text, len) != 0)
		return -1;
	while (s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		const char *line_end = nl ? nl : end;
		if (parse_line(&p, s, line_end) != 0)
			return -1;
		s = nl ? nl + 1 : end;
		p.line++;
	}
	*out = p.theme;
	return 0;
}
