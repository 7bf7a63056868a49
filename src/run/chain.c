/*
 * chain.c - one analysis chain (see chain.h).
 */
#include "config.h"

#include <string.h>

#include "chain.h"
#include "tcpview/diagnose/diagnose.h"

/* Bytes held out of order per direction for the application layer: past
 * this a hole is given up as a gap, so that memory stays bounded by the
 * connections open at once. */
#define APP_PENDING_MAX (256u * 1024)

bool chain_init(struct chain *c, const struct pipeline_options *opt,
		const struct tracker_config *tc, struct tv_sink *out, bool verdict)
{
	memset(c, 0, sizeof(*c));
	c->out = out;
	c->head = out;
	struct tracker_config cfg = *tc;
	if (opt->narrate) {
		/* tracker → application layer → diagnosis → output */
		c->diag = diagnose_new(out, verdict);
		c->app = c->diag != NULL ? app_layer_new(c->diag) : NULL;
		c->head = c->app != NULL ? app_layer_sink(c->app) : NULL;
		if (cfg.reasm_pending_max == 0)
			cfg.reasm_pending_max = APP_PENDING_MAX;
	}
	c->tr = c->head != NULL ? tracker_new(&cfg, c->head) : NULL;
	if (c->tr == NULL) {
		chain_free(c);
		return false;
	}
	return true;
}

void chain_flush(struct chain *c)
{
	tracker_flush(c->tr);
}

void chain_free(struct chain *c)
{
	tracker_free(c->tr);
	c->tr = NULL;
	if (c->head != NULL && c->head != c->out)
		c->head->ops->destroy(c->head);	/* the application layer */
	if (c->diag != NULL)
		c->diag->ops->destroy(c->diag);
	c->head = c->diag = NULL;
	c->app = NULL;
}
