/* report-md.c: the Markdown report (REPORT.md in the workspace). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "util.h"

/* Lens text is used in its base language, so the file does not change with
 * the reader's locale. */

/* Text from a lens or a note, on one line, with nothing Markdown would take
 * as table syntax or a terminal as a control sequence. */
static void
add_inline(struct buf *b, const char *s)
{
	for (; s != NULL && *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '\n' || c == '\r' || c == '\t')
			buf_addc(b, ' ');
		else if (c < 0x20 || c == 0x7f)
			continue;
		else if (c == '|')
			buf_adds(b, "\\|");
		else
			buf_addc(b, (char)c);
	}
}

/* A note as a block quote, line by line. */
static void
add_quote(struct buf *b, const char *s)
{
	buf_adds(b, "> ");
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '\n') {
			if (s[1] == '\0')
				break;
			buf_adds(b, "\n> ");
		} else if ((c < 0x20 && c != '\t') || c == 0x7f)
			continue;
		else
			buf_addc(b, (char)c);
	}
	buf_addc(b, '\n');
}

static void
add_row(struct buf *b, const char *name, const struct tally *t)
{
	buf_adds(b, "| ");
	add_inline(b, name);
	buf_printf(b, " | %u | %u | %u | %u | %u | %u | %u |\n", t->questions,
	    t->answered, t->n[RISK_HIGH], t->n[RISK_MEDIUM], t->n[RISK_NONE],
	    t->n[RISK_NOT_APPLICABLE], t->n[RISK_UNANSWERED]);
}

static void
add_question(struct buf *b, const struct workspace *ws, size_t lens,
    const struct question *q)
{
	const struct answer	*a = &ws->answers[lens][q->index];
	const struct roadmap_item *it = ws->roadmap[lens][q->index];
	bool			 any = false;

	buf_adds(b, "### ");
	if (q->number != NULL) {
		add_inline(b, q->number);
		buf_adds(b, " ");
	}
	add_inline(b, q->title.base);
	buf_printf(b, "\n\nRisk: **%s**", risk_name(question_risk(q, a)));
	if (a->not_applicable && a->reason != NULL && *a->reason != '\0')
		buf_printf(b, " (%s)", a->reason);
	buf_adds(b, "\n");
	for (size_t i = 0; i < q->nchoices; i++) {
		const struct choice *ch = &q->choices[i];

		if (!answer_selected(a, ch->id))
			continue;
		if (!any)
			buf_adds(b, "\nChosen practices:\n\n");
		any = true;
		buf_adds(b, "- ");
		if (ch->code != NULL) {
			add_inline(b, ch->code);
			buf_adds(b, " ");
		}
		add_inline(b, ch->title.base);
		buf_adds(b, "\n");
	}
	if (a->note != NULL && *a->note != '\0') {
		buf_adds(b, "\nNote:\n\n");
		add_quote(b, a->note);
	}
	if (it != NULL) {
		buf_printf(b, "\nRoadmap: %s", status_name(it->status));
		if (it->owner != NULL) {
			buf_adds(b, ", ");
			add_inline(b, it->owner);
		}
		if (it->target != NULL) {
			buf_adds(b, ", ");
			add_inline(b, it->target);
		}
		buf_adds(b, "\n");
	}
	buf_adds(b, "\n");
}

char *
report_markdown(const struct workspace *ws)
{
	struct buf	 b = { 0 };
	struct tally	 t;
	const char	*v;

	buf_adds(&b, "# ");
	add_inline(&b, workspace_prop(ws, "name"));
	buf_adds(&b, "\n\n");
	if ((v = workspace_prop(ws, "environment")) != NULL) {
		buf_adds(&b, "Environment: ");
		add_inline(&b, v);
		buf_adds(&b, "\n\n");
	}

	buf_adds(&b, "## Risks\n\n| Pillar | Questions | Answered | High | "
	    "Medium | None | Not applicable | Unanswered |\n"
	    "|---|---:|---:|---:|---:|---:|---:|---:|\n");
	for (size_t i = 0; i < ws->nlenses; i++) {
		const struct lens *l = ws->lenses[i];

		for (size_t j = 0; j < l->npillars; j++) {
			workspace_tally_pillar(ws, i, &l->pillars[j], &t);
			add_row(&b, l->pillars[j].title.base, &t);
		}
	}
	workspace_tally(ws, -1, &t);
	add_row(&b, "**Total**", &t);
	buf_adds(&b, "\n");

	for (size_t i = 0; i < ws->nlenses; i++) {
		const struct lens *l = ws->lenses[i];

		for (size_t j = 0; j < l->npillars; j++) {
			const struct pillar *p = &l->pillars[j];

			buf_adds(&b, "## ");
			add_inline(&b, p->title.base);
			if (ws->nlenses > 1) {
				buf_adds(&b, " (");
				add_inline(&b, l->title.base);
				buf_adds(&b, ")");
			}
			buf_adds(&b, "\n\n");
			for (size_t k = 0; k < p->nquestions; k++)
				add_question(&b, ws, i, &p->questions[k]);
		}
	}
	return buf_take(&b);
}
