# Documentation: the manual page, installed by make install.
dist_man1_MANS += doc/forkscope.1
