/* aws.h: the AWS Well-Architected Tool's answer exports, mapped to wafr.
 *
 * Pure functions from parsed documents (yval.h) to answers and back: the
 * JSON that "aws wellarchitected list-answers", "get-answer" and
 * "get-lens-review" print, and the input "update-answer --cli-input-json"
 * takes. No I/O here; the commands import and export do that. */
#ifndef WAFR_AWS_H
#define WAFR_AWS_H

#include <stdbool.h>

#include "model/answer.h"
#include "model/lens.h"
#include "model/risk.h"
#include "base/util.h"
#include "model/yval.h"

#define AWS_MAX_NOTES		2084	/* characters in an answer's Notes */
#define AWS_MAX_CHOICE_NOTES	250	/* characters in a choice's Notes */
#define AWS_WORKLOAD_PLACEHOLDER "REPLACE-WITH-WORKLOAD-ID"

enum aws_status { AWS_UNSELECTED, AWS_SELECTED, AWS_NOT_APPLICABLE };

struct aws_choice {
	char		*id;
	enum aws_status	 status;
	char		*reason;
	char		*notes;
};

struct aws_answer {
	char		 *question;
	char		 *pillar;
	char		**selected;	/* SelectedChoices */
	size_t		  nselected;
	struct aws_choice *choices;	/* ChoiceAnswers or ChoiceAnswerSummaries */
	size_t		  nchoices;
	bool		  not_applicable;	/* IsApplicable false */
	char		 *reason;
	char		 *notes;
	bool		  has_risk;
	enum risk	  risk;		/* the AWS tool's own verdict */
};

/* Risk counts of one pillar (pillar NULL: the whole lens). */
struct aws_counts {
	char		*pillar;
	unsigned	 n[RISK_COUNT];
};

/* Everything read from one or more exports of one lens review. */
struct aws_export {
	char			*lens_alias;
	char			*lens_arn;
	char			*lens_name;
	char			*workload;
	struct aws_answer	*answers;
	size_t			 nanswers;
	struct aws_counts	*counts;
	size_t			 ncounts;
};

/* The text of an export made ready for the parser (into a buf the caller
 * frees): -1 with *cause, naming the field and the line, when a string
 * holds a NUL (JSON "\u0000"), which the value tree would cut the text at.
 * Line separators (U+2028, U+2029, NEL) written raw in a string are
 * escaped, so that the parser, which reads JSON as YAML, keeps them and
 * the spaces next to them. */
int	 aws_prepare(const char *, size_t, struct buf *, char **);
/* Add what one parsed document holds; -1 with *cause if it is none of the
 * shapes (or names another lens than what was read before), or if a field
 * has the wrong type (the message names it and its line): read as absent,
 * it would clear an answer. */
int	 aws_read(const struct yval *, struct aws_export *, char **);
void	 aws_export_free(struct aws_export *);
/* The lens id an alias or ARN names: "wellarchitected" for both
 * "wellarchitected" and "arn:aws:wellarchitected:...::lens/wellarchitected". */
char	*aws_lens_id(const char *);

const char *aws_risk_name(enum risk);	/* "HIGH", "NOT_APPLICABLE", ... */
int	 aws_risk_parse(const char *, enum risk *);

/* Map one AWS answer onto a question of the lens. old (may be NULL) gives
 * what AWS does not hold (evidence, verification), and the note when the
 * imported one is exactly the cut export made of it (aws_update_input):
 * the AWS limit cuts what is sent, never wafr's note. Problems (ids the
 * lens lacks, made safe to print) are appended to *problems, one per line;
 * returns their number. *qp is NULL when the question itself is unknown. */
int	 aws_map_answer(const struct lens *, const struct aws_answer *,
	    const struct answer *, struct answer *, const struct question **,
	    struct buf *);

/* Compare the AWS tool's counts with wafr's tally; append one line per
 * difference. Returns the number of differences. */
int	 aws_compare_counts(const struct aws_counts *, const struct tally *,
	    struct buf *);

/* The update-answer input for one question, as JSON text. *cut is set when
 * the note was over the AWS limit and had to be shortened (in the text
 * only: the answer is not changed). U+2028 and U+2029 are escaped. */
char	*aws_update_input(const struct question *, const struct answer *,
	    const char *, const char *, bool *);
/* A copy safe to print on a terminal: control characters other than
 * newline and tab (C0, DEL, C1) become "?", and so does invalid UTF-8. */
char	*aws_printable(const char *);
/* Cut text to at most max characters (not bytes), ending in a marker. */
char	*aws_cut_text(const char *, size_t, bool *);
/* The file name (without ".json") export gives an id, the same on every
 * export: the id itself when it holds only letters, digits, "_", "-" and
 * "." (not first) and is short; otherwise every other byte is written
 * "=XX" (so such a name never equals a kept id, nor another escaped one),
 * and a name over 200 bytes is cut and ends in a hash of the id. */
char	*aws_file_name(const char *);

#endif
