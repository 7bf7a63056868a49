/*
 * quote.h - the first line of each application message (app layer).
 *
 * A sink that sits between the tracker and an output: it reads each
 * direction's in-order bytes, and when one side starts a new message (the
 * first bytes after the other side spoke) it quotes that message's first
 * line, if it is printable text ("GET / HTTP/1.1"), in the event record of
 * the frame that carried it.  Every record is then passed on to `next`
 * (bytes too, when `next` wants them).  It owns its per-connection state;
 * `next` stays the caller's and must outlive it.
 */
#ifndef TCPVIEW_APP_QUOTE_H
#define TCPVIEW_APP_QUOTE_H

#include "tcpview/tcp/sink.h"

struct tv_sink *app_quote_new(struct tv_sink *next);

#endif
