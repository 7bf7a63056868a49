/*
 * ladder_mermaid.c - a ladder as a Mermaid sequenceDiagram (output layer,
 * SPEC §12; layout in ladder.c).
 *
 * One diagram per connection, introduced by a "%% tcpview connection N"
 * comment line so that a file of several can be split (or one picked
 * with --conn).  Lanes are participants; an arrow is a message, solid
 * (->>) for the ordinary ones, dotted (-->>) for trouble, with a cross
 * (-x) for a reset and a dotted cross (--x) for an ICMP error; a folded
 * run is a note over both lanes.  Mermaid reads ';' as the end of a
 * statement and '#' as the start of an entity, so those and the
 * characters of its HTML labels are written as entities (#59; ...), as
 * its documentation says to escape them.
 */
#include "config.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "tcpview/output/ladder.h"
#include "tcpview/util/fmt.h"

static const char ids[3] = { 'A', 'B', 'C' };

/* Text of a message or a note, escaped for Mermaid. */
static void text(const struct draw_out *o, const char *s)
{
	const char *run = s;
	for (; *s != '\0'; s++) {
		const char *ent = NULL;
		switch (*s) {
		case ';': ent = "#59;"; break;
		case '#': ent = "#35;"; break;
		case '<': ent = "#60;"; break;
		case '>': ent = "#62;"; break;
		case '"': ent = "#34;"; break;
		case '&': ent = "#38;"; break;
		case '\n':
		case '\r': ent = " "; break;
		default: break;
		}
		if (ent == NULL)
			continue;
		draw_write(o, run, (size_t)(s - run));
		draw_puts(o, ent);
		run = s + 1;
	}
	draw_write(o, run, (size_t)(s - run));
}

static void mw_doc_begin(struct ladder_writer *w)
{
	(void)w;
}

static void mw_conn_begin(struct ladder_writer *w, const struct ladder_conn *c)
{
	const struct draw_out *o = &w->out;
	draw_puts(o, "%% tcpview ");
	draw_puts(o, c->title);
	draw_puts(o, "\nsequenceDiagram\n");
	for (int i = 0; i < c->nlanes; i++) {
		draw_printf(o, "    participant %c as ", ids[i]);
		text(o, c->lane_name[i]);
		draw_puts(o, "<br/>");
		text(o, c->lane_addr[i]);
		draw_puts(o, "\n");
	}
}

static void mw_row(struct ladder_writer *w, const struct ladder_conn *c,
		   const struct ladder_row *r, size_t index)
{
	const struct draw_out *o = &w->out;
	char tm[32];
	(void)index;
	fmt_seconds(tm, sizeof(tm), r->rel_ns, 6);
	if (r->kind == LR_FOLD) {
		draw_printf(o, "    Note over %c,%c: ", ids[c->lane_client], ids[c->lane_server]);
		text(o, r->label);
		draw_puts(o, "\n");
		return;
	}
	const char *arrow = r->tone == LT_RESET ? "-x" : r->tone == LT_ICMP ? "--x"
			    : r->tone == LT_TROUBLE ? "-->>" : "->>";
	draw_printf(o, "    %c%s%c: ", ids[r->from], arrow, ids[r->to]);
	if (r->frame > 0)
		draw_printf(o, "[%" PRIu64 "] ", r->frame);
	draw_printf(o, "%s ", tm);
	text(o, r->packet);
	if (r->label[0] != '\0') {
		draw_puts(o, ", ");
		text(o, r->label);
	}
	if (r->app[0] != '\0') {
		draw_puts(o, "<br/>");
		text(o, r->app);
	}
	draw_puts(o, "\n");
}

static void mw_conn_end(struct ladder_writer *w, const struct ladder_conn *c)
{
	const struct draw_out *o = &w->out;
	draw_printf(o, "    Note over %c,%c: ", ids[c->lane_client], ids[c->lane_server]);
	text(o, c->end);
	draw_puts(o, "\n\n");
}

static void mw_doc_end(struct ladder_writer *w)
{
	(void)w;
}

static void mw_destroy(struct ladder_writer *w)
{
	free(w);
}

static const struct ladder_writer_ops mermaid_ops = {
	.doc_begin = mw_doc_begin,
	.conn_begin = mw_conn_begin,
	.row = mw_row,
	.conn_end = mw_conn_end,
	.doc_end = mw_doc_end,
	.destroy = mw_destroy,
};

struct ladder_writer *ladder_mermaid_writer_new(void)
{
	struct ladder_writer *w = calloc(1, sizeof(*w));
	if (w == NULL)
		return NULL;
	w->ops = &mermaid_ops;
	return w;
}
