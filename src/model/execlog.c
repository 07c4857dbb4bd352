/* The bounded log of exec records: see execlog.h. */
#include "model/execlog.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"

void ExecLog_init(ExecLog *log, size_t cap)
{
	memset(log, 0, sizeof *log);
	log->cap = cap > 0 ? cap : EXECLOG_DEFAULT_CAP;
	log->first_id = 1;
	PidMap_init(&log->last);
}

void ExecLog_done(ExecLog *log)
{
	for (size_t i = 0; i < log->n; i++)
		ExecRecord_done(&log->v[i]);
	free(log->v);
	PidMap_done(&log->last);
	memset(log, 0, sizeof *log);
}

uint32_t ExecLog_add(ExecLog *log, ExecRecord *rec)
{
	if (log->cap == 0)
		ExecLog_init(log, 0);
	if (log->n == log->cap && PidMap_get(&log->last, log->v[0].pid) == (void *)(uintptr_t)log->first_id)
		PidMap_remove(&log->last, log->v[0].pid); /* the oldest goes */
	if (log->n == log->cap) {
		/* Full: the oldest goes. A memmove of a few hundred kB at most,
		 * once per exec past the cap. */
		ExecRecord_done(&log->v[0]);
		memmove(log->v, log->v + 1, (log->n - 1) * sizeof *log->v);
		log->n--;
		log->first_id++;
	}
	if (log->v == NULL)
		log->v = xcalloc(log->cap, sizeof *log->v);
	log->v[log->n] = *rec;
	memset(rec, 0, sizeof *rec);
	PidMap_put(&log->last, log->v[log->n].pid, (void *)(uintptr_t)(log->first_id + log->n));
	return log->first_id + (uint32_t)log->n++;
}

const ExecRecord *ExecLog_find(const ExecLog *log, uint32_t id)
{
	if (id < log->first_id || id - log->first_id >= log->n)
		return NULL;
	return &log->v[id - log->first_id];
}

const ExecRecord *ExecLog_last_of(const ExecLog *log, pid_t pid)
{
	/* An id whose record went past the cap finds nothing. */
	return ExecLog_find(log, (uint32_t)(uintptr_t)PidMap_get(&log->last, pid));
}
