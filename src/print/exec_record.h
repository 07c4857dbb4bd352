/* An exec record (probe/execrec.h) in batch output: indented lines under
 * its exec event, or the "exec" object of the event's JSON. */
#ifndef FORKSCOPE_PRINT_EXEC_RECORD_H
#define FORKSCOPE_PRINT_EXEC_RECORD_H

#include <json-c/json.h>
#include <stdio.h>

#include "probe/execrec.h"

void exec_record_print(FILE *out, const ExecRecord *rec);
json_object *exec_record_json(const ExecRecord *rec);

#endif
