/* forkscope --list: the scenario catalogue as text or JSON. */
#ifndef FORKSCOPE_PRINT_CATALOGUE_H
#define FORKSCOPE_PRINT_CATALOGUE_H

#include <stdbool.h>
#include <stdio.h>

typedef enum CatalogueFormat {
	CATALOGUE_TEXT,
	CATALOGUE_JSON,
	CATALOGUE_MARKDOWN, /* doc/scenarios.md is made with it */
} CatalogueFormat;

/* Returns the exit status: 0, or 1 if out could not be written. */
int catalogue_print(FILE *out, CatalogueFormat format);

#endif
