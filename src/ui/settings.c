/*
 * forkscope.conf (see settings.h). The parser is pure and total: any bytes
 * give settings and a count of bad lines, never a crash. Values are checked
 * against the same ranges the command line allows.
 */
#include "ui/settings.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/i18n.h"
#include "model/session.h"

enum { SETTINGS_FILE_MAX = 16384 };

static const char *const sort_names[TREE_ORDER_COUNT] = {
	[TREE_ORDER_SEEN] = "appearance", [TREE_ORDER_PID] = "pid", [TREE_ORDER_START] = "start",
	[TREE_ORDER_CPU] = "cpu", [TREE_ORDER_RSS] = "rss",
};

/* The optional columns by name, in the order "columns =" writes them. */
static const struct {
	const char *name;
	int bit;
} column_names[] = { { "cpu", TREE_COLUMN_CPU }, { "rss", TREE_COLUMN_RSS } };

void Settings_init(Settings *s)
{
	memset(s, 0, sizeof *s);
	s->ghosts = -1;
	s->sort = -1;
	s->columns = -1;
	s->snapshot_mib = -1;
}

const char *settings_sort_name(int order)
{
	return order >= 0 && order < TREE_ORDER_COUNT ? sort_names[order] : NULL;
}

static char *trim(char *p)
{
	char *end;

	while (*p == ' ' || *p == '\t')
		p++;
	end = p + strlen(p);
	while (end > p && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r'))
		*--end = '\0';
	return p;
}

static bool parse_int(const char *v, long min, long max, long *out)
{
	char *end;
	long n;

	errno = 0;
	n = strtol(v, &end, 10);
	if (errno != 0 || end == v || *end != '\0' || n < min || n > max)
		return false;
	*out = n;
	return true;
}

static bool theme_name_ok(const char *v)
{
	size_t n = strlen(v);

	if (n == 0 || n >= sizeof ((Settings *)0)->theme || v[0] == '.' || v[0] == '-')
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((v[i] >= 'a' && v[i] <= 'z') || (v[i] >= 'A' && v[i] <= 'Z') ||
		      (v[i] >= '0' && v[i] <= '9') || v[i] == '-' || v[i] == '_' || v[i] == '.'))
			return false;
	return true;
}

/* "cpu,rss", "rss", "none": the bits, or -1. */
static int parse_columns(const char *v)
{
	int bits = 0;

	if (strcmp(v, "none") == 0)
		return 0;
	while (*v != '\0') {
		size_t n = strcspn(v, ","), k;

		for (k = 0; k < sizeof column_names / sizeof column_names[0]; k++)
			if (strlen(column_names[k].name) == n && strncmp(v, column_names[k].name, n) == 0)
				break;
		if (k == sizeof column_names / sizeof column_names[0])
			return -1;
		bits |= column_names[k].bit;
		v += n;
		if (*v == ',' && *++v == '\0')
			return -1; /* "cpu," */
	}
	return bits;
}

/* One "key = value": NULL when taken, else why not (untranslated N_). */
static const char *apply_line(Settings *s, const char *key, const char *value)
{
	long n;

	if (strcmp(key, "theme") == 0) {
		if (!theme_name_ok(value))
			return N_("a theme's name is letters, digits, '-', '_' and '.'");
		snprintf(s->theme, sizeof s->theme, "%s", value);
	} else if (strcmp(key, "refresh") == 0) {
		if (!parse_int(value, 1, 600, &n))
			return N_("refresh is in tenths of a second, 1 to 600");
		s->refresh_tenths = (int)n;
	} else if (strcmp(key, "reading_speed") == 0) {
		if (!parse_int(value, 30, 1500, &n))
			return N_("reading_speed is in words a minute, 30 to 1500");
		s->words_per_minute = (int)n;
	} else if (strcmp(key, "ghosts") == 0) {
		if (strcmp(value, "shown") != 0 && strcmp(value, "hidden") != 0)
			return N_("ghosts is shown or hidden");
		s->ghosts = strcmp(value, "shown") == 0;
	} else if (strcmp(key, "sort") == 0) {
		int order = -1;
		for (int i = 0; i < TREE_ORDER_COUNT; i++)
			if (strcmp(value, sort_names[i]) == 0)
				order = i;
		if (order < 0)
			return N_("sort is appearance, pid, start, cpu or rss");
		s->sort = order;
	} else if (strcmp(key, "columns") == 0) {
		int bits = parse_columns(value);
		if (bits < 0)
			return N_("columns is none or a comma-separated list of cpu and rss (e.g. cpu,rss)");
		s->columns = bits;
	} else if (strcmp(key, "snapshots") == 0) {
		if (!parse_int(value, 0, SNAPSHOT_MIB_MAX, &n))
			return N_("snapshots is the snapshot store's size in MiB, 0 (none) to 4096");
		s->snapshot_mib = (int)n;
	} else {
		return N_("unknown key (theme, refresh, reading_speed, ghosts, sort, columns, snapshots)");
	}
	return NULL;
}

int Settings_parse(Settings *s, const char *text, size_t len, const char *file, char *err,
		   size_t errlen)
{
	int bad = 0, lineno = 0;
	size_t at = 0;

	while (at < len) {
		const char *nl = memchr(text + at, '\n', len - at);
		size_t n = nl != NULL ? (size_t)(nl - (text + at)) : len - at;
		char line[512], *p, *eq, *why_key;
		const char *why = NULL;

		lineno++;
		if (n >= sizeof line || memchr(text + at, '\0', n) != NULL) {
			why = N_("the line is too long or holds a NUL byte");
		} else {
			memcpy(line, text + at, n);
			line[n] = '\0';
			p = trim(line);
			if (*p != '\0' && *p != '#') {
				if ((eq = strchr(p, '=')) == NULL) {
					why = N_("expected key = value");
				} else {
					*eq = '\0';
					why_key = trim(p);
					why = apply_line(s, why_key, trim(eq + 1));
				}
			}
		}
		if (why != NULL && bad++ == 0 && errlen > 0)
			snprintf(err, errlen, "%s:%d: %s", file, lineno, _(why));
		at += n + 1;
	}
	return bad;
}

bool settings_path(char *buf, size_t len)
{
	const char *xdg = getenv("XDG_CONFIG_HOME");
	const char *home = getenv("HOME");

	if (xdg != NULL && xdg[0] == '/')
		return (size_t)snprintf(buf, len, "%s/forkscope/forkscope.conf", xdg) < len;
	if (home != NULL && home[0] == '/')
		return (size_t)snprintf(buf, len, "%s/.config/forkscope/forkscope.conf", home) < len;
	return false;
}

int Settings_load(Settings *s, char *err, size_t errlen)
{
	char path[4096], text[SETTINGS_FILE_MAX];
	ssize_t n;
	int fd;

	if (!settings_path(path, sizeof path))
		return 0;
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0) {
		if (errno == ENOENT || errno == ENOTDIR || errno == EACCES)
			return 0; /* no settings yet, or a home we may not enter */
		snprintf(err, errlen, _("%s: %s"), path, strerror(errno));
		return -1;
	}
	n = read(fd, text, sizeof text);
	close(fd);
	if (n < 0) {
		snprintf(err, errlen, _("%s: %s"), path, strerror(errno));
		return -1;
	}
	if ((size_t)n == sizeof text) {
		snprintf(err, errlen, _("%s: larger than %d bytes, not read"), path, SETTINGS_FILE_MAX);
		return -1;
	}
	return Settings_parse(s, text, (size_t)n, path, err, errlen) > 0 ? -1 : 0;
}

/* mkdir -p of path's directory. */
static int make_parents(char *path)
{
	for (char *p = path + 1; *p != '\0'; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(path, 0700) < 0 && errno != EEXIST) {
			*p = '/';
			return -1;
		}
		*p = '/';
	}
	return 0;
}

int Settings_save(const Settings *s, char *err, size_t errlen)
{
	char path[4096], tmp[4200], text[1024];
	int fd, n, rc;

	if (!settings_path(path, sizeof path)) {
		snprintf(err, errlen, "%s", _("settings not saved: neither XDG_CONFIG_HOME nor HOME is set"));
		return -1;
	}
	n = snprintf(text, sizeof text,
		     "# forkscope's settings, written by forkscope when one changes (see forkscope(1)).\n");
	if (s->theme[0] != '\0')
		n += snprintf(text + n, sizeof text - (size_t)n, "theme = %s\n", s->theme);
	if (s->refresh_tenths > 0)
		n += snprintf(text + n, sizeof text - (size_t)n, "refresh = %d\n", s->refresh_tenths);
	if (s->words_per_minute > 0)
		n += snprintf(text + n, sizeof text - (size_t)n, "reading_speed = %d\n",
			      s->words_per_minute);
	if (s->ghosts >= 0)
		n += snprintf(text + n, sizeof text - (size_t)n, "ghosts = %s\n",
			      s->ghosts ? "shown" : "hidden");
	if (settings_sort_name(s->sort) != NULL)
		n += snprintf(text + n, sizeof text - (size_t)n, "sort = %s\n",
			      settings_sort_name(s->sort));
	if (s->snapshot_mib >= 0)
		n += snprintf(text + n, sizeof text - (size_t)n, "snapshots = %d\n", s->snapshot_mib);
	if (s->columns >= 0) {
		const char *sep = "";
		n += snprintf(text + n, sizeof text - (size_t)n, "columns = %s",
			      (s->columns & TREE_COLUMNS_ALL) == 0 ? "none" : "");
		for (size_t k = 0; k < sizeof column_names / sizeof column_names[0]; k++)
			if (s->columns & column_names[k].bit) {
				n += snprintf(text + n, sizeof text - (size_t)n, "%s%s", sep,
					      column_names[k].name);
				sep = ",";
			}
		n += snprintf(text + n, sizeof text - (size_t)n, "\n");
	}
	snprintf(tmp, sizeof tmp, "%s.%d.tmp", path, (int)getpid());
	if (make_parents(tmp) < 0 ||
	    (fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600)) < 0) {
		snprintf(err, errlen, _("settings not saved: %s: %s"), path, strerror(errno));
		return -1;
	}
	rc = write(fd, text, (size_t)n) == n && fsync(fd) == 0 ? 0 : -1;
	if (close(fd) < 0)
		rc = -1;
	if (rc == 0 && rename(tmp, path) < 0)
		rc = -1;
	if (rc < 0) {
		snprintf(err, errlen, _("settings not saved: %s: %s"), path, strerror(errno));
		unlink(tmp); /* never a half-written file left behind */
	}
	return rc;
}
