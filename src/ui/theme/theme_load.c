/*
 * Finding theme files: NAME.theme in the user's directory
 * ($XDG_CONFIG_HOME/forkscope/themes, else ~/.config/forkscope/themes), then
 * $FORKSCOPE_THEMES, then, for a forkscope run from its build tree (not
 * installed), that tree's source themes/, then the installed
 * FORKSCOPE_DATADIR/themes. The first directory that has the file
 * wins, so a user's theme overrides a shipped one of the same name. A name
 * with a '/' is a path to a theme file. No curses here.
 *
 * Invariants: a file is read only if it is a regular file, and at most
 * THEME_FILE_MAX + 1 bytes of it (the parser refuses anything longer);
 * "default" always loads (from the built-in table when no file is found);
 * Theme_list always has "default" first, then the other names sorted, each
 * once.
 */
#include "ui/theme/theme_internal.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/i18n.h"
#include "base/self_exe.h"
#include "base/xalloc.h"

#ifndef FORKSCOPE_DATADIR
#error "FORKSCOPE_DATADIR must name the installed data directory"
#endif

enum { THEME_DIRS = 4, THEME_NAME_MAX = 48 };

typedef struct ThemeDirs {
	char *path[THEME_DIRS];   /* owned; NULL where the variable is unset */
} ThemeDirs;

/* The source tree's themes/ when this forkscope is <top>/src/forkscope of
 * a build tree (<top> holds config.status, whose srcdir= line says where
 * the sources are, relative to <top> or absolute); else NULL. */
static char *build_tree_themes(void)
{
	char exe[PATH_MAX], line[PATH_MAX + 16];
	char *slash, *themes = NULL;
	FILE *f;

	if (!self_exe(exe, sizeof exe))
		return NULL;
	for (int up = 0; up < 2; up++) /* <top>/src/forkscope -> <top> */
		if ((slash = strrchr(exe, '/')) == NULL || slash == exe)
			return NULL;
		else
			*slash = '\0';
	snprintf(line, sizeof line, "%s/config.status", exe);
	if ((f = fopen(line, "re")) == NULL)
		return NULL;
	while (themes == NULL && fgets(line, sizeof line, f) != NULL) {
		char *end;
		if (strncmp(line, "srcdir='", 8) != 0 || (end = strchr(line + 8, '\'')) == NULL)
			continue;
		*end = '\0';
		themes = line[8] == '/' ? xasprintf("%s/themes", line + 8)
					: xasprintf("%s/%s/themes", exe, line + 8);
	}
	fclose(f);
	return themes;
}

static void ThemeDirs_init(ThemeDirs *dirs)
{
	const char *xdg = getenv("XDG_CONFIG_HOME");
	const char *home = getenv("HOME");
	const char *env = getenv("FORKSCOPE_THEMES");

	memset(dirs, 0, sizeof *dirs);
	/* The XDG spec ignores a relative XDG_CONFIG_HOME. */
	if (xdg && xdg[0] == '/')
		dirs->path[0] = xasprintf("%s/forkscope/themes", xdg);
	else if (home && home[0] == '/')
		dirs->path[0] = xasprintf("%s/.config/forkscope/themes", home);
	if (env && env[0])
		dirs->path[1] = xstrdup(env);
	dirs->path[2] = build_tree_themes();
	dirs->path[3] = xstrdup(FORKSCOPE_DATADIR "/themes");
}

static void ThemeDirs_done(ThemeDirs *dirs)
{
	for (int i = 0; i < THEME_DIRS; i++)
		free(dirs->path[i]);
}

static bool name_is_valid(const char *name, size_t len)
{
	if (len == 0 || len > THEME_NAME_MAX || name[0] == '.' || name[0] == '-')
		return false;
	for (size_t i = 0; i < len; i++) {
		char c = name[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.'))
			return false;
	}
	return true;
}

/* Reads up to THEME_FILE_MAX + 1 bytes of a regular file into *text
 * (owned by the caller). 0; or -1 with errno set (ENOENT when absent). */
static int read_theme_file(const char *path, char **text, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	struct stat st;
	size_t cap = THEME_FILE_MAX + 1, got = 0;
	char *buf;
	int saved;

	if (fd < 0)
		return -1;
	if (fstat(fd, &st) != 0) {
		saved = errno;
		close(fd);
		errno = saved;
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		errno = S_ISDIR(st.st_mode) ? EISDIR : EINVAL;
		return -1;
	}
	buf = xmalloc(cap);
	while (got < cap) {
		ssize_t n = read(fd, buf + got, cap - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			saved = errno;
			free(buf);
			close(fd);
			errno = saved;
			return -1;
		}
		if (n == 0)
			break;
		got += (size_t)n;
	}
	close(fd);
	*text = buf;
	*len = got;
	return 0;
}

/* 0, -1 with a message, or 1 (no message) if absent and absent_ok. */
static int load_path(Theme *out, const char *name, const char *path, bool absent_ok,
		     char *err, size_t errlen)
{
	char *text;
	size_t len;
	int rc;

	errno = 0;
	if (read_theme_file(path, &text, &len) != 0) {
		if (absent_ok && (errno == ENOENT || errno == ENOTDIR))
			return 1;
		snprintf(err, errlen, "%s: %s", path,
			 errno == EINVAL ? _("not a regular file") : strerror(errno));
		return -1;
	}
	rc = Theme_parse(out, NULL, name, text, len, path, err, errlen);
	free(text);
	return rc;
}

/* "dir/x.theme" -> "x" for the theme's name. */
static void name_from_path(const char *path, char *name, size_t size)
{
	const char *base = strrchr(path, '/');
	size_t len;

	base = base ? base + 1 : path;
	len = strlen(base);
	if (len > 6 && strcmp(base + len - 6, ".theme") == 0)
		len -= 6;
	snprintf(name, size, "%.*s", (int)len, base);
}

static int search_dirs(Theme *out, const char *name, char *err, size_t errlen)
{
	ThemeDirs dirs;
	int rc = 1;   /* not found */

	ThemeDirs_init(&dirs);
	for (int i = 0; i < THEME_DIRS && rc == 1; i++) {
		char *path;
		if (dirs.path[i] == NULL)
			continue;
		/* A directory we may not search (a HOME closed to us) holds no
		 * theme for us: look further, as for one that does not exist. */
		if (access(dirs.path[i], X_OK) != 0 && errno == EACCES)
			continue;
		path = xasprintf("%s/%s.theme", dirs.path[i], name);
		rc = load_path(out, name, path, true, err, errlen);
		free(path);
	}
	if (rc == 1)
		snprintf(err, errlen, _("theme '%s' not found (looked in %s%s%s%s%s)"), name,
			 dirs.path[0] ? dirs.path[0] : "", dirs.path[0] ? ", " : "",
			 dirs.path[1] ? dirs.path[1] : "", dirs.path[1] ? ", " : "",
			 dirs.path[2]);
	ThemeDirs_done(&dirs);
	return rc;
}

int Theme_load(Theme *out, const char *name, char *err, size_t errlen)
{
	char buf[64];
	int rc;

	if (err && errlen)
		err[0] = '\0';
	if (err == NULL || errlen == 0) {
		err = buf;
		errlen = sizeof buf;
	}
	if (name == NULL || name[0] == '\0')
		name = "default";
	if (strchr(name, '/')) {
		char short_name[THEME_NAME_MAX + 1];
		name_from_path(name, short_name, sizeof short_name);
		return load_path(out, short_name, name, false, err, errlen);
	}
	if (!name_is_valid(name, strlen(name))) {
		snprintf(err, errlen, _("bad theme name '%.48s' (letters, digits, '-', '_', '.')"),
			 name);
		return -1;
	}
	rc = search_dirs(out, name, err, errlen);
	if (rc == 1 && strcmp(name, "default") == 0) {
		Theme_builtin_default(out);
		err[0] = '\0';
		return 0;
	}
	return rc == 0 ? 0 : -1;
}

/* The names found, owned here until the next Theme_list. */
static char **list_names;
static size_t list_count;

static bool list_has(const char *name)
{
	for (size_t i = 0; i < list_count; i++)
		if (strcmp(list_names[i], name) == 0)
			return true;
	return false;
}

static void list_add(const char *name)
{
	if (list_has(name))
		return;
	list_names = xreallocarray(list_names, list_count + 1, sizeof *list_names);
	list_names[list_count++] = xstrdup(name);
}

static void list_scan(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	if (d == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		size_t len = strlen(e->d_name);
		char name[THEME_NAME_MAX + 1];
		if (len <= 6 || strcmp(e->d_name + len - 6, ".theme") != 0)
			continue;
		if (!name_is_valid(e->d_name, len - 6))
			continue;
		snprintf(name, sizeof name, "%.*s", (int)(len - 6), e->d_name);
		list_add(name);
	}
	closedir(d);
}

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

size_t Theme_list(const char *const **names)
{
	ThemeDirs dirs;

	for (size_t i = 0; i < list_count; i++)
		free(list_names[i]);
	list_count = 0;
	list_add("default");
	ThemeDirs_init(&dirs);
	for (int i = 0; i < THEME_DIRS; i++)
		if (dirs.path[i])
			list_scan(dirs.path[i]);
	ThemeDirs_done(&dirs);
	qsort(list_names + 1, list_count - 1, sizeof *list_names, compare_names);
	if (names)
		*names = (const char *const *)list_names;
	return list_count;
}
