/* report-md.c: the review as Markdown (REPORT.md and wafr report). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/plan.h"
#include "report/report.h"
#include "report/summary.h"
#include "base/util.h"

/* Prose from a file: no control characters, and nothing a Markdown
 * renderer would take for markup (links, HTML, emphasis, table bars). */
enum { MD_PLAIN, MD_ESCAPE, MD_ESCAPE_AT_START, MD_NEWLINE };

static void
md_text(struct buf *b, const char *s, bool oneline)
{
	static unsigned char	 special[256];
	struct buf		 clean = { 0 };
	const char		*q;
	bool			 bol = true;

	if (special['\n'] == MD_PLAIN) {
		for (const char *c = "\\`*_[]<>|"; *c != '\0'; c++)
			special[(unsigned char)*c] = MD_ESCAPE;
		for (const char *c = "#+-=~"; *c != '\0'; c++)
			special[(unsigned char)*c] = MD_ESCAPE_AT_START;
		special['\n'] = MD_NEWLINE;
	}

	/* Most prose is printable ASCII with nothing to escape: as it is. */
	if (s != NULL && special[(unsigned char)*s] != MD_ESCAPE_AT_START) {
		for (q = s; *q >= ' ' && *q <= '~' && (special[(unsigned
		    char)*q] == MD_PLAIN || special[(unsigned char)*q] ==
		    MD_ESCAPE_AT_START); q++)
			;
		if (*q == '\0') {
			buf_add(b, s, (size_t)(q - s));
			return;
		}
	}
	buf_add_printable(&clean, s, true);
	for (const char *p = clean.s; p != NULL && *p != '\0'; p++) {
		if (*p == '\n') {
			if (oneline)
				buf_addc(b, ' ');
			else
				buf_adds(b, "  \n");
			bol = true;
			continue;
		}
		if (special[(unsigned char)*p] == MD_ESCAPE ||
		    (bol && special[(unsigned char)*p] == MD_ESCAPE_AT_START))
			buf_addc(b, '\\');
		/* The run up to the next character to look at, in one go. */
		for (q = p + 1; *q != '\0' && (special[(unsigned char)*q] ==
		    MD_PLAIN || special[(unsigned char)*q] == MD_ESCAPE_AT_START);
		    q++)
			;
		buf_add(b, p, (size_t)(q - p));
		p = q - 1;
		bol = false;
	}
	buf_free(&clean);
}

static bool
is_link(const char *s)
{
	static bool	 bad[256], ready;

	if (!ready) {
		for (int c = 0; c <= ' '; c++)
			bad[c] = true;
		for (const char *c = "<>\"'`\\\x7f"; *c != '\0'; c++)
			bad[(unsigned char)*c] = true;
		ready = true;
	}
	if (s == NULL || (strncmp(s, "https://", 8) != 0 &&
	    strncmp(s, "http://", 7) != 0))
		return false;
	while (!bad[(unsigned char)*s])
		s++;
	return *s == '\0';
}

static void
md_link(struct buf *b, const char *url)
{
	if (is_link(url)) {
		buf_addc(b, '<');
		buf_adds(b, url);
		buf_addc(b, '>');
	} else
		md_text(b, url, true);
}

/* A code span shows its text literally, so it is only made inert (as on
 * the command line: controls, DEL, C1, bad bytes, bidi and other invisible
 * characters) and kept from ending early. */
static void
md_code(struct buf *b, const char *s)
{
	struct buf clean = { 0 };

	buf_add_printable(&clean, s, false);
	buf_addc(b, '`');
	for (const char *p = clean.s; *p != '\0'; p++)
		buf_addc(b, *p == '`' ? '?' : *p);
	buf_addc(b, '`');
	buf_free(&clean);
}

static void
md_question_title(struct buf *b, const struct question *q)
{
	if (q->number != NULL) {
		md_text(b, q->number, true);
		buf_addc(b, ' ');
	}
	md_text(b, text_get(&q->title), true);
}

static void
md_tally_row(struct buf *b, const struct tally *t)
{
	buf_printf(b, " | %u | %u | %u | %u | %u | %u | %u |\n", t->questions,
	    t->answered, t->n[RISK_HIGH], t->n[RISK_MEDIUM], t->n[RISK_NONE],
	    t->n[RISK_NOT_APPLICABLE], t->n[RISK_UNANSWERED]);
}

static void
md_title(struct buf *b, const struct summary *sm)
{
	buf_adds(b, "# ");
	buf_adds(b, _("Architecture review"));
	buf_adds(b, ": ");
	md_text(b, sm->name != NULL ? sm->name : "", true);
	if (sm->milestone != NULL) {
		buf_printf(b, " · %s ", _("milestone"));
		md_text(b, sm->milestone, true);
		if (sm->date != NULL)
			buf_printf(b, " (%s)", sm->date);
	}
	buf_adds(b, "\n\n");
}

/* The executive summary: one screen a CTO reads before the details. */
static void
md_summary(struct buf *b, const struct state *st, const struct summary *sm)
{
	struct tally t;

	buf_printf(b, "## %s\n\n", _("Summary"));
	buf_adds(b, "**");
	md_text(b, sm->name != NULL ? sm->name : "", true);
	buf_adds(b, "**");
	if (sm->oneline != NULL) {
		buf_adds(b, ": ");
		md_text(b, sm->oneline, true);
	}
	buf_adds(b, "\n\n");
	if (sm->milestone != NULL) {
		buf_printf(b, "%s: ", _("Milestone"));
		md_text(b, sm->milestone, true);
		if (sm->date != NULL)
			buf_printf(b, _(", saved on %s"), sm->date);
		buf_adds(b, "\n\n");
	} else if (sm->date != NULL)
		buf_printf(b, "%s: %s\n\n", _("Date of the review"), sm->date);
	buf_printf(b, "%s: ", _("Participants"));
	if (sm->nparticipants == 0)
		buf_adds(b, _("not recorded (the workload property "
		    "participants)"));
	for (size_t i = 0; i < sm->nparticipants; i++) {
		if (i > 0)
			buf_adds(b, "; ");
		md_text(b, sm->participants[i], true);
	}
	buf_adds(b, "\n\n");
	state_tally(st, -1, &t);
	buf_printf(b, _("High-risk issues (HRI): %u · medium-risk issues "
	    "(MRI): %u · questions answered: %u of %u.\n\n"), t.n[RISK_HIGH],
	    t.n[RISK_MEDIUM], t.answered, t.questions);
	buf_printf(b, "| %s | %s | %s |\n|---|--:|--:|\n", _("Pillar"),
	    _("HRI"), _("MRI"));
	for (size_t i = 0; i < sm->npillars; i++) {
		buf_adds(b, "| ");
		md_text(b, text_get(&sm->pillars[i].p->title), true);
		if (st->nlenses > 1) {
			buf_adds(b, " (");
			md_text(b, text_get(&st->lenses[sm->pillars[i].lens]->
			    title), true);
			buf_addc(b, ')');
		}
		buf_printf(b, " | %u | %u |\n", sm->pillars[i].high,
		    sm->pillars[i].medium);
	}
	buf_printf(b, "| **%s** | %u | %u |\n\n", _("Total"), t.n[RISK_HIGH],
	    t.n[RISK_MEDIUM]);
	if (sm->ntop > 0) {
		buf_printf(b, "%s:\n\n", _("The findings that matter most"));
		for (size_t i = 0; i < sm->ntop; i++) {
			const struct plan_entry *e = &sm->plan.v[i];

			buf_printf(b, "%zu. %s ", i + 1, finding_code(e->risk));
			md_question_title(b, e->ref.q);
			buf_adds(b, " (");
			md_text(b, text_get(&e->ref.q->pillar->title), true);
			buf_adds(b, ")\n");
		}
		buf_addc(b, '\n');
	}
	summary_roadmap(b, sm);
	buf_adds(b, "\n\n");
	if (sm->earlier != NULL) {
		if (*sm->earlier != '\0') {
			buf_printf(b, "%s ", _("Since milestone"));
			md_text(b, sm->earlier, true);
			buf_adds(b, ": ");
		} else
			buf_printf(b, "%s: ", _("Since the last milestone"));
		buf_printf(b, _("HRIs closed: %u, opened: %u.\n\n"),
		    sm->hri_closed, sm->hri_opened);
	}
}

static void
md_workload(struct buf *b, const struct state *st)
{
	size_t	*order, n = summary_prop_order(st, &order);

	buf_adds(b, "## ");
	buf_adds(b, _("Workload"));
	buf_printf(b, "\n\n| %s | %s |\n|---|---|\n", _("Property"),
	    _("Value"));
	for (size_t i = 0; i < n; i++) {
		buf_adds(b, "| ");
		md_text(b, st->workload.keys[order[i]], true);
		buf_adds(b, " | ");
		md_text(b, st->workload.values[order[i]], true);
		buf_adds(b, " |\n");
	}
	free(order);
	buf_addc(b, '\n');
}

/* HRIs and MRIs at each milestone, and now. */
static void
md_trend(struct buf *b, const struct state *st, const struct report_ctx *ctx)
{
	struct tally	t;
	char		date[16];

	if (ctx == NULL || ctx->nmarks == 0)
		return;
	buf_printf(b, "## %s\n\n| %s | %s | %s | %s |\n|---|---|--:|--:|\n",
	    _("Trend"), _("Milestone"), _("Date"), _("HRI"), _("MRI"));
	for (size_t i = 0; i < ctx->nmarks; i++) {
		summary_date(ctx->marks[i].time, date, sizeof date);
		buf_adds(b, "| ");
		md_text(b, ctx->marks[i].name, true);
		buf_printf(b, " | %s | %u | %u |\n", date,
		    ctx->marks[i].tally.n[RISK_HIGH],
		    ctx->marks[i].tally.n[RISK_MEDIUM]);
	}
	if (ctx->milestone == NULL) {
		state_tally(st, -1, &t);
		buf_printf(b, "| *%s* | | %u | %u |\n", _("now"),
		    t.n[RISK_HIGH], t.n[RISK_MEDIUM]);
	}
	buf_addc(b, '\n');
}

/* The profile's prioritized questions, the answers from a template. */
static void
md_life(struct buf *b, const struct state *st)
{
	char	*lines[REPORT_LIFE_MAX];
	size_t	 n = report_life(st, lines);

	for (size_t i = 0; i < n; i++) {
		md_text(b, lines[i], true);
		buf_adds(b, "\n\n");
		free(lines[i]);
	}
}

static void
md_tallies(struct buf *b, const struct state *st)
{
	struct tally t;

	buf_printf(b, "## %s\n\n| %s | %s | %s | %s | %s | %s | %s | %s | "
	    "%s |\n|---|---|--:|--:|--:|--:|--:|--:|--:|\n",
	    _("Risks by pillar"), _("Lens"), _("Pillar"), _("Questions"),
	    _("Answered"), _("High"), _("Medium"), _("None"),
	    _("Not applicable"), _("Unanswered"));
	for (size_t i = 0; i < st->nlenses; i++) {
		const struct lens *l = st->lenses[i];

		for (size_t j = 0; j < l->npillars; j++) {
			state_tally_pillar(st, i, &l->pillars[j], &t);
			buf_adds(b, "| ");
			md_text(b, text_get(&l->title), true);
			buf_adds(b, " | ");
			md_text(b, text_get(&l->pillars[j].title), true);
			md_tally_row(b, &t);
		}
	}
	state_tally(st, -1, &t);
	buf_printf(b, "| **%s** | ", _("Total"));
	md_tally_row(b, &t);
	buf_addc(b, '\n');
	md_life(b, st);
}

bool
report_has_time(const struct state *st)
{
	for (size_t i = 0; i < st->nlenses; i++) {
		for (size_t j = 0; j < st->lenses[i]->npillars; j++) {
			const struct pillar *p = &st->lenses[i]->pillars[j];

			if (state_agenda(st, i, p) > 0 ||
			    state_time_spent(st, i, p) > 0)
				return true;
		}
	}
	return false;
}

/* The workshop clock: the time box and the time spent in each pillar. */
static void
md_time(struct buf *b, const struct state *st)
{
	long	total = 0, boxes = 0;
	char	spent[32], box[32];

	if (!report_has_time(st))
		return;
	buf_printf(b, "## %s\n\n| %s | %s | %s | %s |\n|---|---|--:|--:|\n",
	    _("Time spent per pillar"), _("Lens"), _("Pillar"), _("Time box"),
	    _("Time spent"));
	for (size_t i = 0; i < st->nlenses; i++) {
		const struct lens *l = st->lenses[i];

		for (size_t j = 0; j < l->npillars; j++) {
			const struct pillar	*p = &l->pillars[j];
			long			 s = state_time_spent(st, i, p);
			long			 m = state_agenda(st, i, p);

			total += s;
			boxes += m;
			format_duration(s, spent, sizeof spent);
			format_duration(m * 60, box, sizeof box);
			buf_adds(b, "| ");
			md_text(b, text_get(&l->title), true);
			buf_adds(b, " | ");
			md_text(b, text_get(&p->title), true);
			buf_printf(b, " | %s | %s%s |\n", m > 0 ? box : "-",
			    spent, m > 0 && s > m * 60 ? _(" (over)") : "");
		}
	}
	format_duration(total, spent, sizeof spent);
	format_duration(boxes * 60, box, sizeof box);
	buf_printf(b, "| **%s** | | %s | %s |\n\n", _("Total"),
	    boxes > 0 ? box : "-", spent);
}

static void
md_item_line(struct buf *b, const struct roadmap_item *it, enum risk r)
{
	buf_printf(b, "%s: %s", _("Roadmap"),
	    item_state_label(roadmap_item_state(it, r)));
	if (it->owner != NULL) {
		buf_printf(b, ", %s ", _("owner"));
		md_text(b, it->owner, true);
	}
	if (it->ticket != NULL) {
		buf_printf(b, ", %s ", _("ticket"));
		md_text(b, it->ticket, true);
	}
	if (it->effort != EFFORT_UNSET)
		buf_printf(b, ", %s %s", _("effort"), effort_name(it->effort));
	if (it->target != NULL) {
		buf_printf(b, ", %s ", _("target"));
		md_text(b, it->target, true);
	}
	if (it->reason != NULL) {
		buf_printf(b, ", %s: ", _("reason"));
		md_text(b, it->reason, true);
	}
	buf_adds(b, "\n\n");
}

static void
md_plan(struct buf *b, const struct state *st)
{
	struct plan pl;

	plan_build(st, &pl);
	buf_printf(b, "## %s\n\n", _("Improvement plan"));
	if (pl.n == 0)
		buf_printf(b, "%s\n\n", _("No high or medium risk."));
	else
		buf_printf(b, ngettext("%zu finding: %u high risk, %u medium "
		    "risk.\n\n", "%zu findings: %u high risk, %u medium "
		    "risk.\n\n", pl.n), pl.n, pl.high, pl.medium);
	for (size_t i = 0; i < pl.n; i++) {
		const struct plan_entry	*e = &pl.v[i];
		const struct question	*q = e->ref.q;
		char			*key;

		buf_printf(b, "### %zu. %s: ", i + 1, finding_code(e->risk));
		md_question_title(b, q);
		buf_printf(b, "\n\n%s: ", _("Pillar"));
		md_text(b, text_get(&q->pillar->title), true);
		buf_adds(b, " · ");
		key = xasprintf("%s/%s", st->lenses[e->ref.lens]->id, q->id);
		md_code(b, key);
		free(key);
		buf_adds(b, "\n\n");
		if (e->item != NULL)
			md_item_line(b, e->item, e->risk);
		for (size_t j = 0; j < e->nmissing; j++) {
			const struct choice *ch = e->missing[j];
			const char	    *imp = text_get(&ch->improvement);

			buf_adds(b, "- ");
			if (ch->code != NULL) {
				buf_adds(b, "**");
				md_text(b, ch->code, true);
				buf_adds(b, "** ");
			}
			md_text(b, text_get(&ch->title), true);
			if (ch->risk != LEVEL_UNSET)
				buf_printf(b, " (%s)", level_name(ch->risk));
			buf_addc(b, '\n');
			if (imp != NULL && *imp != '\0') {
				buf_adds(b, "  ");
				md_text(b, imp, true);
				buf_addc(b, '\n');
			}
			if (ch->improvement_url != NULL) {
				buf_adds(b, "  ");
				md_link(b, ch->improvement_url);
				buf_addc(b, '\n');
			}
			if (ch->url != NULL && !streq(ch->url,
			    ch->improvement_url)) {
				buf_adds(b, "  ");
				md_link(b, ch->url);
				buf_addc(b, '\n');
			}
		}
		buf_addc(b, '\n');
	}
	plan_free(&pl);
}

static void
md_roadmap(struct buf *b, const struct state *st)
{
	struct roadmap_view rv;

	roadmap_build(st, st->baseline, &rv);
	buf_printf(b, "## %s\n\n", _("Remediation roadmap"));
	buf_printf(b, _("High-risk issues: %u now, %u still open, %u not on "
	    "the roadmap.\n\n"), rv.hri, rv.hri_open, rv.hri_untracked);
	if (rv.has_baseline) {
		char *s = roadmap_since_text(&rv);

		buf_printf(b, "%s\n\n", s);
		free(s);
	}
	if (rv.n == 0)
		buf_printf(b, "%s\n\n", _("Nothing is on the roadmap yet."));
	for (size_t s = 0; s < ROADMAP_NGROUPS; s++) {
		if (rv.ngroup[s] == 0)
			continue;
		buf_printf(b, "### %s (%zu)\n\n", status_label(s), rv.ngroup[s]);
		buf_printf(b, "| %s | %s | %s | %s | %s | %s |%s\n"
		    "|---|---|---|---|---|---|%s\n", _("Risk"), _("Effort"),
		    _("Question"), _("Owner"), _("Ticket"), _("Target"),
		    s == STATUS_ACCEPTED ? _(" Reason |") : "",
		    s == STATUS_ACCEPTED ? "---|" : "");
		for (size_t i = rv.group[s]; i < rv.group[s] + rv.ngroup[s];
		    i++) {
			const struct roadmap_entry	*e = &rv.v[i];
			const struct roadmap_item	*it = e->item;

			buf_printf(b, "| %s | %s | ", risk_label(e->risk),
			    effort_label(it->effort));
			md_question_title(b, e->ref.q);
			if (roadmap_entry_hint(e) != NULL)
				buf_printf(b, " (%s)", roadmap_entry_hint(e));
			buf_adds(b, " | ");
			md_text(b, it->owner != NULL ? it->owner : "", true);
			buf_adds(b, " | ");
			md_text(b, it->ticket != NULL ? it->ticket : "", true);
			buf_adds(b, " | ");
			md_text(b, it->target != NULL ? it->target : "", true);
			buf_adds(b, " |");
			if (s == STATUS_ACCEPTED) {
				buf_addc(b, ' ');
				md_text(b, it->reason != NULL ? it->reason :
				    "", true);
				buf_adds(b, " |");
			}
			buf_addc(b, '\n');
		}
		buf_addc(b, '\n');
	}
	roadmap_view_free(&rv);
}

/* A text that links to url when url is a link. */
static void
md_linked(struct buf *b, const char *text, const char *url)
{
	if (!is_link(url)) {
		md_text(b, text, true);
		return;
	}
	buf_addc(b, '[');
	md_text(b, text, true);
	buf_adds(b, "](<");
	buf_adds(b, url);
	buf_adds(b, ">)");
}

/* What the lens asks as proof, each item marked given or not. */
static void
md_requested(struct buf *b, const struct question *q, const struct answer *a)
{
	if (q->nevidence == 0)
		return;
	buf_printf(b, "%s:\n\n", _("Evidence requested"));
	for (size_t i = 0; i < q->nevidence; i++) {
		int given = answer_evidence_given(a, q->evidence[i]);

		buf_adds(b, given >= 0 ? "- [x] " : "- [ ] ");
		md_text(b, q->evidence[i], true);
		if (given >= 0) {
			buf_printf(b, " (%s: ", _("given"));
			md_link(b, a->evidence[given]);
			buf_addc(b, ')');
		}
		buf_addc(b, '\n');
	}
	buf_addc(b, '\n');
}

static void
md_answer(struct buf *b, const struct state *st, const struct qref *ref)
{
	const struct question	*q = ref->q;
	const struct answer	*a = state_answer(st, ref);

	buf_adds(b, "#### ");
	md_question_title(b, q);
	buf_printf(b, "\n\n%s: **%s**", _("Risk"),
	    risk_label(question_risk(q, a)));
	if (a->verification != VERIFY_UNSET)
		buf_printf(b, " · %s", verification_label(a->verification));
	if (is_link(q->url)) {
		buf_adds(b, " · ");
		md_link(b, q->url);
	}
	buf_adds(b, "\n\n");
	if (a->not_applicable) {
		buf_printf(b, "%s: ", _("Not applicable"));
		md_text(b, a->reason != NULL ? a->reason : "", true);
		buf_adds(b, "\n\n");
	}
	for (size_t i = 0; i < q->nchoices; i++) {
		const struct choice	*ch = &question_choices(q)[i];
		const struct choice_na	*na = answer_choice_na(a, ch->id);

		buf_adds(b, answer_selected(a, ch->id) ? "- [x] " : "- [ ] ");
		if (ch->code != NULL) {
			md_text(b, ch->code, true);
			buf_addc(b, ' ');
		}
		md_linked(b, text_get(&ch->title), ch->url);
		if (na != NULL) {
			buf_printf(b, " (%s: ", _("not applicable"));
			md_text(b, na->reason, true);
			buf_addc(b, ')');
		}
		buf_addc(b, '\n');
	}
	buf_addc(b, '\n');
	if (a->note != NULL && *a->note != '\0') {
		buf_printf(b, "%s:\n\n> ", _("Note"));
		for (const char *p = a->note; *p != '\0'; p++) {
			size_t	 n = strcspn(p, "\n");
			char	*line = xstrndup(p, n);

			md_text(b, line, true);
			free(line);
			p += n;
			if (*p == '\0')
				break;
			buf_adds(b, "  \n> ");
		}
		buf_adds(b, "\n\n");
	}
	if (a->nevidence > 0) {
		buf_printf(b, "%s:\n\n", _("Evidence"));
		for (size_t i = 0; i < a->nevidence; i++) {
			buf_adds(b, "- ");
			md_link(b, a->evidence[i]);
			buf_addc(b, '\n');
		}
		buf_addc(b, '\n');
	}
	md_requested(b, q, a);
}

static void
md_questions(struct buf *b, const struct state *st)
{
	buf_printf(b, "## %s\n\n", _("Questions"));
	for (size_t i = 0; i < st->nlenses; i++) {
		const struct lens *l = st->lenses[i];

		for (size_t j = 0; j < l->npillars; j++) {
			const struct pillar *p = &l->pillars[j];

			buf_adds(b, "### ");
			md_text(b, text_get(&p->title), true);
			if (st->nlenses > 1) {
				buf_adds(b, " (");
				md_text(b, text_get(&l->title), true);
				buf_addc(b, ')');
			}
			buf_adds(b, "\n\n");
			for (size_t k = 0; k < p->nquestions; k++) {
				struct qref ref = { i, &p->questions[k] };

				md_answer(b, st, &ref);
			}
		}
	}
}

/* --- Scan results (what the scanners found; not the people's evidence) --- */

#define SCAN_FAILING_SHOWN 3	/* failing resources shown per choice */

static void
md_scan_choice(struct buf *b, const struct state *st, const struct qref *ref,
    const struct choice *ch)
{
	const struct answer	*a = state_answer(st, ref);
	const struct scan_ref	*refs;
	size_t			 n, shown = 0, failing = 0;

	n = scans_find(&st->scans, st->lenses[ref->lens]->id, ref->q->id,
	    ch->id, &refs);
	if (n == 0)
		return;
	buf_adds(b, answer_selected(a, ch->id) ? "- [x] " : "- [ ] ");
	if (ch->code != NULL) {
		md_text(b, ch->code, true);
		buf_addc(b, ' ');
	}
	md_text(b, text_get(&ch->title), true);
	buf_adds(b, ": ");
	scans_summary(refs, n, b);
	buf_addc(b, '\n');
	for (size_t i = 0; i < n; i++) {
		const struct scan_result *r = refs[i].result;

		if (r->status != SCAN_FAIL && r->status != SCAN_ERROR)
			continue;
		if (failing++ >= SCAN_FAILING_SHOWN)
			continue;
		buf_printf(b, "  - %s %s ", scan_status_name(r->status),
		    scan_source_title(refs[i].group->source));
		md_code(b, r->check);
		if (*r->resource != '\0') {
			buf_printf(b, " %s ", _("on"));
			md_code(b, r->resource);
		}
		if (*r->reason != '\0') {
			buf_adds(b, ": ");
			md_text(b, r->reason, true);
		}
		buf_addc(b, '\n');
		shown++;
	}
	if (failing > shown)
		buf_printf(b, "  - %s\n", _("and more (wafr evidence DIR "
		    "QUESTION lists them all)"));
}

static void
md_scans(struct buf *b, const struct state *st)
{
	struct qref	*refs;
	size_t		 n;

	if (st->scans.n == 0)
		return;
	buf_printf(b, "## %s\n\n", _("Scan results"));
	buf_printf(b, "| %s | %s | %s | %s | %s | %s |\n|---|---|---|---|---|"
	    "---:|\n", _("Scanner"), _("Account"), _("Region"), _("Date"),
	    _("File"), _("Results"));
	for (size_t i = 0; i < st->scans.n; i++) {
		const struct scan_group *g = st->scans.groups[i];

		buf_printf(b, "| %s | ", scan_source_title(g->source));
		md_text(b, *g->account != '\0' ? g->account : "-", true);
		buf_adds(b, " | ");
		md_text(b, *g->region != '\0' ? g->region : "-", true);
		buf_adds(b, " | ");
		md_text(b, g->date, true);
		buf_adds(b, " | ");
		md_text(b, g->file, true);
		buf_printf(b, " | %lu |\n", scan_group_total(g));
	}
	buf_printf(b, "\n### %s\n\n", _("Selected, but failing"));
	n = state_scan_questions(st, true, &refs);
	for (size_t i = 0; i < n; i++) {
		size_t f = scans_selected_failing(&st->scans,
		    st->lenses[refs[i].lens]->id, refs[i].q,
		    state_answer(st, &refs[i]));

		buf_adds(b, "- ");
		md_question_title(b, refs[i].q);
		buf_adds(b, ": ");
		buf_printf(b, ngettext("selected, but %zu check fails",
		    "selected, but %zu checks fail", f), f);
		buf_addc(b, '\n');
	}
	if (n == 0)
		buf_printf(b, "%s\n", _("No selected practice has a failing "
		    "check."));
	buf_addc(b, '\n');
	free(refs);
	n = state_scan_questions(st, false, &refs);
	for (size_t i = 0; i < n; i++) {
		const struct choice *choices = question_choices(refs[i].q);

		buf_adds(b, "### ");
		md_question_title(b, refs[i].q);
		buf_adds(b, "\n\n");
		for (size_t c = 0; c < refs[i].q->nchoices; c++)
			md_scan_choice(b, st, &refs[i], &choices[c]);
		buf_addc(b, '\n');
	}
	free(refs);
}

char *
report_markdown_ctx(const struct state *st, const struct report_ctx *ctx)
{
	struct buf	b = { 0 };
	struct summary	sm;

	summary_build(st, ctx, &sm);
	md_title(&b, &sm);
	md_summary(&b, st, &sm);
	summary_free(&sm);
	md_workload(&b, st);
	md_tallies(&b, st);
	md_time(&b, st);
	md_trend(&b, st, ctx);
	md_plan(&b, st);
	md_roadmap(&b, st);
	md_questions(&b, st);
	md_scans(&b, st);
	/* One newline at the end, never two. */
	while (b.len > 1 && b.s[b.len - 1] == '\n' && b.s[b.len - 2] == '\n')
		b.s[--b.len] = '\0';
	return buf_take(&b);
}

char *
report_markdown(const struct state *st)
{
	return report_markdown_ctx(st, NULL);
}

void
report_md_text(struct buf *b, const char *s, bool oneline)
{
	md_text(b, s, oneline);
}
