/*
 * The key table: each binding is a row with the keys, the label and text
 * the help screen and the status line show, the views it works in, and
 * the handler. Adding a key is adding a row; the help screen is made from
 * this table, so it cannot fall out of date.
 */
#ifndef FORKSCOPE_UI_KEYS_H
#define FORKSCOPE_UI_KEYS_H

#include <stddef.h>

#include "ui/app.h"

enum {
	WHEN_LIST = 1 << 0,   /* the scenario list */
	WHEN_RUN  = 1 << 1,   /* a run */
	WHEN_ANY  = WHEN_LIST | WHEN_RUN,
	WHEN_STEPS = 1 << 2,  /* its hint only shows when the run goes in steps */
};

typedef unsigned (*KeyHandler)(App *app, int key);

typedef struct KeyBinding {
	int keys[5];            /* curses key codes, 0-terminated */
	const char *label;      /* "Space", "Up/k" */
	const char *hint;       /* a word for the status line (N_(), shown with _());
	                         * NULL: help only */
	const char *help;       /* a sentence for the help screen; NULL: another row of
	                         * the same key says it */
	unsigned when;          /* WHEN_* */
	KeyHandler handler;
} KeyBinding;

size_t keys_binding_count(void);
const KeyBinding *keys_binding_at(size_t i);

/* The signals k offers, in the order the status line lists them. */
typedef struct SignalChoice {
	int signo;
	const char *name;       /* without "SIG": "TERM" */
} SignalChoice;

size_t signal_choice_count(void);
const SignalChoice *signal_choice_at(size_t i);

/* Handles one key read from curses (KEY_MOUSE included). Returns ACT_* bits. */
unsigned keys_handle(App *app, int key);

#endif
