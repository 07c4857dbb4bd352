/* forkscope --list: the scenario catalogue as text or JSON. */
#ifndef FORKSCOPE_REPORT_CATALOGUE_H
#define FORKSCOPE_REPORT_CATALOGUE_H

#include <stdbool.h>
#include <stdio.h>

/* Returns the exit status: 0, or 1 if out could not be written. */
int catalogue_print(FILE *out, bool json);

#endif
