/* ramus-candidates.h — from pain, tumour or level to the feeders worth
 * catheterising, ranked, each with the reason
 *
 * Pain points are circles in the region drawing's own millimetres (as
 * authored: a limb drawing shows the right side and is mirrored on screen for
 * a left-sided case, so the caller un-mirrors a click before storing it; a
 * midline drawing is never mirrored and a point on the patient's left is
 * scored against the mirror image of the paired territories).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ramus-atlas.h"
#include "ramus-case.h"

G_BEGIN_DECLS

#define RAMUS_CANDIDATES_ERROR (ramus_candidates_error_quark ())
GQuark ramus_candidates_error_quark (void);

typedef enum
{
  RAMUS_CANDIDATES_ERROR_UNKNOWN_REGION,
  RAMUS_CANDIDATES_ERROR_NO_DRAWING,
  RAMUS_CANDIDATES_ERROR_INVALID,          /* a point, tumour or level out of range */
} RamusCandidatesError;

typedef enum
{
  RAMUS_CANDIDATE_TERRITORY,               /* its territory covers the marked area */
  RAMUS_CANDIDATE_SEGMENT,                 /* supplies the tumour's Couinaud segment */
  RAMUS_CANDIDATE_COLLATERAL,              /* a collateral the atlas links to that segment */
  RAMUS_CANDIDATE_LEVEL,                   /* the segmental artery of the level */
  RAMUS_CANDIDATE_ADJACENT_LEVEL,          /* of the level above or below */
} RamusCandidateBasis;

typedef struct
{
  const RamusVessel *vessel;
  RamusSide side;
  RamusCandidateBasis basis;
  double score;                            /* 0–1, higher first */
  double overlap_mm2;                      /* pain: marked area inside the territory */
  char *level;                             /* spine: the level it serves, or NULL */
  char *reason;                            /* translated */
} RamusCandidate;

/* Pain points: circles of 1–100 mm radius inside the drawing. */
#define RAMUS_CANDIDATES_RADIUS_MIN_MM 1.0
#define RAMUS_CANDIDATES_RADIUS_MAX_MM 100.0

GPtrArray *ramus_candidates_for_pain    (RamusAtlas         *atlas,
                                         const char         *region_id,
                                         RamusSide           side,
                                         const RamusVariant *variant,
                                         const GArray       *pain_points,
                                         GError            **error);
GPtrArray *ramus_candidates_for_tumours (RamusAtlas         *atlas,
                                         const RamusVariant *variant,
                                         const GArray       *tumours,
                                         GError            **error);
GPtrArray *ramus_candidates_for_level   (RamusAtlas         *atlas,
                                         RamusSide           side,
                                         const char         *level,
                                         GError            **error);
GPtrArray *ramus_candidates_for_case    (RamusAtlas         *atlas,
                                         const RamusCase    *c,
                                         GError            **error);

double     ramus_candidates_overlap     (const GArray       *polygon,
                                         double              cx,
                                         double              cy,
                                         double              radius);
int        ramus_candidates_segment_number (const char      *roman);
const char *ramus_candidate_basis_to_string (RamusCandidateBasis basis);
void       ramus_candidate_free         (RamusCandidate     *candidate);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RamusCandidate, ramus_candidate_free)

G_END_DECLS
