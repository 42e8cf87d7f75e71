/* ramus-candidates.c — pain, tumour or level → candidate feeders
 *
 * Everything is read off the atlas. Pain: the territories of the region's
 * drawing, ranked by how much of the marked area they cover. Liver: the
 * segmental arteries carry the operators' abbreviations A1…A8 (A1r, A4a…),
 * and a collateral is linked to a segment when its text names the segment
 * (“segments II and VII”, “segment VI/VII”) or a landmark the segment's own
 * artery names (dome, bare area, caudate). Spine and pelvis: the
 * territories name the levels and bones they supply (“T12 vertebra”,
 * “L5 vertebra”, “thoracic vertebra”, “the ischium”).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ramus-candidates"

#include "config.h"

#include "ramus-candidates.h"
#include "ramus-geometry.h"
#include "ramus-warnings.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

G_DEFINE_QUARK (ramus-candidates-error-quark, ramus_candidates_error)

/* Samples across a circle's diameter when measuring an overlap: the area is
 * right to well under 1% of the circle. */
#define OVERLAP_SAMPLES 96

/* A drawing point may lie a little outside the artwork (the compiler's 5%). */
#define DRAWING_SLACK 0.05

void
ramus_candidate_free (RamusCandidate *candidate)
{
  if (candidate == NULL)
    return;
  g_free (candidate->level);
  g_free (candidate->reason);
  g_free (candidate);
}

const char *
ramus_candidate_basis_to_string (RamusCandidateBasis basis)
{
  switch (basis)
    {
    case RAMUS_CANDIDATE_TERRITORY:
      return "territory";
    case RAMUS_CANDIDATE_SEGMENT:
      return "segment";
    case RAMUS_CANDIDATE_COLLATERAL:
      return "collateral";
    case RAMUS_CANDIDATE_LEVEL:
      return "level";
    case RAMUS_CANDIDATE_ADJACENT_LEVEL:
      return "adjacent-level";
    default:
      g_assert_not_reached ();
    }
}

/* The first clause of a vessel's territory, in the user's language. */
static char *
territory_clause (const RamusVessel *v)
{
  const char *text = v->territory[ramus_lang_for_locale ()];
  const char *end;
  char *clause;

  if (text == NULL || *text == '\0')
    text = v->territory[RAMUS_LANG_EN];
  if (text == NULL)
    return g_strdup ("");
  end = text;
  while (*end && *end != ';' && !(end[0] == '.' && (end[1] == ' ' || end[1] == '\0')) &&
         !g_str_has_prefix (end, "；") && !g_str_has_prefix (end, "。"))
    end = g_utf8_next_char (end);
  clause = g_strndup (text, end - text);
  ramus_warnings_lower_initial (clause);
  return clause;
}

static RamusCandidate *
find_candidate (GPtrArray         *list,
                const RamusVessel *vessel,
                RamusSide          side)
{
  for (guint i = 0; i < list->len; i++)
    {
      RamusCandidate *c = g_ptr_array_index (list, i);
      if (c->vessel == vessel && c->side == side)
        return c;
    }
  return NULL;
}

static gint
by_score (gconstpointer a,
          gconstpointer b)
{
  const RamusCandidate *x = *(RamusCandidate * const *) a;
  const RamusCandidate *y = *(RamusCandidate * const *) b;

  if (x->score != y->score)
    return x->score > y->score ? -1 : 1;
  if (x->overlap_mm2 != y->overlap_mm2)
    return x->overlap_mm2 > y->overlap_mm2 ? -1 : 1;
  return (gint) x->vessel->index - (gint) y->vessel->index;
}

static GPtrArray *
new_list (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) ramus_candidate_free);
}

/* --- pain --------------------------------------------------------------- */

/* The area of the circle inside the polygon, by sampling cell centres on a
 * grid of OVERLAP_SAMPLES across the diameter. */
double
ramus_candidates_overlap (const GArray *polygon,
                          double        cx,
                          double        cy,
                          double        radius)
{
  RamusRect b;
  double step, count = 0;

  g_return_val_if_fail (polygon != NULL, 0);
  g_return_val_if_fail (radius > 0, 0);

  ramus_geometry_bounds (polygon, &b);
  if (b.x > cx + radius || b.x + b.width < cx - radius || b.y > cy + radius || b.y + b.height < cy - radius)
    return 0;
  step = 2 * radius / OVERLAP_SAMPLES;
  for (guint i = 0; i < OVERLAP_SAMPLES; i++)
    {
      double x = cx - radius + (i + 0.5) * step;
      for (guint j = 0; j < OVERLAP_SAMPLES; j++)
        {
          double y = cy - radius + (j + 0.5) * step;
          if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= radius * radius &&
              ramus_geometry_polygon_contains (polygon, x, y))
            count++;
        }
    }
  return count * step * step;
}

static GArray *
mirror_polygon (const GArray *polygon,
                double        axis)
{
  GArray *out = g_array_sized_new (FALSE, FALSE, sizeof (RamusVertex), polygon->len);

  for (guint i = 0; i < polygon->len; i++)
    {
      RamusVertex v = g_array_index (polygon, RamusVertex, i);
      v.x = 2 * axis - v.x;
      g_array_append_val (out, v);
    }
  return out;
}

GPtrArray *
ramus_candidates_for_pain (RamusAtlas         *atlas,
                           const char         *region_id,
                           RamusSide           side,
                           const RamusVariant *variant,
                           const GArray       *pain_points,
                           GError            **error)
{
  g_autoptr(GPtrArray) list = new_list ();
  const RamusDrawing *drawing;
  double marked = 0;

  g_return_val_if_fail (RAMUS_IS_ATLAS (atlas), NULL);
  g_return_val_if_fail (region_id != NULL, NULL);
  g_return_val_if_fail (pain_points != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (ramus_atlas_lookup_region (atlas, region_id) == NULL)
    {
      g_set_error (error, RAMUS_CANDIDATES_ERROR, RAMUS_CANDIDATES_ERROR_UNKNOWN_REGION,
                   _("unknown region “%s”"), region_id);
      return NULL;
    }
  drawing = ramus_atlas_get_drawing (atlas, region_id);
  if (drawing == NULL)
    {
      g_set_error (error, RAMUS_CANDIDATES_ERROR, RAMUS_CANDIDATES_ERROR_NO_DRAWING,
                   _("the %s region has no drawing to mark pain on"), region_id);
      return NULL;
    }
  for (guint i = 0; i < pain_points->len; i++)
    {
      const RamusPainPoint *p = &g_array_index (pain_points, RamusPainPoint, i);
      if (!(p->radius_mm >= RAMUS_CANDIDATES_RADIUS_MIN_MM && p->radius_mm <= RAMUS_CANDIDATES_RADIUS_MAX_MM))
        {
          g_set_error (error, RAMUS_CANDIDATES_ERROR, RAMUS_CANDIDATES_ERROR_INVALID,
                       _("pain point %u: radius %g mm is out of range (%g–%g mm)"), i + 1, p->radius_mm,
                       RAMUS_CANDIDATES_RADIUS_MIN_MM, RAMUS_CANDIDATES_RADIUS_MAX_MM);
          return NULL;
        }
      if (!(p->x_mm >= -DRAWING_SLACK * drawing->width && p->x_mm <= (1 + DRAWING_SLACK) * drawing->width &&
            p->y_mm >= -DRAWING_SLACK * drawing->height && p->y_mm <= (1 + DRAWING_SLACK) * drawing->height))
        {
          g_set_error (error, RAMUS_CANDIDATES_ERROR, RAMUS_CANDIDATES_ERROR_INVALID,
                       _("pain point %u at (%g, %g) mm is outside the %s drawing (0–%g × 0–%g mm)"),
                       i + 1, p->x_mm, p->y_mm, region_id, drawing->width, drawing->height);
          return NULL;
        }
      marked += G_PI * p->radius_mm * p->radius_mm;
    }

  for (guint t = 0; t < drawing->territories->len; t++)
    {
      const RamusTerritory *territory = g_ptr_array_index (drawing->territories, t);
      const RamusVessel *v = territory->vessel;
      g_autoptr(GArray) mirror = NULL;

      if (v->kind == RAMUS_VESSEL_DANGER || !ramus_atlas_vessel_present (v, variant))
        continue;
      /* A midline drawing shows a paired territory on the patient's right;
       * its mirror image is the left one. */
      if (drawing->midline && v->laterality == RAMUS_LATERALITY_PAIRED)
        mirror = mirror_polygon (territory->polygon, drawing->width / 2.0);

      for (guint copy = 0; copy < (mirror ? 2u : 1u); copy++)
        {
          const GArray *polygon = copy == 0 ? territory->polygon : mirror;
          RamusSide vside = side;
          double overlap = 0;
          RamusCandidate *c;

          if (drawing->midline)
            vside = copy == 1 || v->laterality == RAMUS_LATERALITY_LEFT ? RAMUS_SIDE_LEFT
                    : v->laterality == RAMUS_LATERALITY_MIDLINE ? side : RAMUS_SIDE_RIGHT;
          for (guint i = 0; i < pain_points->len; i++)
            {
              const RamusPainPoint *p = &g_array_index (pain_points, RamusPainPoint, i);
              overlap += ramus_candidates_overlap (polygon, p->x_mm, p->y_mm, p->radius_mm);
            }
          if (overlap <= 0)
            continue;
          c = find_candidate (list, v, vside);
          if (c == NULL)
            {
              c = g_new0 (RamusCandidate, 1);
              c->vessel = v;
              c->side = vside;
              c->basis = RAMUS_CANDIDATE_TERRITORY;
              g_ptr_array_add (list, c);
            }
          c->overlap_mm2 += overlap;
        }
    }

  for (guint i = 0; i < list->len; i++)
    {
      RamusCandidate *c = g_ptr_array_index (list, i);
      g_autofree char *what = territory_clause (c->vessel);

      c->score = marked > 0 ? MIN (1.0, c->overlap_mm2 / marked) : 0;
      c->reason = g_strdup_printf (_("covers %.0f%% of the marked area; supplies %s"), 100 * c->score, what);
    }
  g_ptr_array_sort (list, by_score);
  return g_steal_pointer (&list);
}

/* --- liver -------------------------------------------------------------- */

static const char * const romans[] = { "I", "II", "III", "IV", "V", "VI", "VII", "VIII", NULL };

int
ramus_candidates_segment_number (const char *roman)
{
  for (guint i = 0; roman && romans[i]; i++)
    if (g_ascii_strcasecmp (roman, romans[i]) == 0)
      return (int) i + 1;
  return 0;
}

/* Reads one roman numeral I–VIII at *p (not followed by a letter). */
static int
read_roman (const char **p)
{
  for (int n = 8; n >= 1; n--)
    {
      gsize len = strlen (romans[n - 1]);
      if (strncmp (*p, romans[n - 1], len) == 0 && !g_ascii_isalpha ((*p)[len]))
        {
          *p += len;
          return n;
        }
    }
  return 0;
}

/* The Couinaud segments a text names, as a bit set: “segment VII”,
 * “segments II and VII”, “segment VI/VII”, “segments III-VI”. */
static guint
segments_named (const char *text)
{
  guint set = 0;
  const char *p = text;

  while (p && (p = strstr (p, "egment")) != NULL)
    {
      p += strlen ("egment");
      if (*p == 's')
        p++;
      for (;;)
        {
          int n, upto;

          while (*p == ' ')
            p++;
          n = read_roman (&p);
          if (n == 0)
            break;
          upto = n;
          if (*p == '-' || g_str_has_prefix (p, "–"))
            {
              const char *q = p + (*p == '-' ? 1 : strlen ("–"));
              int m = read_roman (&q);
              if (m > n)
                {
                  upto = m;
                  p = q;
                }
            }
          for (int k = n; k <= upto; k++)
            set |= 1u << k;
          while (*p == ' ')
            p++;
          if (*p == '/' || *p == ',')
            p++;
          else if (g_str_has_prefix (p, "and "))
            p += 4;
          else if (g_str_has_prefix (p, "or "))
            p += 3;
          else
            break;
        }
    }
  return set;
}

/* Landmarks a tumour position is described by in the atlas texts. */
static guint
landmarks_named (const char *text)
{
  static const char * const landmarks[] = { "bare area", "bare-area", "dome", "caudate", NULL };
  g_autofree char *folded = text ? g_ascii_strdown (text, -1) : NULL;
  guint set = 0;

  for (guint i = 0; folded && landmarks[i]; i++)
    if (strstr (folded, landmarks[i]))
      set |= 1u << (i == 1 ? 0 : i);   /* “bare-area” is “bare area” */
  return set;
}

/* The segmental arteries of a segment: in the liver, with an abbreviation
 * A<n> optionally followed by one letter (A1r, A4a). */
static gboolean
supplies_segment (const RamusVessel *v,
                  int                segment)
{
  g_autofree char *want = g_strdup_printf ("A%d", segment);

  if (!ramus_atlas_vessel_in_region (v, "liver"))
    return FALSE;
  for (guint i = 0; v->abbreviations && v->abbreviations[i]; i++)
    {
      const char *a = v->abbreviations[i];
      gsize len = strlen (want);
      if (strncmp (a, want, len) == 0 && (a[len] == '\0' || (g_ascii_islower (a[len]) && a[len + 1] == '\0')))
        return TRUE;
    }
  return FALSE;
}

GPtrArray *
ramus_candidates_for_tumours (RamusAtlas         *atlas,
                              const RamusVariant *variant,
                              const GArray       *tumours,
                              GError            **error)
{
  g_autoptr(GPtrArray) list = new_list ();

  g_return_val_if_fail (RAMUS_IS_ATLAS (atlas), NULL);
  g_return_val_if_fail (tumours != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  for (guint t = 0; t < tumours->len; t++)
    {
      const RamusTumour *tumour = &g_array_index (tumours, RamusTumour, t);
      int segment = ramus_candidates_segment_number (tumour->segment);
      guint landmarks = 0;

      if (segment == 0)
        {
          g_set_error (error, RAMUS_CANDIDATES_ERROR, RAMUS_CANDIDATES_ERROR_INVALID,
                       _("tumour %u: segment “%s” is not a Couinaud segment (I to VIII)"), t + 1,
                       tumour->segment ? tumour->segment : "");
          return NULL;
        }
      if (!isnan (tumour->diameter_mm) && !(tumour->diameter_mm >= 1 && tumour->diameter_mm <= 250))
        {
          g_set_error (error, RAMUS_CANDIDATES_ERROR, RAMUS_CANDIDATES_ERROR_INVALID,
                       _("tumour %u: diameter %g mm is out of range (1–250 mm)"), t + 1, tumour->diameter_mm);
          return NULL;
        }

      /* The segment's own arteries, and the landmarks they name. */
      for (guint i = 0; i < ramus_atlas_get_n_vessels (atlas); i++)
        {
          const RamusVessel *v = ramus_atlas_get_vessel (atlas, i);
          RamusCandidate *c;

          if (!supplies_segment (v, segment) || !ramus_atlas_vessel_present (v, variant))
            continue;
          landmarks |= landmarks_named (v->territory[RAMUS_LANG_EN]);
          if (find_candidate (list, v, RAMUS_SIDE_RIGHT))
            continue;
          c = g_new0 (RamusCandidate, 1);
          c->vessel = v;
          c->side = RAMUS_SIDE_RIGHT;
          c->basis = RAMUS_CANDIDATE_SEGMENT;
          c->score = 1.0;
          c->reason = isnan (tumour->diameter_mm)
            ? g_strdup_printf (_("supplies Couinaud segment %s, where the tumour lies"), romans[segment - 1])
            : g_strdup_printf (_("supplies Couinaud segment %s, where the %.0f mm tumour lies"),
                               romans[segment - 1], tumour->diameter_mm);
          g_ptr_array_add (list, c);
        }

      /* Collaterals whose own text names this segment or its landmarks. */
      for (guint i = 0; i < ramus_atlas_get_n_vessels (atlas); i++)
        {
          const RamusVessel *v = ramus_atlas_get_vessel (atlas, i);
          g_autofree char *text = NULL;
          RamusCandidate *c;
          guint named, shared;

          if (v->kind != RAMUS_VESSEL_COLLATERAL || !ramus_atlas_vessel_in_region (v, "liver") ||
              !ramus_atlas_vessel_present (v, variant))
            continue;
          text = g_strconcat (v->territory[RAMUS_LANG_EN] ? v->territory[RAMUS_LANG_EN] : "", " ",
                              v->notes[RAMUS_LANG_EN] ? v->notes[RAMUS_LANG_EN] : "", NULL);
          named = segments_named (text);
          shared = landmarks_named (text) & landmarks;
          if (!(named & (1u << segment)) && shared == 0)
            continue;
          if (find_candidate (list, v, RAMUS_SIDE_RIGHT))
            continue;
          c = g_new0 (RamusCandidate, 1);
          c->vessel = v;
          c->side = RAMUS_SIDE_RIGHT;
          c->basis = RAMUS_CANDIDATE_COLLATERAL;
          c->score = 0.5;
          c->reason = g_strdup_printf (_("extrahepatic collateral the atlas reports for segment %s "
                                         "tumours: check it when a peripheral stain persists"),
                                       romans[segment - 1]);
          g_ptr_array_add (list, c);
        }
    }
  g_ptr_array_sort (list, by_score);
  return g_steal_pointer (&list);
}

/* --- spine and pelvis ----------------------------------------------------- */

typedef struct
{
  const char *level;
  const char *word;            /* how the territories name the bone */
} PelvicSite;

static const PelvicSite pelvic_sites[] = {
  { "ilium", "iliac bone" },
  { "acetabulum", "acetabul" },
  { "pubis", "pubi" },
  { "ischium", "ischi" },
};

static char *
level_name (int rank)
{
  if (rank >= 1 && rank <= 12)
    return g_strdup_printf ("T%d", rank);
  if (rank >= 13 && rank <= 17)
    return g_strdup_printf ("L%d", rank - 12);
  return g_strdup ("S1");
}

/* The vertebral levels a territory names explicitly, as ranks: “T12
 * vertebra”, “T1-T2 vertebrae”, “L5-S1 foramen”. */
static guint64
levels_named (const char *text)
{
  guint64 set = 0;

  for (const char *p = text; p && *p; p++)
    {
      char first[4] = { 0 };
      const char *q = p;
      int a, b;

      if (!(*p == 'T' || *p == 'L' || *p == 'S') || !g_ascii_isdigit (p[1]) || (p > text && g_ascii_isalnum (p[-1])))
        continue;
      first[0] = *q++;
      first[1] = *q++;
      if (g_ascii_isdigit (*q))
        first[2] = *q++;
      if (g_ascii_isalnum (*q))
        continue;
      a = ramus_warnings_level_rank (first);
      b = a;
      if ((*q == '-' || g_str_has_prefix (q, "–")) && a)
        {
          char second[4] = { 0 };
          q += *q == '-' ? 1 : strlen ("–");
          if ((*q == 'T' || *q == 'L' || *q == 'S') && g_ascii_isdigit (q[1]))
            {
              second[0] = q[0];
              second[1] = q[1];
              if (g_ascii_isdigit (q[2]))
                second[2] = q[2];
              b = MAX (a, ramus_warnings_level_rank (second));
            }
        }
      for (int r = a; a && r <= b; r++)
        set |= G_GUINT64_CONSTANT (1) << r;
    }
  return set;
}

/* Whether a territory supplies a vertebral level, and how directly: 2 when
 * it names the level, 1 when it names the vertebrae of that part of the
 * spine generally (“thoracic vertebra”) and no vessel names the level. */
static int
supplies_level (const RamusVessel *v,
                int                rank)
{
  const char *text = v->territory[RAMUS_LANG_EN];
  g_autofree char *folded = text ? g_ascii_strdown (text, -1) : NULL;

  if (text == NULL)
    return 0;
  if (levels_named (text) & (G_GUINT64_CONSTANT (1) << rank))
    return 2;
  if (rank <= 12 && strstr (folded, "thoracic vertebra"))
    return 1;
  if (rank >= 13 && rank <= 17 && strstr (folded, "lumbar vertebra"))
    return 1;
  if (rank == 18 && strstr (folded, "sacrum"))
    return 1;
  return 0;
}

static void
add_level_candidates (RamusAtlas         *atlas,
                      GPtrArray          *list,
                      RamusSide           side,
                      int                 rank,
                      RamusCandidateBasis basis)
{
  g_autoptr(GPtrArray) named = g_ptr_array_new ();
  g_autoptr(GPtrArray) general = g_ptr_array_new ();
  g_autofree char *level = level_name (rank);
  GPtrArray *chosen;

  for (guint i = 0; i < ramus_atlas_get_n_vessels (atlas); i++)
    {
      const RamusVessel *v = ramus_atlas_get_vessel (atlas, i);
      int how;

      if ((v->kind != RAMUS_VESSEL_FEEDER && v->kind != RAMUS_VESSEL_COLLATERAL) ||
          !ramus_atlas_vessel_in_region (v, "spine-pelvis"))
        continue;
      how = supplies_level (v, rank);
      if (how == 2)
        g_ptr_array_add (named, (gpointer) v);
      else if (how == 1)
        g_ptr_array_add (general, (gpointer) v);
    }
  /* A level some vessel names is that vessel's; the general description
   * covers the rest (the T12 vertebra is the subcostal artery's, T8 an
   * intercostal's). The sacrum is described generally by all its arteries. */
  chosen = named->len > 0 && rank != 18 ? named : general;
  if (rank == 18)
    for (guint i = 0; i < named->len; i++)
      if (!g_ptr_array_find (general, g_ptr_array_index (named, i), NULL))
        g_ptr_array_add (general, g_ptr_array_index (named, i));

  for (guint i = 0; i < chosen->len; i++)
    {
      const RamusVessel *v = g_ptr_array_index (chosen, i);
      RamusCandidate *c;

      if (find_candidate (list, v, side))
        continue;
      c = g_new0 (RamusCandidate, 1);
      c->vessel = v;
      c->side = v->laterality == RAMUS_LATERALITY_PAIRED ? side : RAMUS_SIDE_RIGHT;
      c->basis = basis;
      c->level = g_strdup (level);
      if (basis == RAMUS_CANDIDATE_LEVEL)
        {
          c->score = 1.0;
          c->reason = v->laterality == RAMUS_LATERALITY_PAIRED
            ? g_strdup_printf (_("segmental artery of %s: inject it on both sides"), level)
            : g_strdup_printf (_("supplies %s"), level);
        }
      else
        {
          c->score = 0.5;
          c->reason = g_strdup_printf (_("segmental artery of the adjacent level %s: one pedicle may "
                                         "supply two vertebrae, so inject it too"), level);
        }
      g_ptr_array_add (list, c);
    }
}

GPtrArray *
ramus_candidates_for_level (RamusAtlas *atlas,
                            RamusSide   side,
                            const char *level,
                            GError    **error)
{
  g_autoptr(GPtrArray) list = new_list ();
  int rank;

  g_return_val_if_fail (RAMUS_IS_ATLAS (atlas), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  for (guint s = 0; level && s < G_N_ELEMENTS (pelvic_sites); s++)
    if (g_ascii_strcasecmp (level, pelvic_sites[s].level) == 0)
      {
        for (guint i = 0; i < ramus_atlas_get_n_vessels (atlas); i++)
          {
            const RamusVessel *v = ramus_atlas_get_vessel (atlas, i);
            g_autofree char *folded = NULL;
            RamusCandidate *c;

            if ((v->kind != RAMUS_VESSEL_FEEDER && v->kind != RAMUS_VESSEL_COLLATERAL) ||
                !ramus_atlas_vessel_in_region (v, "spine-pelvis") || v->territory[RAMUS_LANG_EN] == NULL)
              continue;
            folded = g_ascii_strdown (v->territory[RAMUS_LANG_EN], -1);
            if (strstr (folded, pelvic_sites[s].word) == NULL)
              continue;
            c = g_new0 (RamusCandidate, 1);
            c->vessel = v;
            c->side = side;
            c->basis = RAMUS_CANDIDATE_LEVEL;
            c->score = 1.0;
            c->level = g_strdup (pelvic_sites[s].level);
            c->reason = g_strdup_printf (_("its territory includes the %s"), pelvic_sites[s].level);
            g_ptr_array_add (list, c);
          }
        return g_steal_pointer (&list);
      }

  rank = ramus_warnings_level_rank (level);
  if (rank == 0)
    {
      g_set_error (error, RAMUS_CANDIDATES_ERROR, RAMUS_CANDIDATES_ERROR_INVALID,
                   _("level “%s” is not a vertebral level (T1–T12, L1–L5, S1) or a pelvic bone "
                     "(ilium, acetabulum, pubis, ischium, sacrum)"),
                   level ? level : "");
      return NULL;
    }
  add_level_candidates (atlas, list, side, rank, RAMUS_CANDIDATE_LEVEL);
  if (rank > 1)
    add_level_candidates (atlas, list, side, rank - 1, RAMUS_CANDIDATE_ADJACENT_LEVEL);
  if (rank < 18)
    add_level_candidates (atlas, list, side, rank + 1, RAMUS_CANDIDATE_ADJACENT_LEVEL);
  g_ptr_array_sort (list, by_score);
  return g_steal_pointer (&list);
}

/* --- a whole case --------------------------------------------------------- */

GPtrArray *
ramus_candidates_for_case (RamusAtlas      *atlas,
                           const RamusCase *c,
                           GError         **error)
{
  g_autoptr(GPtrArray) all = new_list ();
  const RamusVariant *variant = NULL;

  g_return_val_if_fail (RAMUS_IS_ATLAS (atlas), NULL);
  g_return_val_if_fail (c != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (c->region == NULL)
    return g_steal_pointer (&all);
  if (c->liver.michels)
    variant = ramus_atlas_lookup_variant (atlas, c->liver.michels);

  if (c->pain_points && c->pain_points->len > 0 && ramus_atlas_get_drawing (atlas, c->region))
    {
      g_autoptr(GPtrArray) pain = ramus_candidates_for_pain (atlas, c->region, c->side, variant,
                                                              c->pain_points, error);
      if (pain == NULL)
        return NULL;
      g_ptr_array_extend_and_steal (all, g_steal_pointer (&pain));
    }
  if (g_str_equal (c->region, "liver") && c->liver.tumours && c->liver.tumours->len > 0)
    {
      g_autoptr(GPtrArray) tumours = ramus_candidates_for_tumours (atlas, variant, c->liver.tumours, error);
      if (tumours == NULL)
        return NULL;
      for (guint i = 0; i < tumours->len; i++)
        {
          RamusCandidate *t = g_ptr_array_index (tumours, i);
          if (!find_candidate (all, t->vessel, t->side))
            g_ptr_array_add (all, g_ptr_array_steal_index (tumours, i--));
        }
    }
  if (g_str_equal (c->region, "spine-pelvis") && c->indication.level)
    {
      g_autoptr(GPtrArray) level = ramus_candidates_for_level (atlas, c->side, c->indication.level, error);
      if (level == NULL)
        return NULL;
      for (guint i = 0; i < level->len; i++)
        {
          RamusCandidate *t = g_ptr_array_index (level, i);
          if (!find_candidate (all, t->vessel, t->side))
            g_ptr_array_add (all, g_ptr_array_steal_index (level, i--));
        }
    }
  g_ptr_array_sort (all, by_score);
  return g_steal_pointer (&all);
}
