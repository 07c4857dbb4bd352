/* libFuzzer target: the theme file parser on any bytes, over the built-in
 * default and over a theme it just produced. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "ui/theme/theme.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	Theme first, second;
	char err[256];

	/* The parser takes a length, not a string: no NUL is added. */
	if (Theme_parse(&first, NULL, "fuzz", (const char *)data, size, "fuzz.theme", err,
			sizeof err) == 0)
		Theme_parse(&second, &first, "fuzz2", (const char *)data, size, NULL, err,
			    sizeof err);
	else if (memchr(err, '\0', sizeof err) == NULL)
		__builtin_trap();
	return 0;
}
