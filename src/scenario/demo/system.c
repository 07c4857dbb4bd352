/*
 * system: the parent runs a command through system(), which starts sh -c
 * and waits for it. The command is this helper again, in role 1: it
 * announces step 2 from inside the shell's command and waits there, so the
 * parent's signal sets can be read while system() is waiting. For that the
 * report and control pipes are passed through the shell (they are
 * close-on-exec otherwise).
 */
#include "scenario/demo/demo.h"
#include "scenario/demo/family.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/i18n.h"

int demo_system(int argc, char **argv);

enum { COMMAND_ROLE = 1, COMMAND_EXIT = 3 };

static void on_sigint(int signo)
{
	(void)signo;
}

/* The shell's command: wait at step 2, then exit with a status the parent
 * will find in system()'s return value. Never returns to main (no DONE). */
static void run_as_command(void)
{
	demo_step(2);
	_exit(COMMAND_EXIT);
}

static int catch_sigint(void)
{
	struct sigaction sa = { .sa_handler = on_sigint };
	int rc;

	sigemptyset(&sa.sa_mask);
	rc = sigaction(SIGINT, &sa, NULL);
	demo_api("sigaction", rc, rc < 0 ? errno : 0, 0, "sigaction(SIGINT, handler) = %d", rc);
	return rc;
}

int demo_system(int argc, char **argv)
{
	char command[4096], status_text[64];
	int rc;

	if (demo_param("role", 0) == COMMAND_ROLE)
		run_as_command();
	if (catch_sigint() < 0)
		return 1;
	if (family_self_command(command, sizeof command, "system", COMMAND_ROLE) < 0) {
		demo_note("%s", _("cannot build the command: the helper's path is unreadable or too long"));
		return 1;
	}
	demo_step(1);

	family_protocol_inherited(true);
	rc = system(command);
	family_protocol_inherited(false);
	if (rc == -1) {
		int err = errno;
		demo_api("system", -1, err, 0, "system(\"%s\") = -1: %s", command, strerror(err));
		return 1;
	}
	family_status_text(rc, status_text, sizeof status_text);
	demo_api("system", rc, 0, 0, _("system(\"%s\") = 0x%x: the shell's wait status, %s"), command,
		 (unsigned)rc, status_text);
	demo_step(3);
	return 0;
}
