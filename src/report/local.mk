# src/report: see the comment at the top of each file.
noinst_LIBRARIES += src/report/libreport.a
src_report_libreport_a_CPPFLAGS = $(LIB_CPPFLAGS)
src_report_libreport_a_SOURCES =
src_report_libreport_a_SOURCES += src/report/catalogue.c src/report/catalogue.h
src_report_libreport_a_SOURCES += src/report/procstate.c src/report/procstate.h \
	src/report/event_json.c src/report/event_json.h src/report/batch.c src/report/batch.h
src_report_libreport_a_SOURCES += src/report/inspect.c src/report/inspect_json.c src/report/inspect.h
src_report_libreport_a_SOURCES += src/report/exec_record.c src/report/exec_record.h \
	src/report/watch.c src/report/watch.h
