/*
 * Recordings: a session written as it goes, as versioned JSON lines, and
 * read back into a session that the screen (with its time cursor) or
 * batch shows without tracing anything.
 *
 * The file: a header line {"format": "forkscope-recording", "version": 1,
 * "forkscope": ..., "kernel": ..., "time": ..., "t0_us": ..., "source":
 * ..., "what": ..., "scenario": ..., "root": {...}}, then one object a line,
 * in the order things reached the session: "event" (every field, see
 * codec.h), "exec" (what an exec received, just before its event), "seal"
 * (the log was shown there: nothing goes before it),
 * "process" (a process that was there before any event told of it: an
 * attached pid's, the machine's) and "snapshot". Each line is written
 * whole and flushed, so a run that is killed leaves a file readable up to
 * its last complete line.
 */
#ifndef FORKSCOPE_RECORD_RECORDING_H
#define FORKSCOPE_RECORD_RECORDING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "model/session.h"

#define RECORDING_FORMAT "forkscope-recording"
#define RECORDING_VERSION 1

/* What the header says besides the versions. */
typedef struct RecordingInfo {
	uint64_t t0_us;           /* batch prints times relative to this */
	const char *what;         /* "cow", "make -j2", "pid 1234", "the whole machine" */
	const char *scenario;     /* the catalogue id, NULL for none */
} RecordingInfo;

typedef struct Recorder Recorder;

/* Creates path (replacing it) and writes the header; the session's events
 * are written as they are applied from now on. NULL with a message. */
Recorder *Recorder_open(const char *path, Session *session, const RecordingInfo *info, char *err,
			size_t errlen);
/* Writes what the session gained that events do not carry: new snapshots,
 * processes found without an event. Call it after each pump. */
void Recorder_sync(Recorder *r);
/* Syncs, closes and frees; 0, or -1 with a message when a write failed
 * (the file then ends at its last complete line). */
int Recorder_close(Recorder *r, char *err, size_t errlen);

/* A recording read back. */
typedef struct Replay {
	Session *session;         /* borrowed: gets every event, process and snapshot */
	uint64_t t0_us;
	char what[128];
	char scenario[64];        /* "" for none */
	char source[64];
	size_t lines;             /* complete lines read */
	bool cut;                 /* its last line was cut short (a killed run): left out */
	/* the last exec record read: its id in the recording, and in session
	 * (the exec event that names it comes next) */
	uint32_t exec_recorded_id, exec_id;
} Replay;

/* Reads path into session (a new one: its snapshot cap is lifted, a
 * replay keeps all). 0, or -1 with a message naming the line: not a
 * recording, another version, a line that is not JSON or not an object
 * this version knows. What was read before an error stays in session. */
int Replay_load(Replay *rp, const char *path, Session *session, char *err, size_t errlen);

#endif
