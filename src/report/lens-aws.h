/* lens-aws.h: a lens as an AWS Well-Architected Tool custom lens. */
#ifndef WAFR_LENS_AWS_H
#define WAFR_LENS_AWS_H

#include "model/lens.h"

/* The custom-lens JSON of the lens (the caller frees it). Ids the tool
 * would refuse are made into ones it takes; what the tool has no place
 * for (ask:, evidence:) goes into the question's helpful resource. */
char	*lens_to_aws_json(const struct lens *);

#endif
