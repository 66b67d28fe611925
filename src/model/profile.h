/* profile.h: the business context of a workload, and the questions of the
 * review it makes matter most. Pure: no I/O.
 *
 * A profile is a short questionnaire (customer-facing or internal,
 * regulated data, revenue-critical, ...). Each of its choices names the
 * lens questions it prioritizes; a question of the review is prioritized
 * when a chosen answer of the profile names it. The files are read by
 * files/profile-file.h; the state holds the profile in use and its
 * answers (model/priority.h has the queries). */
#ifndef WAFR_PROFILE_H
#define WAFR_PROFILE_H

#include <stdbool.h>
#include <stddef.h>

#include "model/yval.h"

struct profile_choice {
	char	 *id;
	char	 *title;
	char	**prioritizes;	/* "lens/question", or "question" of the
				 * profile's lens */
	size_t	  nprioritizes;
	int	  line;
};

struct profile_question {
	char			*id;
	char			*title;
	char			*description;	/* may be NULL */
	bool			 multiple;	/* several choices may apply */
	struct profile_choice	*choices;
	size_t			 nchoices;
	int			 line;
};

struct profile {
	char			*id;
	char			*version;	/* may be NULL */
	char			*title;
	char			*lens;		/* the lens of bare question ids */
	struct profile_question	*questions;
	size_t			 nquestions;
	char			*source;	/* the file's bytes, as pinned */
	size_t			 nsource;
};

/* Build a profile from its parsed file; NULL with *cause ("NAME:LINE:
 * message"). */
struct profile	*profile_from_yval(const struct yval *, const char *, char **);
void		 profile_free(struct profile *);
const struct profile_question *profile_question(const struct profile *,
		    const char *);
const struct profile_choice *profile_choice(const struct profile_question *,
		    const char *);
#endif
