/*
 * json_app.h - an application record's JSON members (private to src/output).
 */
#ifndef TCPVIEW_OUTPUT_JSON_APP_H
#define TCPVIEW_OUTPUT_JSON_APP_H

#include "tcpview/app/record.h"
#include "tcpview/util/jsonw.h"

/* Room for the largest record: an HTTP/2 header block of H2_FIELDS_KEPT
 * fields, every byte escaped (6 bytes), and the sentence. */
#define JSON_APP_MAX (192u * 1024)

/* The members of one record, inside an object the caller opened. */
void json_app_members(struct jsonw *w, const struct tv_app *a);

#endif
