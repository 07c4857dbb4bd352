/*
 * The time cursor (travel.c): looking back at a past event, with every
 * pane showing the state as of that event.
 */
#ifndef FORKSCOPE_UI_TRAVEL_H
#define FORKSCOPE_UI_TRAVEL_H

#include <stdbool.h>
#include <stddef.h>

#include "ui/app.h"

/* Is the screen looking back (not at the live moment)? */
bool App_traveling(const App *app);
/* The event looked at; NULL when live (or it was dropped from the log). */
const Event *App_travel_event(const App *app);
/* [ (delta -1) and ] (+1): one event back or on; past the newest: live. */
unsigned App_travel_step(App *app, int delta);
/* Home in the events pane: the first event kept. */
unsigned App_travel_first(App *app);
/* End in the events pane, or ] past the newest: the live moment again. */
unsigned App_travel_live(App *app);

/* The session as it was at the event looked at, for one draw; NULL when
 * live. Free it with Travel_session_delete (its focus is borrowed). */
Session *Travel_session_new(const App *app);
void Travel_session_delete(Session *past);

/* "event K of N", and which moment the detail panes show when their
 * snapshot is older than the event. "" when live. */
void App_travel_status(const App *app, char *buf, size_t len);

#endif
