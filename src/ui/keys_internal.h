/*
 * Between the key table (keys.c) and the handlers that live in files of
 * their own: the tree's shape (keys_tree.c: folds, order, columns, the
 * filter's matches) and k's signal (keys_signal.c). Each handler has the
 * table's signature (KeyHandler) and returns ACT_* bits.
 */
#ifndef FORKSCOPE_UI_KEYS_INTERNAL_H
#define FORKSCOPE_UI_KEYS_INTERNAL_H

#include <stdbool.h>

#include "ui/app.h"

enum { KEY_ESC = 27, KEY_CTRL_RBRACKET = 29 };

/* A key pressed over the help closes it: ACT_REDRAW. */
unsigned keys_close_help(App *app);

/* keys_tree.c */
/* In a watch: folds the selected process's subtree into its row (fold), or
 * shows it again; says what it did in a note. */
unsigned keys_fold(App *app, bool fold);
unsigned k_order(App *app, int key);     /* o, F6 */
unsigned k_columns(App *app, int key);   /* % */
unsigned k_match(App *app, int key);     /* n, N */

/* keys_signal.c */
unsigned k_signal(App *app, int key);    /* k: opens the question */
/* The keys while it is asked (PROMPT_SIGNAL, PROMPT_SIGNAL_CONFIRM). */
unsigned keys_signal_prompt(App *app, int key);

/* keys_console.c */
/* A key while the terminal pane has the keyboard: to the command, but Ctrl-]. */
unsigned keys_console_key(App *app, int key);
unsigned k_console(App *app, int key);       /* Ctrl-]: the keyboard to the terminal */
unsigned k_console_hide(App *app, int key);  /* T */
unsigned k_quit(App *app, int key);          /* q, F10: asks first while a command runs */
/* The keys while quitting is asked (PROMPT_QUIT). */
unsigned keys_quit_prompt(App *app, int key);
/* May the command be left running at quit? */
bool keys_quit_can_leave(const App *app);

/* keys_break.c */
unsigned k_breaks(App *app, int key);        /* b: the breakpoint list */
unsigned k_resume(App *app, int key);        /* c */
unsigned k_resume_all(App *app, int key);    /* C */
unsigned k_detach(App *app, int key);        /* D */
/* The keys while the list is open. */
unsigned keys_breaks_list(App *app, int key);
/* Enter in PROMPT_BREAK: adds what was typed. */
unsigned keys_break_add(App *app);
/* A breakpoint's event came in (EV_BREAK). */
void keys_break_hit(App *app, const Event *ev);

#endif
