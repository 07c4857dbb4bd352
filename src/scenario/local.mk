# src/scenario: see the comment at the top of each file.
noinst_LIBRARIES += src/scenario/libscenario.a
src_scenario_libscenario_a_CPPFLAGS = $(LIB_CPPFLAGS)
src_scenario_libscenario_a_SOURCES =
src_scenario_libscenario_a_SOURCES += src/scenario/catalog.c src/scenario/catalog.h \
	src/scenario/protocol.c src/scenario/protocol.h \
	src/scenario/runner.c src/scenario/runner_start.c src/scenario/runner.h \
	src/scenario/runner_internal.h \
	src/scenario/output_split.c src/scenario/output_split.h \
	src/scenario/step_focus.c src/scenario/step_focus.h
# Scenario rows are linked as objects into every program that shows the
# catalogue (catalog.c refers to them weakly; an archive member would not be
# pulled in by a weak reference). Add a row's file here, one line each.
SCENARIO_ROWS =
SCENARIO_ROWS += src/scenario/scenarios/fork.c
SCENARIO_ROWS += src/scenario/scenarios/fork_exec.c
SCENARIO_ROWS += src/scenario/scenarios/exec_family.c
SCENARIO_ROWS += src/scenario/scenarios/cloexec.c
SCENARIO_ROWS += src/scenario/scenarios/vfork.c
SCENARIO_ROWS += src/scenario/scenarios/cow.c
SCENARIO_ROWS += src/scenario/scenarios/system.c
SCENARIO_ROWS += src/scenario/scenarios/popen.c
SCENARIO_ROWS += src/scenario/scenarios/zombie_orphan.c
SCENARIO_ROWS += src/scenario/scenarios/spawn_plain.c
SCENARIO_ROWS += src/scenario/scenarios/spawn_file_actions.c
SCENARIO_ROWS += src/scenario/scenarios/spawn_attrs.c
SCENARIO_ROWS += src/scenario/scenarios/clone3_pidfd.c
SCENARIO_ROWS += src/scenario/scenarios/custom.c
SCENARIO_ROWS += src/scenario/scenarios/mmap_shared.c
SCENARIO_ROWS += src/scenario/scenarios/spawn_cost.c
SCENARIO_ROWS += src/scenario/scenarios/scale.c
SCENARIO_ROWS += src/scenario/scenarios/threads_fork.c
SCENARIO_ROWS += src/scenario/scenarios/daemon.c
SCENARIO_ROWS += src/scenario/scenarios/pid_namespace.c
SCENARIO_ROWS += src/scenario/scenarios/sigmask.c
SCENARIO_ROWS += src/scenario/scenarios/sigchld.c
SCENARIO_ROWS += src/scenario/scenarios/signal_death.c
SCENARIO_ROWS += src/scenario/scenarios/fork_fail.c
SCENARIO_ROWS += src/scenario/scenarios/stdio_fork.c
SCENARIO_ROWS += src/scenario/scenarios/inherit.c

# The demo helper links only libc: its memory map stays small and readable.
# It is built without sanitizers even in the sanitizer build: their shadow
# memory would fill the memory pane, and LeakSanitizer cannot run under ptrace.
src_forkscope_demo_CFLAGS = -std=gnu11 $(WARN_CFLAGS)
src_forkscope_demo_LDFLAGS =
# gettext for the reports' prose (in the C library on glibc: empty there).
# Only a translated session maps the locale and the catalogue into the
# demo's memory (see setup_language in demo/main.c).
src_forkscope_demo_LDADD = $(LIBINTL)
pkglibexec_PROGRAMS += src/forkscope-demo
src_forkscope_demo_CPPFLAGS = $(AM_CPPFLAGS)
src_forkscope_demo_SOURCES = src/scenario/demo/main.c src/scenario/demo/demo.h \
	src/scenario/demo/report.c src/scenario/protocol.c src/scenario/protocol.h \
	src/scenario/params.c src/scenario/params.h
# Scenario implementations (src/scenario/demo/*.c) are added below, one line each.
src_forkscope_demo_SOURCES += src/scenario/demo/role_hold.c
src_forkscope_demo_SOURCES += src/scenario/demo/spawn_plain.c
src_forkscope_demo_SOURCES += src/scenario/demo/family.c src/scenario/demo/family.h
src_forkscope_demo_SOURCES += src/scenario/demo/fork.c
src_forkscope_demo_SOURCES += src/scenario/demo/fork_exec.c
src_forkscope_demo_SOURCES += src/scenario/demo/exec_family.c
src_forkscope_demo_SOURCES += src/scenario/demo/cloexec.c
src_forkscope_demo_SOURCES += src/scenario/demo/vfork.c
src_forkscope_demo_SOURCES += src/scenario/demo/cow.c
src_forkscope_demo_SOURCES += src/scenario/demo/system.c
src_forkscope_demo_SOURCES += src/scenario/demo/popen.c
src_forkscope_demo_SOURCES += src/scenario/demo/zombie_orphan.c
src_forkscope_demo_SOURCES += src/scenario/demo/spawn_file_actions.c
src_forkscope_demo_SOURCES += src/scenario/demo/spawn_attrs.c
src_forkscope_demo_SOURCES += src/scenario/demo/clone3_pidfd.c
src_forkscope_demo_SOURCES += src/scenario/demo/custom.c
src_forkscope_demo_SOURCES += src/scenario/demo/mmap_shared.c
src_forkscope_demo_SOURCES += src/scenario/demo/spawn_cost.c
src_forkscope_demo_SOURCES += src/scenario/demo/scale.c
src_forkscope_demo_SOURCES += src/scenario/demo/threads_fork.c
src_forkscope_demo_SOURCES += src/scenario/demo/daemon.c
src_forkscope_demo_SOURCES += src/scenario/demo/pid_namespace.c
src_forkscope_demo_SOURCES += src/scenario/demo/sigmask.c
src_forkscope_demo_SOURCES += src/scenario/demo/sigchld.c
src_forkscope_demo_SOURCES += src/scenario/demo/signal_death.c
src_forkscope_demo_SOURCES += src/scenario/demo/fork_fail.c \
	src/scenario/demo/pids_cgroup.c src/scenario/demo/pids_cgroup.h
src_forkscope_demo_SOURCES += src/scenario/demo/stdio_fork.c
src_forkscope_demo_SOURCES += src/scenario/demo/inherit.c
