/*
 * forkscope: the command line and the modes.
 */

#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "--version") == 0) {
		printf("forkscope %s\n", PACKAGE_VERSION);
		return 0;
	}
	fprintf(stderr, "forkscope: under construction\n");
	return 1;
}
