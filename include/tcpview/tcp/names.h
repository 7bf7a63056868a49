/*
 * names.h - the stable snake_case name of every enum value of the records.
 *
 * These are identifiers, not words: JSON keys and values, labels, codes.
 * They never change with the language (SPEC §13); the words that explain
 * them live in say/.  Each returns a static string ("?" or NULL for a value
 * out of range, as documented).
 */
#ifndef TCPVIEW_TCP_NAMES_H
#define TCPVIEW_TCP_NAMES_H

#include "tcpview/tcp/record.h"

/* "window_update" */
const char *label_name(enum tv_label l);
/* "refused", "abort", ...; NULL for RST_NONE */
const char *rst_reason_name(enum rst_reason r);
/* "closed", "reset", "syn_sent", ... */
const char *conn_state_name(enum conn_state s);
/* "closed", "idle", "end_of_input", ... */
const char *end_reason_name(enum conn_end_reason r);
/* "SF", "REJ", ... */
const char *zeek_state_name(enum zeek_conn_state z);
/* "c2s" or "s2c" */
const char *dir_name(enum tv_dir d);
/* The role of a side as a JSON value: "client" or "server". */
const char *role_name(enum tv_dir d);

#endif
