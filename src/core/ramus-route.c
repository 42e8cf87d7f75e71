/* ramus-route.c — access site → target over the vessel graph
 *
 * A route climbs from the punctured vessel towards the heart until it
 * reaches a vessel the target's own path also runs through, then descends
 * to the target. Paired vessels exist once per side, so a route from one
 * side to the other turns only in a single (midline) vessel: the aorta at
 * the bifurcation for an up-and-over femoral approach, the arch for the
 * arms. The graph is the atlas's, for the patient's side and variant
 * (ramus_atlas_get_parent), so the side-specific origin of the subclavian
 * arteries and the Michels reparentings are honoured.
 *
 * Lengths are estimates: each vessel contributes the stretch the catheter
 * travels in it. A vessel's length is its atlas `length` (cited) or else its
 * longest course in a region drawing; where a branch leaves along that
 * vessel is read off a drawing holding both courses (the branch starts on
 * its parent), so going from the aortic bifurcation up to the coeliac
 * trunk does not count the whole abdominal aorta twice. Without such a
 * drawing the whole vessel is counted (an over-estimate, which errs on the
 * safe side for catheter working lengths). Atlas lengths are for an adult of
 * 170 cm and are scaled by the patient's height.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ramus-route"

#include "config.h"

#include "ramus-route.h"
#include "ramus-dose.h"
#include "ramus-geometry.h"
#include "ramus-warnings.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

G_DEFINE_QUARK (ramus-route-error-quark, ramus_route_error)
G_DEFINE_BOXED_TYPE (RamusRoute, ramus_route, ramus_route_ref, ramus_route_unref)

/* When the catalogue holds no microcatheter, the longest working length is
 * the standard figure of this reference (see ramus-warnings.c). */
#define FALLBACK_WORKING_LENGTH_CM 150.0
#define FALLBACK_WORKING_LENGTH_SOURCE "route-schneider-microcatheters"

/* Transradial interventional radiology series excluded radial arteries under
 * 2 mm (the radial access notes, access-posham2016). */
#define SMALL_PUNCTURE_MM 2.0
#define SMALL_PUNCTURE_SOURCE "access-posham2016"

/* A branch origin lies on its parent's drawn course; allow for the lumen and
 * a little drawing slack. */
#define ORIGIN_TOLERANCE_MM 2.5

static const char *
name_of (const RamusVessel *v)
{
  return ramus_vessel_get_name (v, ramus_lang_for_locale ());
}

/* Inside a sentence. */
static const char *
phrase (const RamusVessel *v)
{
  return ramus_warnings_vessel_phrase (v);
}

static const char *
access_name (const RamusAccessSite *a)
{
  const char *name = a->names[ramus_lang_for_locale ()];
  return name ? name : a->names[RAMUS_LANG_EN];
}

static const char *
side_name (RamusSide side)
{
  return side == RAMUS_SIDE_LEFT ? _("left") : _("right");
}

static void
ramus_route_clear (RamusRoute *self)
{
  g_clear_pointer (&self->region, g_free);
  g_clear_pointer (&self->steps, g_array_unref);
  g_clear_pointer (&self->reason, g_free);
  g_clear_pointer (&self->warnings, g_ptr_array_unref);
  g_clear_pointer (&self->sources, g_ptr_array_unref);
}

RamusRoute *
ramus_route_ref (RamusRoute *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return g_atomic_rc_box_acquire (self);
}

void
ramus_route_unref (RamusRoute *self)
{
  g_return_if_fail (self != NULL);
  g_atomic_rc_box_release_full (self, (GDestroyNotify) ramus_route_clear);
}

void
ramus_route_option_free (RamusRouteOption *option)
{
  if (option == NULL)
    return;
  g_clear_pointer (&option->route, ramus_route_unref);
  g_free (option->refusal);
  g_free (option);
}

const char *
ramus_route_step_direction_to_string (RamusRouteStepDirection direction)
{
  switch (direction)
    {
    case RAMUS_ROUTE_STEP_RETROGRADE:
      return "retrograde";
    case RAMUS_ROUTE_STEP_TURN:
      return "turn";
    case RAMUS_ROUTE_STEP_ANTEGRADE:
      return "antegrade";
    default:
      g_assert_not_reached ();
    }
}

static void
add_source (RamusRoute *self,
            const char *id)
{
  if (id == NULL)
    return;
  for (guint i = 0; i < self->sources->len; i++)
    if (g_str_equal (g_ptr_array_index (self->sources, i), id))
      return;
  g_ptr_array_add (self->sources, g_strdup (id));
}

static void
add_warning (RamusRoute *self,
             char       *message)
{
  for (guint i = 0; i < self->warnings->len; i++)
    if (g_str_equal (g_ptr_array_index (self->warnings, i), message))
      {
        g_free (message);
        return;
      }
  g_ptr_array_add (self->warnings, message);
}

/* --- lengths and branch positions ------------------------------------- */

typedef struct
{
  const RamusDrawing *drawing;
  const RamusCourse *course;
} DrawnCourse;

/* Every drawing's course of @vessel, longest first. */
static GArray *
drawn_courses (RamusAtlas        *atlas,
               const RamusVessel *vessel)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (DrawnCourse));

  for (guint r = 0; r < ramus_atlas_get_n_regions (atlas); r++)
    {
      const RamusDrawing *d = ramus_atlas_get_drawing (atlas, ramus_atlas_get_region (atlas, r)->id);
      const RamusCourse *c = d ? ramus_drawing_find_course (d, vessel) : NULL;
      DrawnCourse dc = { d, c };
      guint at = 0;

      if (c == NULL)
        continue;
      while (at < out->len &&
             ramus_geometry_polyline_length (g_array_index (out, DrawnCourse, at).course->vertices) >=
             ramus_geometry_polyline_length (c->vertices))
        at++;
      g_array_insert_val (out, at, dc);
    }
  return out;
}

/* The length of a vessel at the reference height: its cited atlas length,
 * else its longest course in a region drawing. */
static double
vessel_length (RamusAtlas         *atlas,
               const RamusVessel  *v,
               const char        **source,
               const char        **drawing)
{
  g_autoptr(GArray) courses = NULL;

  *source = NULL;
  *drawing = NULL;
  if (v->length_mm > 0)
    {
      *source = v->length_source;
      return v->length_mm;
    }
  courses = drawn_courses (atlas, v);
  if (courses->len == 0)
    return NAN;
  *drawing = g_array_index (courses, DrawnCourse, 0).drawing->id;
  return ramus_geometry_polyline_length (g_array_index (courses, DrawnCourse, 0).course->vertices);
}

/* Where @child leaves @parent, as a fraction of the parent's length from its
 * origin; NAN when no drawing shows it. */
static double
branch_position (RamusAtlas        *atlas,
                 const RamusVessel *parent,
                 const RamusVessel *child)
{
  g_autoptr(GArray) courses = drawn_courses (atlas, parent);

  for (guint i = 0; i < courses->len; i++)
    {
      const DrawnCourse *pc = &g_array_index (courses, DrawnCourse, i);
      const RamusCourse *cc = ramus_drawing_find_course (pc->drawing, child);
      const GArray *pv = pc->course->vertices;
      const RamusVertex *origin;
      double best = G_MAXDOUBLE, best_s = 0, s = 0, total;

      if (cc == NULL || cc->vertices->len == 0 || pv->len < 2)
        continue;
      origin = &g_array_index (cc->vertices, RamusVertex, 0);
      for (guint k = 1; k < pv->len; k++)
        {
          const RamusVertex *a = &g_array_index (pv, RamusVertex, k - 1);
          const RamusVertex *b = &g_array_index (pv, RamusVertex, k);
          double t, d = ramus_geometry_segment_distance (origin->x, origin->y, a->x, a->y, b->x, b->y, &t);
          double seg = hypot (b->x - a->x, b->y - a->y);

          if (d < best)
            {
              best = d;
              best_s = s + t * seg;
            }
          s += seg;
        }
      total = s;
      if (total > 0 && best <= ORIGIN_TOLERANCE_MM + g_array_index (pv, RamusVertex, 0).r)
        return CLAMP (best_s / total, 0.0, 1.0);
    }
  /* The vessel's continuation (a trunk) leaves at its end. */
  if (child->kind == RAMUS_VESSEL_TRUNK)
    return 1.0;
  return NAN;
}

static void
append_step (RamusRoute              *self,
             RamusAtlas              *atlas,
             const RamusVessel       *v,
             RamusSide                side,
             RamusRouteStepDirection  direction,
             double                   entry,
             double                   exit)
{
  RamusRouteStep step = { v, side, direction, 0, NULL, NULL, TRUE };
  double length = vessel_length (atlas, v, &step.length_source, &step.length_drawing);

  if (isnan (length))
    {
      step.length_known = FALSE;
      self->length_complete = FALSE;
      add_warning (self, g_strdup_printf (_("The length of the %s is not known; the estimate leaves "
                                            "it out."), phrase (v)));
    }
  else
    {
      /* An unknown end point counts the whole vessel (an over-estimate). */
      double fraction = isnan (entry) || isnan (exit) ? 1.0 : fabs (exit - entry);
      step.length_mm = length * fraction;
    }
  add_source (self, step.length_source);
  g_array_append_val (self->steps, step);
}

/* --- which branches of the punctured vessel lie beyond the puncture ---- */

/* How far from the heart a region's own vessels lie: the fewest vessels
 * from the root to any non-trunk vessel of the region. The hand lies beyond
 * the elbow, the foot beyond the knee. */
static guint
region_depth (RamusAtlas *atlas,
              const char *region_id)
{
  guint depth = G_MAXUINT;

  for (guint i = 0; i < ramus_atlas_get_n_vessels (atlas); i++)
    {
      const RamusVessel *v = ramus_atlas_get_vessel (atlas, i);
      g_autoptr(GPtrArray) path = NULL;

      if (v->kind == RAMUS_VESSEL_TRUNK || v->variant_only || !ramus_atlas_vessel_in_region (v, region_id))
        continue;
      path = ramus_atlas_path (atlas, v, RAMUS_SIDE_RIGHT, NULL);
      depth = MIN (depth, path->len);
    }
  return depth;
}

/* A puncture lies at the far end of its vessel (wrist, ankle, groin), in the
 * most distal region the vessel belongs to. A branch of the punctured vessel
 * lies beyond the puncture if it continues the vessel (a trunk) or belongs
 * to that region; the others (the radial recurrent artery from a wrist
 * puncture) are reached by going back up the punctured vessel. */
static gboolean
lies_beyond_puncture (RamusAtlas        *atlas,
                      const RamusVessel *punctured,
                      const RamusVessel *branch)
{
  const char *puncture_region = NULL;
  guint deepest = 0;

  if (branch->kind == RAMUS_VESSEL_TRUNK)
    return TRUE;
  for (guint i = 0; punctured->regions && punctured->regions[i]; i++)
    {
      guint depth = region_depth (atlas, punctured->regions[i]);
      if (depth != G_MAXUINT && depth > deepest)
        {
          deepest = depth;
          puncture_region = punctured->regions[i];
        }
    }
  return puncture_region != NULL && ramus_atlas_vessel_in_region (branch, puncture_region);
}

static const RamusAccessSite *
antegrade_site_on (RamusAtlas        *atlas,
                   const RamusVessel *vessel)
{
  for (guint i = 0; i < ramus_atlas_get_n_access_sites (atlas); i++)
    {
      const RamusAccessSite *a = ramus_atlas_get_access_site (atlas, i);
      if (g_str_equal (a->vessel, vessel->id) && g_str_equal (a->direction, "antegrade"))
        return a;
    }
  return NULL;
}

/* --- the route --------------------------------------------------------- */

static gboolean
region_is_midline (RamusAtlas *atlas,
                   const char *region_id)
{
  const RamusDrawing *d = ramus_atlas_get_drawing (atlas, region_id);
  return d != NULL && d->midline;
}

static gboolean
same_instance (const RamusVessel *v,
               RamusSide          a,
               RamusSide          b)
{
  return v->laterality != RAMUS_LATERALITY_PAIRED || a == b;
}

RamusSide
ramus_route_default_puncture_side (const RamusAccessSite *access,
                                   RamusSide              side)
{
  g_return_val_if_fail (access != NULL, side);

  if (g_str_equal (access->direction, "contralateral"))
    return side == RAMUS_SIDE_LEFT ? RAMUS_SIDE_RIGHT : RAMUS_SIDE_LEFT;
  return side;
}

/* An arm access reaches the aorta through a vessel whose origin differs by
 * side (the subclavian artery); either arm can then be used. */
gboolean
ramus_route_access_is_arm (RamusAtlas            *atlas,
                           const RamusAccessSite *access)
{
  const RamusVessel *v;
  g_autoptr(GPtrArray) path = NULL;

  g_return_val_if_fail (RAMUS_IS_ATLAS (atlas), FALSE);
  g_return_val_if_fail (access != NULL, FALSE);

  v = ramus_atlas_lookup (atlas, access->vessel);
  if (v == NULL)
    return FALSE;
  path = ramus_atlas_path (atlas, v, RAMUS_SIDE_RIGHT, NULL);
  for (guint i = 0; i < path->len; i++)
    {
      const RamusVessel *p = g_ptr_array_index (path, i);
      if (p->parent_left || p->parent_right)
        return TRUE;
    }
  return FALSE;
}

/* Whether the operator chooses the side to puncture: any access to a
 * paired vessel (either arm, either groin, either foot) except the
 * contralateral approach, which is defined by the groin opposite the
 * target. */
gboolean
ramus_route_puncture_side_is_free (RamusAtlas            *atlas,
                                   const RamusAccessSite *access)
{
  const RamusVessel *v;

  g_return_val_if_fail (RAMUS_IS_ATLAS (atlas), FALSE);
  g_return_val_if_fail (access != NULL, FALSE);

  v = ramus_atlas_lookup (atlas, access->vessel);
  return v != NULL && v->laterality == RAMUS_LATERALITY_PAIRED && !g_str_equal (access->direction, "contralateral");
}

static double
longest_microcatheter (RamusAtlas         *atlas,
                       const RamusDevice **device)
{
  double longest = 0;

  *device = NULL;
  for (guint i = 0; i < ramus_atlas_get_n_devices (atlas); i++)
    {
      const RamusDevice *d = ramus_atlas_get_device (atlas, i);
      if (d->type == RAMUS_DEVICE_MICROCATHETER && d->length_cm > longest)
        {
          longest = d->length_cm;
          *device = d;
        }
    }
  return longest;
}

/* A sentence of a conduit's notes about stenosis, tortuosity, loops or
 * spasm, in the user's language: what the catheter meets on the way. */
static char *
hazard_sentence (const RamusVessel *v,
                 RamusLang          lang)
{
  static const char * const keywords[RAMUS_N_LANGS][5] = {
    [RAMUS_LANG_EN] = { "stenos", "tortuos", "spasm", "loops", NULL },
    [RAMUS_LANG_ZH_TW] = { "狹窄", "迂曲", "痙攣", "迴圈", NULL },
    [RAMUS_LANG_ZH_CN] = { "狭窄", "迂曲", "痉挛", "袢", NULL },
  };
  const char *notes = v->notes[lang];
  const char *stop = lang == RAMUS_LANG_EN ? ". " : "。";
  const char *start;

  if (notes == NULL)
    return NULL;
  start = notes;
  while (*start)
    {
      const char *end = strstr (start, stop);
      g_autofree char *sentence = g_strndup (start, end ? (gsize) (end - start) + (lang == RAMUS_LANG_EN ? 1 : strlen (stop)) : strlen (start));
      g_autofree char *folded = lang == RAMUS_LANG_EN ? g_ascii_strdown (sentence, -1) : g_strdup (sentence);

      for (guint k = 0; keywords[lang][k]; k++)
        if (strstr (folded, keywords[lang][k]))
          return g_strstrip (g_steal_pointer (&sentence));
      if (end == NULL)
        break;
      start = end + strlen (stop);
    }
  return NULL;
}

static gboolean
has_siblings (RamusAtlas         *atlas,
              const RamusVessel  *parent,
              RamusSide           side,
              const RamusVariant *variant)
{
  g_autoptr(GPtrArray) children = ramus_atlas_get_children (atlas, parent, side, variant);
  return children->len >= 2;
}

static gboolean
check_inputs (RamusAtlas            *atlas,
              const char            *region_id,
              RamusSide              side,
              const RamusAccessSite *access,
              RamusSide              puncture_side,
              const RamusVessel     *target,
              const RamusVariant    *variant,
              double                 height_cm,
              const RamusVessel    **punctured,
              GError               **error)
{
  if (ramus_atlas_lookup_region (atlas, region_id) == NULL)
    {
      g_set_error (error, RAMUS_ROUTE_ERROR, RAMUS_ROUTE_ERROR_UNKNOWN_REGION,
                   _("unknown region “%s”"), region_id);
      return FALSE;
    }
  *punctured = ramus_atlas_lookup (atlas, access->vessel);
  if (*punctured == NULL)
    {
      g_set_error (error, RAMUS_ROUTE_ERROR, RAMUS_ROUTE_ERROR_UNKNOWN_ACCESS,
                   _("the access site “%s” punctures “%s”, which is not in the atlas"),
                   access->id, access->vessel);
      return FALSE;
    }
  if (!ramus_atlas_vessel_in_region (target, region_id))
    {
      g_set_error (error, RAMUS_ROUTE_ERROR, RAMUS_ROUTE_ERROR_NOT_IN_REGION,
                   _("the %s (%s) is not in the %s region"), phrase (target), target->id, region_id);
      return FALSE;
    }
  if (!ramus_atlas_vessel_present (target, variant))
    {
      g_set_error (error, RAMUS_ROUTE_ERROR, RAMUS_ROUTE_ERROR_ABSENT,
                   _("the %s exists only in some anatomical variants; choose one that has it"),
                   phrase (target));
      return FALSE;
    }
  if (!region_is_midline (atlas, region_id) &&
      ((target->laterality == RAMUS_LATERALITY_RIGHT && side != RAMUS_SIDE_RIGHT) ||
       (target->laterality == RAMUS_LATERALITY_LEFT && side != RAMUS_SIDE_LEFT)))
    {
      g_set_error (error, RAMUS_ROUTE_ERROR, RAMUS_ROUTE_ERROR_WRONG_SIDE,
                   _("the %s exists only on the %s side, not the %s"), phrase (target),
                   side_name (target->laterality == RAMUS_LATERALITY_RIGHT ? RAMUS_SIDE_RIGHT : RAMUS_SIDE_LEFT),
                   side_name (side));
      return FALSE;
    }
  if (((*punctured)->laterality == RAMUS_LATERALITY_RIGHT && puncture_side != RAMUS_SIDE_RIGHT) ||
      ((*punctured)->laterality == RAMUS_LATERALITY_LEFT && puncture_side != RAMUS_SIDE_LEFT))
    {
      g_set_error (error, RAMUS_ROUTE_ERROR, RAMUS_ROUTE_ERROR_WRONG_SIDE,
                   _("the %s exists only on one side; it cannot be punctured on the %s"),
                   phrase (*punctured), side_name (puncture_side));
      return FALSE;
    }
  if (g_str_equal (access->direction, "contralateral") && puncture_side == side)
    {
      g_set_error (error, RAMUS_ROUTE_ERROR, RAMUS_ROUTE_ERROR_WRONG_SIDE,
                   _("the contralateral approach punctures the side opposite the target (the %s, "
                     "for a %s-sided target)"),
                   side_name (side == RAMUS_SIDE_LEFT ? RAMUS_SIDE_RIGHT : RAMUS_SIDE_LEFT), side_name (side));
      return FALSE;
    }
  if (!isnan (height_cm) && height_cm != 0 &&
      (height_cm < RAMUS_DOSE_HEIGHT_MIN_CM || height_cm > RAMUS_DOSE_HEIGHT_MAX_CM))
    {
      g_set_error (error, RAMUS_ROUTE_ERROR, RAMUS_ROUTE_ERROR_HEIGHT,
                   _("height %g cm is out of range (%g–%g cm)"), height_cm,
                   RAMUS_DOSE_HEIGHT_MIN_CM, RAMUS_DOSE_HEIGHT_MAX_CM);
      return FALSE;
    }
  return TRUE;
}

RamusRoute *
ramus_route_new_full (RamusAtlas            *atlas,
                      const char            *region_id,
                      RamusSide              side,
                      const RamusAccessSite *access,
                      RamusSide              puncture_side,
                      const RamusVessel     *target,
                      const RamusVariant    *variant,
                      double                 height_cm,
                      GError               **error)
{
  g_autoptr(RamusRoute) self = NULL;
  g_autoptr(GPtrArray) path_a = NULL;
  g_autoptr(GPtrArray) path_t = NULL;
  const RamusVessel *punctured = NULL, *turn;
  const RamusDevice *device;
  gboolean antegrade_access, retrograde_blocked = FALSE, doubles_back = FALSE;
  double total_mm = 0, scale;
  guint k;
  RamusLang lang = ramus_lang_for_locale ();

  g_return_val_if_fail (RAMUS_IS_ATLAS (atlas), NULL);
  g_return_val_if_fail (region_id != NULL, NULL);
  g_return_val_if_fail (access != NULL, NULL);
  g_return_val_if_fail (target != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_inputs (atlas, region_id, side, access, puncture_side, target, variant, height_cm,
                     &punctured, error))
    return NULL;

  self = g_atomic_rc_box_new0 (RamusRoute);
  self->access = access;
  self->puncture_side = puncture_side;
  self->side = side;
  self->target = target;
  self->region = g_strdup (region_id);
  self->steps = g_array_new (FALSE, FALSE, sizeof (RamusRouteStep));
  self->warnings = g_ptr_array_new_with_free_func (g_free);
  self->sources = g_ptr_array_new_with_free_func (g_free);
  self->height_cm = isnan (height_cm) || height_cm == 0 ? RAMUS_ROUTE_REFERENCE_HEIGHT_CM : height_cm;
  self->length_complete = TRUE;
  self->feasible = TRUE;
  antegrade_access = g_str_equal (access->direction, "antegrade");

  path_a = ramus_atlas_path (atlas, punctured, puncture_side, variant);
  path_t = ramus_atlas_path (atlas, target, side, variant);

  /* The deepest vessel both paths share as one and the same instance. */
  for (k = 0; k + 1 < path_a->len && k + 1 < path_t->len; k++)
    {
      const RamusVessel *next = g_ptr_array_index (path_a, k + 1);
      if (next != g_ptr_array_index (path_t, k + 1) || !same_instance (next, puncture_side, side))
        break;
    }
  turn = g_ptr_array_index (path_a, k);
  g_assert (turn == g_ptr_array_index (path_t, k));

  if (turn == punctured)
    {
      const RamusVessel *first = k + 1 < path_t->len ? g_ptr_array_index (path_t, k + 1) : NULL;

      if (first == NULL)
        {
          /* The target is the punctured vessel: inject at the puncture. */
          RamusRouteStep step = { punctured, puncture_side, RAMUS_ROUTE_STEP_ANTEGRADE, 0,
                                  NULL, NULL, TRUE };
          g_array_append_val (self->steps, step);
          self->antegrade_injection = !antegrade_access;
        }
      else if (antegrade_access)
        append_step (self, atlas, punctured, puncture_side, RAMUS_ROUTE_STEP_ANTEGRADE, 0,
                     branch_position (atlas, punctured, first));
      else if (lies_beyond_puncture (atlas, punctured, first))
        {
          const RamusAccessSite *antegrade = antegrade_site_on (atlas, punctured);

          if (antegrade)
            {
              /* Femoral: there is a proper antegrade puncture for this. */
              retrograde_blocked = TRUE;
              self->feasible = FALSE;
              self->reason = g_strdup_printf (_("A retrograde puncture of the %s points towards the "
                                                "heart, away from the %s, which lies downstream of it: "
                                                "use an antegrade puncture (%s) or a contralateral "
                                                "up-and-over approach."),
                                              phrase (punctured), phrase (target),
                                              access_name (antegrade));
            }
          else
            {
              /* Wrist and ankle: the needle is turned towards the hand or
               * foot and the drug injected through it (access notes). */
              self->antegrade_injection = TRUE;
              for (guint i = 0; access->sources && access->sources[i]; i++)
                add_source (self, access->sources[i]);
              add_warning (self, g_strdup_printf (_("Beyond the puncture: point the needle in the %s "
                                                    "towards the periphery and inject antegradely into "
                                                    "the %s, without a sheath or catheter."),
                                                  phrase (punctured), phrase (target)));
            }
          append_step (self, atlas, punctured, puncture_side, RAMUS_ROUTE_STEP_ANTEGRADE, 1.0,
                       branch_position (atlas, punctured, first));
        }
      else
        {
          /* Back up the punctured vessel to a branch nearer the heart. */
          doubles_back = TRUE;
          append_step (self, atlas, punctured, puncture_side, RAMUS_ROUTE_STEP_TURN, 1.0,
                       branch_position (atlas, punctured, first));
        }
    }
  else
    {
      const RamusVessel *from = g_ptr_array_index (path_a, k + 1);
      const RamusVessel *into = k + 1 < path_t->len ? g_ptr_array_index (path_t, k + 1) : NULL;

      if (antegrade_access)
        {
          self->feasible = FALSE;
          self->reason = g_strdup_printf (_("An antegrade puncture of the %s points away from the heart; "
                                            "the %s is not downstream of it. Choose a retrograde or "
                                            "arm access."),
                                          phrase (punctured), phrase (target));
        }
      /* Up from the puncture (at the distal end of the punctured vessel). */
      for (guint i = path_a->len - 1; i > k; i--)
        {
          const RamusVessel *v = g_ptr_array_index (path_a, i);
          double entry = i == path_a->len - 1 ? (antegrade_access ? 0.0 : 1.0)
                                              : branch_position (atlas, v, g_ptr_array_index (path_a, i + 1));
          append_step (self, atlas, v, puncture_side, RAMUS_ROUTE_STEP_RETROGRADE, entry, 0.0);
        }
      /* Across the turning vessel, from one branch's origin to the other's. */
      if (into)
        append_step (self, atlas, turn, side, RAMUS_ROUTE_STEP_TURN,
                     branch_position (atlas, turn, from), branch_position (atlas, turn, into));
      else
        {
          /* The target is on the way up: reached at the branch's origin. */
          RamusRouteStep step = { turn, side, RAMUS_ROUTE_STEP_TURN, 0, NULL, NULL, TRUE };
          g_array_append_val (self->steps, step);
        }
      if (into && turn->laterality == RAMUS_LATERALITY_PAIRED)
        doubles_back = TRUE;
    }

  /* Down to the target. */
  for (guint i = k + 1; i < path_t->len; i++)
    {
      const RamusVessel *v = g_ptr_array_index (path_t, i);
      if (i + 1 < path_t->len)
        append_step (self, atlas, v, side, RAMUS_ROUTE_STEP_ANTEGRADE, 0.0,
                     branch_position (atlas, v, g_ptr_array_index (path_t, i + 1)));
      else
        append_step (self, atlas, v, side, RAMUS_ROUTE_STEP_ANTEGRADE, 0.0, 1.0);
    }

  /* Length, calibre and branch points. */
  self->min_diameter_mm = G_MAXDOUBLE;
  for (guint i = 0; i < self->steps->len; i++)
    {
      const RamusRouteStep *step = &g_array_index (self->steps, RamusRouteStep, i);
      total_mm += step->length_mm;
      if (step->vessel->diameter_min < self->min_diameter_mm)
        {
          self->min_diameter_mm = step->vessel->diameter_min;
          self->narrowest = step->vessel;
        }
      /* A branch point is a junction where the catheter must choose: every
       * entry into a branch from a parent that has more than one. */
      if (i > 0)
        {
          const RamusRouteStep *prev = &g_array_index (self->steps, RamusRouteStep, i - 1);
          const RamusVessel *parent = ramus_atlas_get_parent (atlas, step->vessel, step->side, variant);
          if (parent == prev->vessel && has_siblings (atlas, parent, step->side, variant))
            self->branch_points++;
        }
    }
  add_source (self, self->narrowest->diameter_source);
  scale = self->height_cm / RAMUS_ROUTE_REFERENCE_HEIGHT_CM;
  self->length_cm = round (total_mm * scale) / 10.0;

  /* What the catheter meets on the way. */
  if (!self->antegrade_injection && punctured->diameter_min < SMALL_PUNCTURE_MM)
    {
      add_warning (self, g_strdup_printf (_("The %s can be under 2 mm (%.1f–%.1f mm): transradial "
                                            "series excluded arteries under 2 mm, so measure it with "
                                            "ultrasound before choosing the sheath."),
                                          phrase (punctured), punctured->diameter_min,
                                          punctured->diameter_max));
      if (ramus_atlas_lookup_source (atlas, SMALL_PUNCTURE_SOURCE))
        add_source (self, SMALL_PUNCTURE_SOURCE);
      add_source (self, punctured->diameter_source);
    }
  for (guint i = 0; i + 1 < self->steps->len; i++)
    {
      const RamusVessel *v = g_array_index (self->steps, RamusRouteStep, i).vessel;
      g_autofree char *hazard = NULL;

      if (v->kind != RAMUS_VESSEL_TRUNK)
        continue;
      hazard = hazard_sentence (v, lang);
      if (hazard == NULL && lang != RAMUS_LANG_EN)
        hazard = hazard_sentence (v, RAMUS_LANG_EN);
      if (hazard)
        {
          add_warning (self, g_strdup_printf (_("%s: %s"), name_of (v), hazard));
          for (guint s = 0; v->sources && v->sources[s]; s++)
            add_source (self, v->sources[s]);
        }
    }
  if (doubles_back && !retrograde_blocked)
    {
      const RamusRouteStep *at = NULL;
      for (guint i = 0; i < self->steps->len; i++)
        if (g_array_index (self->steps, RamusRouteStep, i).direction == RAMUS_ROUTE_STEP_TURN)
          at = &g_array_index (self->steps, RamusRouteStep, i);
      if (at && at != &g_array_index (self->steps, RamusRouteStep, self->steps->len - 1))
        add_warning (self, g_strdup_printf (_("The route doubles back in the %s to enter a branch that "
                                              "points away from the approach: a reverse-curve catheter "
                                              "is usually needed."),
                                            phrase (at->vessel)));
    }
  if (g_str_equal (access->direction, "contralateral") && self->steps->len > 0)
    {
      gboolean crosses = FALSE;
      for (guint i = 1; i < self->steps->len; i++)
        {
          const RamusRouteStep *prev = &g_array_index (self->steps, RamusRouteStep, i - 1);
          const RamusRouteStep *step = &g_array_index (self->steps, RamusRouteStep, i);
          if (prev->direction == RAMUS_ROUTE_STEP_TURN && step->vessel->laterality == RAMUS_LATERALITY_PAIRED)
            crosses = TRUE;
        }
      if (!crosses)
        add_warning (self, g_strdup_printf (_("No crossing of the aortic bifurcation is needed for the %s: "
                                              "this is an ordinary retrograde femoral route from the %s "
                                              "groin."),
                                            phrase (target), side_name (puncture_side)));
    }

  /* Working length: a catheter route must fit the longest microcatheter. */
  if (!self->antegrade_injection)
    {
      double longest = longest_microcatheter (atlas, &device);
      const char *source = NULL;

      if (device)
        {
          self->working_length_device = device->id;
          source = device->sources ? device->sources[0] : NULL;
        }
      else
        {
          longest = FALLBACK_WORKING_LENGTH_CM;
          source = FALLBACK_WORKING_LENGTH_SOURCE;
        }
      self->max_working_length_cm = longest;
      if (self->feasible && self->length_cm > longest)
        {
          self->feasible = FALSE;
          add_source (self, source);
          if (device)
            self->reason = g_strdup_printf (_("The route is an estimated %.0f cm, longer than the longest "
                                              "microcatheter in the catalogue (%s, %.0f cm): choose an "
                                              "access nearer the target."),
                                            self->length_cm, device->name, longest);
          else
            self->reason = g_strdup_printf (_("The route is an estimated %.0f cm, longer than standard "
                                              "microcatheter working lengths (up to %.0f cm): choose an "
                                              "access nearer the target."),
                                            self->length_cm, longest);
        }
    }
  return g_steal_pointer (&self);
}

RamusRoute *
ramus_route_new (RamusAtlas            *atlas,
                 const char            *region_id,
                 RamusSide              side,
                 const RamusAccessSite *access,
                 const RamusVessel     *target,
                 const RamusVariant    *variant,
                 double                 height_cm,
                 GError               **error)
{
  g_return_val_if_fail (access != NULL, NULL);

  return ramus_route_new_full (atlas, region_id, side, access,
                               ramus_route_default_puncture_side (access, side),
                               target, variant, height_cm, error);
}

/* Every access site, both arms for the arm accesses, best first: feasible
 * before not, then shorter before longer. */
static gint
compare_options (gconstpointer a,
                 gconstpointer b)
{
  const RamusRouteOption *x = *(RamusRouteOption * const *) a;
  const RamusRouteOption *y = *(RamusRouteOption * const *) b;
  int fx = x->route ? (x->route->feasible ? 0 : 1) : 2;
  int fy = y->route ? (y->route->feasible ? 0 : 1) : 2;

  if (fx != fy)
    return fx - fy;
  if (x->route && y->route && x->route->length_cm != y->route->length_cm)
    return x->route->length_cm < y->route->length_cm ? -1 : 1;
  return 0;
}

GPtrArray *
ramus_route_compare (RamusAtlas         *atlas,
                     const char         *region_id,
                     RamusSide           side,
                     const RamusVessel  *target,
                     const RamusVariant *variant,
                     double              height_cm)
{
  GPtrArray *options = g_ptr_array_new_with_free_func ((GDestroyNotify) ramus_route_option_free);

  g_return_val_if_fail (RAMUS_IS_ATLAS (atlas), options);
  g_return_val_if_fail (target != NULL, options);

  for (guint i = 0; i < ramus_atlas_get_n_access_sites (atlas); i++)
    {
      const RamusAccessSite *a = ramus_atlas_get_access_site (atlas, i);
      RamusSide sides[2] = { ramus_route_default_puncture_side (a, side), 0 };
      guint n_sides = 1;

      if (ramus_route_access_is_arm (atlas, a))
        {
          sides[1] = sides[0] == RAMUS_SIDE_LEFT ? RAMUS_SIDE_RIGHT : RAMUS_SIDE_LEFT;
          n_sides = 2;
        }
      for (guint s = 0; s < n_sides; s++)
        {
          RamusRouteOption *option = g_new0 (RamusRouteOption, 1);
          g_autoptr(GError) error = NULL;

          option->access = a;
          option->puncture_side = sides[s];
          option->route = ramus_route_new_full (atlas, region_id, side, a, sides[s], target, variant,
                                                height_cm, &error);
          if (option->route == NULL)
            option->refusal = g_strdup (error->message);
          g_ptr_array_add (options, option);
        }
    }
  g_ptr_array_sort (options, compare_options);
  return options;
}

/* The route's vessels as indices into a region's scene, for the overlay; a
 * left-sided paired vessel in a midline drawing is its mirror copy. */
GArray *
ramus_route_scene_indices (const RamusRoute *self,
                           RamusScene       *scene)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (gint));

  g_return_val_if_fail (self != NULL, out);
  g_return_val_if_fail (RAMUS_IS_SCENE (scene), out);

  for (guint i = 0; i < self->steps->len; i++)
    {
      const RamusRouteStep *step = &g_array_index (self->steps, RamusRouteStep, i);
      gint index = ramus_scene_find_vessel (scene, step->vessel);

      if (index < 0)
        continue;
      if (ramus_scene_is_midline (scene) && step->side == RAMUS_SIDE_LEFT &&
          step->vessel->laterality == RAMUS_LATERALITY_PAIRED &&
          (guint) index + 1 < ramus_scene_get_n_vessels (scene) &&
          ramus_scene_get_vessel (scene, index + 1)->mirror_copy)
        index++;
      g_array_append_val (out, index);
    }
  return out;
}

JsonNode *
ramus_route_to_json (const RamusRoute *self,
                     RamusAtlas       *atlas)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  g_return_val_if_fail (self != NULL, NULL);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "region");
  json_builder_add_string_value (b, self->region);
  json_builder_set_member_name (b, "side");
  json_builder_add_string_value (b, self->side == RAMUS_SIDE_LEFT ? "left" : "right");
  json_builder_set_member_name (b, "access");
  json_builder_add_string_value (b, self->access->id);
  json_builder_set_member_name (b, "access_direction");
  json_builder_add_string_value (b, self->access->direction);
  json_builder_set_member_name (b, "puncture_side");
  json_builder_add_string_value (b, self->puncture_side == RAMUS_SIDE_LEFT ? "left" : "right");
  json_builder_set_member_name (b, "target");
  json_builder_add_string_value (b, self->target->id);

  json_builder_set_member_name (b, "vessels");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->steps->len; i++)
    json_builder_add_string_value (b, g_array_index (self->steps, RamusRouteStep, i).vessel->id);
  json_builder_end_array (b);

  json_builder_set_member_name (b, "steps");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->steps->len; i++)
    {
      const RamusRouteStep *step = &g_array_index (self->steps, RamusRouteStep, i);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "vessel");
      json_builder_add_string_value (b, step->vessel->id);
      json_builder_set_member_name (b, "side");
      json_builder_add_string_value (b, step->vessel->laterality == RAMUS_LATERALITY_PAIRED
                                          ? (step->side == RAMUS_SIDE_LEFT ? "left" : "right") : "midline");
      json_builder_set_member_name (b, "direction");
      json_builder_add_string_value (b, ramus_route_step_direction_to_string (step->direction));
      json_builder_set_member_name (b, "length_cm");
      if (step->length_known)
        json_builder_add_double_value (b, round (step->length_mm * self->height_cm /
                                                 RAMUS_ROUTE_REFERENCE_HEIGHT_CM) / 10.0);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "length_source");
      step->length_source ? json_builder_add_string_value (b, step->length_source) : json_builder_add_null_value (b);
      json_builder_set_member_name (b, "length_drawing");
      step->length_drawing ? json_builder_add_string_value (b, step->length_drawing) : json_builder_add_null_value (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "length_cm");
  json_builder_add_double_value (b, self->length_cm);
  json_builder_set_member_name (b, "length_estimate");
  json_builder_add_boolean_value (b, TRUE);
  json_builder_set_member_name (b, "length_complete");
  json_builder_add_boolean_value (b, self->length_complete);
  json_builder_set_member_name (b, "height_cm");
  json_builder_add_double_value (b, self->height_cm);
  json_builder_set_member_name (b, "reference_height_cm");
  json_builder_add_double_value (b, RAMUS_ROUTE_REFERENCE_HEIGHT_CM);
  json_builder_set_member_name (b, "min_diameter_mm");
  json_builder_add_double_value (b, self->min_diameter_mm);
  json_builder_set_member_name (b, "narrowest");
  json_builder_add_string_value (b, self->narrowest->id);
  json_builder_set_member_name (b, "branch_points");
  json_builder_add_int_value (b, self->branch_points);
  json_builder_set_member_name (b, "antegrade_injection");
  json_builder_add_boolean_value (b, self->antegrade_injection);
  json_builder_set_member_name (b, "feasible");
  json_builder_add_boolean_value (b, self->feasible);
  json_builder_set_member_name (b, "reason");
  self->reason ? json_builder_add_string_value (b, self->reason) : json_builder_add_null_value (b);
  json_builder_set_member_name (b, "max_working_length_cm");
  if (self->max_working_length_cm > 0)
    json_builder_add_double_value (b, self->max_working_length_cm);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "working_length_device");
  self->working_length_device ? json_builder_add_string_value (b, self->working_length_device)
                              : json_builder_add_null_value (b);
  json_builder_set_member_name (b, "warnings");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->warnings->len; i++)
    json_builder_add_string_value (b, g_ptr_array_index (self->warnings, i));
  json_builder_end_array (b);
  json_builder_set_member_name (b, "sources");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->sources->len; i++)
    json_builder_add_value (b, ramus_source_to_json (atlas, g_ptr_array_index (self->sources, i)));
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}
