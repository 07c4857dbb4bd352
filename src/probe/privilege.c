/*
 * Our own capabilities through capget(2) (version 3: two 32-bit words per
 * set), asked each time: one cheap syscall, and a cache would go stale in a
 * process that drops privileges (or in a child that did). Hints are string
 * literals chosen by what we hold and whom the process belongs to, in
 * English (N_) for JSON; what shows them to a person translates them.
 */
#include "probe/privilege.h"

#include <linux/capability.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "base/i18n.h"

static bool cap_in(const struct __user_cap_data_struct data[2], int cap)
{
	return (data[cap / 32].effective >> (cap % 32)) & 1u;
}

/* Is cap in our effective set? false when capget fails. */
static bool cap_effective(int cap)
{
	struct __user_cap_header_struct hdr = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct data[2] = { { 0, 0, 0 }, { 0, 0, 0 } };

	if (syscall(SYS_capget, &hdr, data) != 0)
		return false;
	return cap_in(data, cap);
}

bool privilege_has_ptrace(void)
{
	return cap_effective(CAP_SYS_PTRACE);
}

bool privilege_has_sysadmin(void)
{
	return cap_effective(CAP_SYS_ADMIN);
}

const char *privilege_denied_hint(uid_t owner_uid)
{
	if (privilege_has_ptrace())
		return N_("denied even with CAP_SYS_PTRACE: the kernel refuses ptrace read "
			  "access (the process may hold capabilities forkscope lacks, or be "
			  "non-dumpable in another user namespace) or a security module "
			  "(Yama, AppArmor, SELinux) does");
	if (owner_uid != geteuid())
		return N_("the process belongs to another user: run forkscope as that user, "
			  "or as root (CAP_SYS_PTRACE)");
	return N_("the process is not dumpable (a set-id program, or it called "
		  "prctl(PR_SET_DUMPABLE, 0)): only root (CAP_SYS_PTRACE) can read it");
}

const char *privilege_frames_hint(void)
{
	if (privilege_has_sysadmin())
		return N_("frame numbers and map counts are visible (CAP_SYS_ADMIN)");
	return N_("frame numbers and /proc/kpagecount need root (CAP_SYS_ADMIN); "
		  "present, exclusive and swapped bits are visible without it");
}
