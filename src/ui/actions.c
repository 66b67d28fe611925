/* actions.c: the one table of actions.
 *
 * Each action has a name, its default keys, the views it applies to, a
 * label for the status line and a help text. Key dispatch, the status line
 * and the help screen all read this table; nothing else binds a key. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "ui/run.h"
#include "ui/ui.h"
#include "base/util.h"

const struct action actions[] = {
	/* The notes editor first: its keys shadow the review's. */
	{ "note-leave", "Esc C-g F10", CTX_NOTES, N_("Esc done"),
	  N_("leave the note (it is already saved)"), act_note_leave, 0 },
	{ "note-left", "Left C-b", CTX_NOTES, NULL,
	  N_("move left"), act_note_left, 0 },
	{ "note-right", "Right C-f", CTX_NOTES, NULL,
	  N_("move right"), act_note_right, 0 },
	{ "note-up", "Up C-p", CTX_NOTES, NULL,
	  N_("move up a line"), act_note_up, 0 },
	{ "note-down", "Down C-n", CTX_NOTES, NULL,
	  N_("move down a line"), act_note_down, 0 },
	{ "note-home", "Home C-a", CTX_NOTES, NULL,
	  N_("go to the start of the line"), act_note_home, 0 },
	{ "note-end", "End C-e", CTX_NOTES, NULL,
	  N_("go to the end of the line"), act_note_end, 0 },
	{ "note-word-left", "C-Left M-b", CTX_NOTES, N_("C-Left/Right word"),
	  N_("move a word left"), act_note_word_left, 0 },
	{ "note-word-right", "C-Right M-f", CTX_NOTES, NULL,
	  N_("move a word right"), act_note_word_right, 0 },
	{ "note-backspace", "Backspace", CTX_NOTES, NULL,
	  N_("delete the character before the cursor"), act_note_backspace, 0 },
	{ "note-delete", "Delete C-d", CTX_NOTES, NULL,
	  N_("delete the character under the cursor"), act_note_delete, 0 },
	{ "note-kill-line", "C-k", CTX_NOTES, N_("C-k cut line"),
	  N_("delete to the end of the line"), act_note_kill_line, 0 },
	{ "note-newline", "Enter", CTX_NOTES, N_("Enter new line"),
	  N_("start a new line"), act_note_newline, 0 },

	/* The help screen. */
	{ "help-leave", "Esc q ?", CTX_HELP, N_("q back"),
	  N_("leave the help"), act_help_leave, 0 },
	{ "help-up", "Up k", CTX_HELP, N_("j/k scroll"),
	  N_("scroll up"), act_help_up, 0 },
	{ "help-down", "Down j", CTX_HELP, NULL,
	  N_("scroll down"), act_help_down, 0 },
	{ "help-page-up", "PgUp", CTX_HELP, NULL,
	  N_("scroll up a page"), act_help_page_up, 0 },
	{ "help-page-down", "PgDn Space", CTX_HELP, NULL,
	  N_("scroll down a page"), act_help_page_down, 0 },

	/* The review. */
	{ "up", "Up k", CTX_REVIEW, NULL,
	  N_("move up in the focused list"), act_up, 0 },
	{ "down", "Down j", CTX_REVIEW, NULL,
	  N_("move down in the focused list"), act_down, 0 },
	{ "page-up", "PgUp", CTX_REVIEW, NULL,
	  N_("move up a page"), act_page_up, 0 },
	{ "page-down", "PgDn", CTX_REVIEW, NULL,
	  N_("move down a page"), act_page_down, 0 },
	{ "first", "Home g", CTX_REVIEW, NULL,
	  N_("go to the first item of the list"), act_home, 0 },
	{ "last", "End G", CTX_REVIEW, NULL,
	  N_("go to the last item of the list"), act_end, 0 },
	{ "focus-next", "Tab Right l", CTX_REVIEW, N_("Tab pane"),
	  N_("focus the next pane: pillars, questions, choices"),
	  act_focus_next, 0 },
	{ "focus-prev", "BTab Left h", CTX_REVIEW, NULL,
	  N_("focus the previous pane"), act_focus_prev, 0 },
	{ "toggle", "Space Enter", CTX_REVIEW, N_("Space toggle"),
	  N_("toggle the choice under the cursor (in the pillar and "
	  "question panes: go to the next pane)"), act_toggle,
	  IN_PANE(PANE_CHOICES) },
	{ "note", "n", CTX_REVIEW, N_("n note"),
	  N_("edit the note of the question (saved as you type)"),
	  act_note, 0 },
	{ "note-editor", "E", CTX_REVIEW, NULL,
	  N_("edit the note in $EDITOR"), act_editor, 0 },
	{ "question-na", "a", CTX_REVIEW, N_("a n/a"),
	  N_("mark the question not applicable, or applicable again"),
	  act_question_na, IN_PANE(PANE_QUESTIONS) | IN_PANE(PANE_CHOICES) },
	{ "choice-na", "x", CTX_REVIEW, N_("x choice n/a"),
	  N_("mark the choice not applicable, or applicable again"),
	  act_choice_na, IN_PANE(PANE_CHOICES) },
	{ "next-unanswered", "u", CTX_REVIEW, N_("u next open"),
	  N_("go to the next unanswered question, across pillars"),
	  act_next_unanswered, IN_PANE(PANE_PILLARS) | IN_PANE(PANE_QUESTIONS) },
	{ "prev-unanswered", "U", CTX_REVIEW, NULL,
	  N_("go to the previous unanswered question"),
	  act_prev_unanswered, 0 },
	{ "only-prioritized", "p", CTX_REVIEW, NULL,
	  N_("show only the questions the profile prioritizes (marked *), "
	  "or every question"), act_only_prioritized, 0 },
	{ "confirm", "c", CTX_REVIEW, NULL,
	  N_("confirm an answer from a template (marked T); any change "
	  "confirms it too"), act_confirm, 0 },
	{ "next-unconfirmed", "C", CTX_REVIEW, NULL,
	  N_("go to the next answer from a template not confirmed yet"),
	  act_next_unconfirmed, 0 },
	{ "search", "/", CTX_REVIEW, N_("/ search"),
	  N_("search questions, choices, practice codes (OPS01-BP01) and "
	  "notes in every pillar and lens"),
	  act_search, 0 },
	{ "search-next", "]", CTX_REVIEW, NULL,
	  N_("go to the next match"), act_search_next, 0 },
	{ "search-prev", "[", CTX_REVIEW, NULL,
	  N_("go to the previous match"), act_search_prev, 0 },
	{ "evidence", "e", CTX_REVIEW, NULL,
	  N_("add or remove evidence: a link, a path, a description"),
	  act_evidence, 0 },
	{ "verification", "v", CTX_REVIEW, NULL,
	  N_("cycle the verification: none, self-reported, verified in "
	  "the workshop"), act_verification, 0 },
	{ "scans-down", "f", CTX_REVIEW, NULL,
	  N_("scroll down the failing scan results of the choice"),
	  act_scans_down, 0 },
	{ "scans-up", "F", CTX_REVIEW, NULL,
	  N_("scroll up the failing scan results of the choice"),
	  act_scans_up, 0 },
	{ "milestone", "m", CTX_REVIEW | CTX_MILESTONES, NULL,
	  N_("save a milestone (asks for its name)"), act_milestone, 0 },
	{ "participants", "P", CTX_REVIEW, NULL,
	  N_("set who takes part and their roles (for the report)"),
	  act_participants, 0 },
	{ "agenda", "T", CTX_REVIEW, NULL,
	  N_("set the pillar's time box, in minutes"),
	  act_agenda, 0 },
	{ "hide-notes", "H", CTX_REVIEW, NULL,
	  N_("hide notes from the audience view, or show them"),
	  act_hide_notes, 0 },
	{ "take-lead", "L", CTX_REVIEW | CTX_LISTS, NULL,
	  N_("take the lead: the audience view and the clock follow this "
	  "screen"), act_take_lead, 0 },
	{ "help", "? F1", CTX_REVIEW | CTX_LISTS, N_("? help"),
	  N_("show every key binding"), act_help, 0 },
	{ "redraw", "C-l", CTX_ALL, NULL,
	  N_("redraw the screen"), act_redraw, 0 },
	{ "quit", "q", CTX_REVIEW, N_("q quit"),
	  N_("quit (every change is already saved)"), act_quit, 0 },
	{ "details", "D", CTX_REVIEW, N_("D details"),
	  N_("show the question's description and the practice's text and "
	  "link in full, or the note again"), act_details, 0 },
	{ "open-link", "o", CTX_REVIEW, NULL,
	  N_("open the practice's link in $BROWSER (or xdg-open); without "
	  "one, show it whole to copy"), act_open_link, 0 },
	{ "undo", "z", CTX_REVIEW | CTX_LISTS, NULL,
	  N_("undo the newest change, made in any terminal"),
	  act_undo, 0 },
	{ "redo", "Z", CTX_REVIEW | CTX_LISTS, NULL,
	  N_("redo the change undone last"), act_redo, 0 },

	/* The lists: improvement plan, roadmap, milestones. */
	{ "list-up", "Up k", CTX_LISTS, NULL,
	  N_("move up"), act_list_up, 0 },
	{ "list-down", "Down j", CTX_LISTS, NULL,
	  N_("move down"), act_list_down, 0 },
	{ "list-page-up", "PgUp", CTX_LISTS, NULL,
	  N_("move up a page"), act_list_page_up, 0 },
	{ "list-page-down", "PgDn", CTX_LISTS, NULL,
	  N_("move down a page"), act_list_page_down, 0 },
	{ "list-first", "Home g", CTX_LISTS, NULL,
	  N_("go to the first row"), act_list_home, 0 },
	{ "list-last", "End G", CTX_LISTS, NULL,
	  N_("go to the last row"), act_list_end, 0 },
	{ "detail-down", "J", CTX_REVIEW | CTX_PLAN, NULL,
	  N_("scroll the text of the question or finding down a page"),
	  act_detail_down, 0 },
	{ "detail-up", "K", CTX_REVIEW | CTX_PLAN, NULL,
	  N_("scroll the text of the question or finding up a page"),
	  act_detail_up, 0 },
	{ "plan-leave", "Esc q i", CTX_PLAN, N_("q back"),
	  N_("back to the review"), act_plan_leave, 0 },
	{ "plan-goto", "Enter", CTX_PLAN, N_("Enter question"),
	  N_("go to the question of the finding"), act_plan_goto, 0 },
	{ "plan-take", "t", CTX_PLAN, N_("t take"),
	  N_("take the finding onto the roadmap"), act_plan_take, 0 },
	{ "roadmap-leave", "Esc q r", CTX_ROADMAP, N_("q back"),
	  N_("back to the review"), act_roadmap_leave, 0 },
	{ "roadmap-goto", "Enter", CTX_ROADMAP, N_("Enter question"),
	  N_("go to the question of the item"), act_roadmap_goto, 0 },
	{ "item-owner", "o", CTX_PLAN | CTX_ROADMAP, N_("o owner"),
	  N_("set who does it (takes the finding onto the roadmap)"),
	  act_item_owner, 0 },
	{ "item-ticket", "T", CTX_PLAN | CTX_ROADMAP, N_("T ticket"),
	  N_("set the ticket that tracks it"), act_item_ticket, 0 },
	{ "item-effort", "f", CTX_PLAN | CTX_ROADMAP, N_("f effort"),
	  N_("set the effort: small, medium or large"), act_item_effort, 0 },
	{ "item-status", "s", CTX_PLAN | CTX_ROADMAP, N_("s status"),
	  N_("set the status: open, in progress, done, or accepted risk "
	  "(with a reason)"), act_item_status, 0 },
	{ "item-target", "d", CTX_PLAN | CTX_ROADMAP, N_("d date"),
	  N_("set the target date (YYYY-MM-DD)"), act_item_target, 0 },
	{ "item-remove", "X", CTX_PLAN | CTX_ROADMAP, NULL,
	  N_("take the item off the roadmap"), act_item_remove, 0 },
	{ "plan", "i", CTX_REVIEW | CTX_ROADMAP, NULL,
	  N_("show the improvement plan: findings by risk and pillar "
	  "priority, with what is missing"), act_plan, 0 },
	{ "roadmap", "r", CTX_REVIEW | CTX_PLAN, NULL,
	  N_("show the remediation roadmap"), act_roadmap, 0 },
	{ "milestones-leave", "Esc q M", CTX_MILESTONES, N_("q back"),
	  N_("close the diff, or go back to the review"),
	  act_milestones_leave, 0 },
	{ "milestones-diff", "Enter", CTX_MILESTONES, N_("Enter diff"),
	  N_("diff the milestone with the live state (or with the marked "
	  "one); in the diff, go to the question"), act_milestones_diff, 0 },
	{ "milestones-mark", "Space", CTX_MILESTONES, N_("Space mark"),
	  N_("mark a milestone to diff two of them"), act_milestones_mark, 0 },
	{ "milestones", "M", CTX_REVIEW | CTX_PLAN | CTX_ROADMAP, NULL,
	  N_("list the milestones and diff them"), act_milestones, 0 },
};
const size_t nactions = nitems(actions);

#define MAX_KEYS 6
static int bound[nitems(actions)][MAX_KEYS];

/* Key names as the table writes them. */
static struct {
	const char	*name;
	int		 key;
} names[] = {
	{ "Up", KEYC_FN | KEY_UP },
	{ "Down", KEYC_FN | KEY_DOWN },
	{ "Left", KEYC_FN | KEY_LEFT },
	{ "Right", KEYC_FN | KEY_RIGHT },
	{ "PgUp", KEYC_FN | KEY_PPAGE },
	{ "PgDn", KEYC_FN | KEY_NPAGE },
	{ "Home", KEYC_FN | KEY_HOME },
	{ "End", KEYC_FN | KEY_END },
	{ "BTab", KEYC_FN | KEY_BTAB },
	{ "Backspace", KEYC_FN | KEY_BACKSPACE },
	{ "Delete", KEYC_FN | KEY_DC },
	{ "F1", KEYC_FN | KEY_F(1) },
	{ "F10", KEYC_FN | KEY_F(10) },
	{ "Tab", '\t' },
	{ "Enter", '\r' },
	{ "Space", ' ' },
	{ "Esc", 27 },
	{ "C-Left", KEYC_NONE },	/* found in terminfo at start */
	{ "C-Right", KEYC_NONE },
};

/* Ctrl-arrows are extended terminfo keys with no fixed code. */
static int
extended_key(const char *cap)
{
	char	*seq = tigetstr(cap);
	int	 k;

	if (seq == NULL || seq == (char *)-1)
		return KEYC_NONE;
	if ((k = key_defined(seq)) > 0)
		return KEYC_FN | k;
	return KEYC_NONE;
}

static int
key_parse(const char *s, size_t len)
{
	for (size_t i = 0; i < nitems(names); i++) {
		if (strlen(names[i].name) == len &&
		    strncmp(names[i].name, s, len) == 0)
			return names[i].key;
	}
	if (len >= 2 && len <= 3 && s[0] == 'F' && s[1] >= '1' && s[1] <= '9') {
		int n = s[1] - '0';

		if (len == 3 && (s[2] < '0' || s[2] > '9'))
			return KEYC_NONE;
		if (len == 3)
			n = n * 10 + s[2] - '0';
		return n <= 12 ? KEYC_FN | KEY_F(n) : KEYC_NONE;
	}
	if (len == 3 && s[0] == 'C' && s[1] == '-')
		return s[2] & 0x1f;
	if (len == 3 && s[0] == 'M' && s[1] == '-')
		return KEYC_META | (unsigned char)s[2];
	if (len == 1)
		return (unsigned char)s[0];
	return KEYC_NONE;
}

void
actions_init(void)
{
	for (size_t i = 0; i < nitems(names); i++) {
		if (strcmp(names[i].name, "C-Left") == 0)
			names[i].key = extended_key("kLFT5");
		else if (strcmp(names[i].name, "C-Right") == 0)
			names[i].key = extended_key("kRIT5");
	}
	for (size_t i = 0; i < nactions; i++) {
		const char	*s = actions[i].keys;
		int		 n = 0;

		for (int j = 0; j < MAX_KEYS; j++)
			bound[i][j] = KEYC_NONE;
		while (*s != '\0' && n < MAX_KEYS) {
			size_t len = strcspn(s, " ");

			bound[i][n++] = key_parse(s, len);
			s += len;
			s += strspn(s, " ");
		}
	}
}

/* The name of a key, as the table and the configuration file write it. */
static void
key_label(int key, char *buf, size_t size)
{
	for (size_t i = 0; i < nitems(names); i++) {
		if (names[i].key == key) {
			snprintf(buf, size, "%s", names[i].name);
			return;
		}
	}
	for (int n = 1; n <= 12; n++) {
		if (key == (KEYC_FN | KEY_F(n))) {
			snprintf(buf, size, "F%d", n);
			return;
		}
	}
	if (key & KEYC_META)
		snprintf(buf, size, "M-%c", key & 0xff);
	else if (key >= 0 && key < 0x20)
		snprintf(buf, size, "C-%c", key | 0x60);
	else if (key > 0x20 && key < 0x7f)
		snprintf(buf, size, "%c", key);
	else
		snprintf(buf, size, "?");
}

/* The keys an action has now, as one text. */
const char *
action_keys(const struct action *a)
{
	static char	text[nitems(actions)][64];
	size_t		i = (size_t)(a - actions), len = 0;

	text[i][0] = '\0';
	for (int j = 0; j < MAX_KEYS; j++) {
		char name[16];

		if (bound[i][j] == KEYC_NONE)
			continue;
		key_label(bound[i][j], name, sizeof name);
		len += (size_t)snprintf(text[i] + len, sizeof text[i] - len,
		    "%s%s", len > 0 ? " " : "", name);
		if (len >= sizeof text[i])
			break;
	}
	return text[i];
}

/* Take a key away from every action of the contexts given. */
static void
unbind(int key, int ctx)
{
	for (size_t i = 0; i < nactions; i++) {
		if ((actions[i].ctx & ctx) == 0)
			continue;
		for (int j = 0; j < MAX_KEYS; j++) {
			if (bound[i][j] == key)
				bound[i][j] = KEYC_NONE;
		}
	}
}

/* "bind KEY ACTION" and "unbind KEY" lines of the configuration file, in
 * order: a later line wins. Problems name the line. */
void
actions_bind(const struct settings *set, struct diags *d)
{
	for (size_t b = 0; b < set->nbindings; b++) {
		const struct binding	*bi = &set->bindings[b];
		int			 key, j;
		size_t			 i;

		key = key_parse(bi->key, strlen(bi->key));
		if (key == KEYC_NONE) {
			diag_add(d, SEV_ERROR, bi->line, 0, _("unknown key "
			    "\"%s\" (a character, C-x, M-x, or a name such as "
			    "Up, PgDn, F1, Space)"), bi->key);
			continue;
		}
		if (bi->action == NULL) {
			unbind(key, CTX_ALL);
			continue;
		}
		for (i = 0; i < nactions; i++) {
			if (strcmp(actions[i].name, bi->action) == 0)
				break;
		}
		if (i == nactions) {
			diag_add(d, SEV_ERROR, bi->line, 0, _("unknown action "
			    "\"%s\" (see wafr --dump-config)"), bi->action);
			continue;
		}
		unbind(key, actions[i].ctx);
		for (j = 0; j < MAX_KEYS && bound[i][j] != KEYC_NONE; j++)
			;
		if (j == MAX_KEYS) {
			diag_add(d, SEV_ERROR, bi->line, 0, ngettext("action "
			    "\"%s\" has %d key already", "action \"%s\" has "
			    "%d keys already", MAX_KEYS), bi->action,
			    MAX_KEYS);
			continue;
		}
		bound[i][j] = key;
	}
}

void
ui_dump_bindings(const struct settings *set, struct diags *d, FILE *f)
{
	actions_init();
	actions_bind(set, d);
	for (size_t i = 0; i < nactions; i++) {
		const char	*keys = action_keys(&actions[i]);
		size_t		 n;

		if (*keys == '\0') {
			fprintf(f, "# %s: unbound\n", actions[i].name);
			continue;
		}
		while (*keys != '\0') {
			n = strcspn(keys, " ");
			fprintf(f, "bind %.*s %s\n", (int)n, keys,
			    actions[i].name);
			keys += n;
			keys += strspn(keys, " ");
		}
	}
}

size_t
actions_shadowed(struct buf *out)
{
	size_t n = 0;

	/* action_find takes the first: a later action with the same key in
	 * a context they share can never run. */
	for (size_t i = 0; i < nactions; i++) {
		for (size_t k = i + 1; k < nactions; k++) {
			if ((actions[i].ctx & actions[k].ctx) == 0)
				continue;
			for (int a = 0; a < MAX_KEYS; a++) {
				for (int b = 0; b < MAX_KEYS; b++) {
					if (bound[i][a] == KEYC_NONE ||
					    bound[i][a] != bound[k][b])
						continue;
					buf_printf(out, "%s shadows %s\n",
					    actions[i].name, actions[k].name);
					n++;
				}
			}
		}
	}
	return n;
}

const struct action *
action_find(int key, int ctx)
{
	if (key == KEYC_NONE)
		return NULL;
	for (size_t i = 0; i < nactions; i++) {
		if ((actions[i].ctx & ctx) == 0)
			continue;
		for (int j = 0; j < MAX_KEYS; j++) {
			if (bound[i][j] == key)
				return &actions[i];
		}
	}
	return NULL;
}
