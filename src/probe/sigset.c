/*
 * Signal names and mask text, see sigset.h for the naming convention. The
 * classic names come from <signal.h>'s constants, so the table follows the
 * architecture's numbering; a number with no name (an architecture gap)
 * shows as "SIGn". Every returned name is a string literal: no buffers, no
 * thread issues.
 */
#include "probe/sigset.h"

#include <signal.h>
#include <string.h>

#include "probe/textscan.h"

#define GLIBC_SIGRTMIN 34 /* glibc's SIGRTMIN as programs see it */

static const char *const classic_names[32] = {
	[SIGHUP] = "SIGHUP",     [SIGINT] = "SIGINT",     [SIGQUIT] = "SIGQUIT",
	[SIGILL] = "SIGILL",     [SIGTRAP] = "SIGTRAP",   [SIGABRT] = "SIGABRT",
	[SIGBUS] = "SIGBUS",     [SIGFPE] = "SIGFPE",     [SIGKILL] = "SIGKILL",
	[SIGUSR1] = "SIGUSR1",   [SIGSEGV] = "SIGSEGV",   [SIGUSR2] = "SIGUSR2",
	[SIGPIPE] = "SIGPIPE",   [SIGALRM] = "SIGALRM",   [SIGTERM] = "SIGTERM",
#ifdef SIGSTKFLT
	[SIGSTKFLT] = "SIGSTKFLT",
#endif
	[SIGCHLD] = "SIGCHLD",   [SIGCONT] = "SIGCONT",   [SIGSTOP] = "SIGSTOP",
	[SIGTSTP] = "SIGTSTP",   [SIGTTIN] = "SIGTTIN",   [SIGTTOU] = "SIGTTOU",
	[SIGURG] = "SIGURG",     [SIGXCPU] = "SIGXCPU",   [SIGXFSZ] = "SIGXFSZ",
	[SIGVTALRM] = "SIGVTALRM", [SIGPROF] = "SIGPROF", [SIGWINCH] = "SIGWINCH",
	[SIGIO] = "SIGIO",
#ifdef SIGPWR
	[SIGPWR] = "SIGPWR",
#endif
	[SIGSYS] = "SIGSYS",
};

static const char *const plain_names[65] = {
	"SIG0",  "SIG1",  "SIG2",  "SIG3",  "SIG4",  "SIG5",  "SIG6",  "SIG7",
	"SIG8",  "SIG9",  "SIG10", "SIG11", "SIG12", "SIG13", "SIG14", "SIG15",
	"SIG16", "SIG17", "SIG18", "SIG19", "SIG20", "SIG21", "SIG22", "SIG23",
	"SIG24", "SIG25", "SIG26", "SIG27", "SIG28", "SIG29", "SIG30", "SIG31",
	"SIG32", "SIG33", "SIG34", "SIG35", "SIG36", "SIG37", "SIG38", "SIG39",
	"SIG40", "SIG41", "SIG42", "SIG43", "SIG44", "SIG45", "SIG46", "SIG47",
	"SIG48", "SIG49", "SIG50", "SIG51", "SIG52", "SIG53", "SIG54", "SIG55",
	"SIG56", "SIG57", "SIG58", "SIG59", "SIG60", "SIG61", "SIG62", "SIG63",
	"SIG64",
};

static const char *const rt_names[SIGNAL_MAX - GLIBC_SIGRTMIN + 1] = {
	"SIGRTMIN",    "SIGRTMIN+1",  "SIGRTMIN+2",  "SIGRTMIN+3",  "SIGRTMIN+4",
	"SIGRTMIN+5",  "SIGRTMIN+6",  "SIGRTMIN+7",  "SIGRTMIN+8",  "SIGRTMIN+9",
	"SIGRTMIN+10", "SIGRTMIN+11", "SIGRTMIN+12", "SIGRTMIN+13", "SIGRTMIN+14",
	"SIGRTMIN+15", "SIGRTMIN+16", "SIGRTMIN+17", "SIGRTMIN+18", "SIGRTMIN+19",
	"SIGRTMIN+20", "SIGRTMIN+21", "SIGRTMIN+22", "SIGRTMIN+23", "SIGRTMIN+24",
	"SIGRTMIN+25", "SIGRTMIN+26", "SIGRTMIN+27", "SIGRTMIN+28", "SIGRTMIN+29",
	"SIGRTMIN+30",
};

const char *signal_name(int signo)
{
	if (signo >= 1 && signo < 32 && classic_names[signo] != NULL)
		return classic_names[signo];
	if (signo >= GLIBC_SIGRTMIN && signo <= SIGNAL_MAX)
		return rt_names[signo - GLIBC_SIGRTMIN];
	if (signo >= 0 && signo <= SIGNAL_MAX)
		return plain_names[signo];
	return "SIG?";
}

int sigmask_parse_hex(const char *text, size_t len, uint64_t *mask)
{
	Scan s = Scan_make(text, len);
	const char *digits;
	uint64_t v;

	if (text == NULL)
		return -1;
	Scan_skip_blanks(&s);
	if (!Scan_literal(&s, "0x"))
		(void)Scan_literal(&s, "0X");
	digits = s.p;
	if (!Scan_hex(&s, &v, 16) || s.p - digits != 16)
		return -1;
	s = Scan_trim_right(s);
	if (!Scan_at_end(&s))
		return -1;
	*mask = v;
	return 0;
}

size_t sigmask_format(uint64_t mask, char *buf, size_t buflen)
{
	size_t need = 0;
	int signo;

	if (buflen > 0)
		buf[0] = '\0';
	if (mask == 0) {
		if (buflen > 1) {
			buf[0] = '-';
			buf[1] = '\0';
		}
		return 1;
	}
	for (signo = 1; signo <= SIGNAL_MAX; signo++) {
		const char *name;
		size_t n;

		if (!sigmask_has(mask, signo))
			continue;
		name = signal_name(signo);
		n = strlen(name) + (need > 0);
		/* only whole names are written: a truncated text ends at a comma boundary */
		if (need + n < buflen) {
			if (need > 0)
				buf[need] = ',';
			memcpy(buf + need + (need > 0), name, strlen(name) + 1);
		}
		need += n;
	}
	return need;
}
