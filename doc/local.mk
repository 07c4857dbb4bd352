# Documentation: the manual page, installed by make install.
dist_man1_MANS += doc/forkscope.1

# doc/scenarios.md is made from the catalogue, so it cannot drift from it.
EXTRA_DIST += doc/scenarios.md doc/screenshots doc/bench.md
.PHONY: scenarios-doc
scenarios-doc: src/forkscope
	LC_ALL=C ./src/forkscope --list --markdown > $(srcdir)/doc/scenarios.md.tmp && \
	mv $(srcdir)/doc/scenarios.md.tmp $(srcdir)/doc/scenarios.md

# make screenshots: every scenario at its most telling step, the list, the
# help screen and two more themes, drawn by forkscope itself with stable
# pids and times so that regenerating changes nothing without reason; at
# 200x60, the size test_claims checks every caption against the screen at.
# Each scenario is also drawn whole, as ID-anim.svg: every step in turn and
# the finished run, playing in a loop (--animate), for the README.
SCREENSHOT_SIZE = 200x60
SCREENSHOT_STEPS = fork:2 fork-exec:3 exec-family:4 cloexec:3 vfork:1 cow:4 \
	system:2 popen:1 spawn-plain:2 spawn-file-actions:3 spawn-attrs:2 \
	zombie-orphan:1 mmap-shared:2 scale:4 spawn-cost:4 clone3-pidfd:1
SCREENSHOT_STEPS += threads-fork:2 daemon:3 pid-namespace:3
SCREENSHOT_STEPS += sigmask:2 signal-death:3 sigchld:3 fork-fail:2 stdio-fork:1 inherit:2
SCREENSHOT_OPTIONS_spawn_cost = max_mib=64 reps=5
SCREENSHOT_OPTIONS_scale = units=2000
shot = LC_ALL=C.UTF-8 LANGUAGE= FORKSCOPE_THEMES=$(abs_top_srcdir)/themes ./src/forkscope --stable --size $(SCREENSHOT_SIZE)
screenshots: src/forkscope src/forkscope-demo
	$(MKDIR_P) $(srcdir)/doc/screenshots
	@for s in $(SCREENSHOT_STEPS); do \
	  id=$${s%%:*}; step=$${s##*:}; \
	  case $$id in spawn-cost) opts="$(SCREENSHOT_OPTIONS_spawn_cost)";; \
	    scale) opts="$(SCREENSHOT_OPTIONS_scale)";; *) opts=;; esac; \
	  echo "  SHOT     doc/screenshots/$$id.svg (step $$step)"; \
	  $(shot) --screenshot $(srcdir)/doc/screenshots/$$id.svg --scenario $$id --step $$step $$opts || exit 1; \
	  echo "  ANIM     doc/screenshots/$$id-anim.svg"; \
	  $(shot) --screenshot $(srcdir)/doc/screenshots/$$id-anim.svg --scenario $$id --animate $$opts || exit 1; \
	done
	$(shot) --screenshot $(srcdir)/doc/screenshots/custom.svg --scenario custom --step 1 -- sh -c 'ls /etc | wc -l'
	$(shot) --screenshot $(srcdir)/doc/screenshots/custom-anim.svg --scenario custom --animate -- sh -c 'ls /etc | wc -l'
	$(shot) --screenshot $(srcdir)/doc/screenshots/list.svg --step 0
	$(shot) --screenshot $(srcdir)/doc/screenshots/help.svg --step -1
	$(shot) --screenshot $(srcdir)/doc/screenshots/cow-light.svg --scenario cow --step 4 --theme light
	$(shot) --screenshot $(srcdir)/doc/screenshots/cloexec-solarized.svg --scenario cloexec --step 3 --theme solarized-dark
