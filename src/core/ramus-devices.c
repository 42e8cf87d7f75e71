/* ramus-devices.c — device compatibility and proposal
 *
 * The catalogue is small (tens of devices), so proposing a set tries every
 * combination and keeps the one with the fewest conflicts, then the smallest
 * sheath and catheter: the TAME review asks for a small sheath to limit
 * access-site complications (seed-tame).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ramus-devices"

#include "config.h"

#include "ramus-devices.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

void
ramus_device_conflict_free (RamusDeviceConflict *conflict)
{
  if (conflict == NULL)
    return;
  g_free (conflict->message);
  g_free (conflict);
}

void
ramus_device_needs_init (RamusDeviceNeeds *needs)
{
  g_return_if_fail (needs != NULL);

  needs->route_length_cm = NAN;
  needs->parent_length_cm = NAN;
  needs->target_min_diameter_mm = NAN;
  needs->access = NULL;
}

/**
 * ramus_device_needs_from_route:
 *
 * Fills @needs from a route: its length and narrowest calibre, its access,
 * and the length to the parent trunk — the route without its last segment
 * (the target itself), scaled to the patient's height as the route is.
 */
void
ramus_device_needs_from_route (RamusDeviceNeeds *needs,
                               const RamusRoute *route)
{
  g_return_if_fail (needs != NULL);
  g_return_if_fail (route != NULL);

  ramus_device_needs_init (needs);
  needs->access = route->access;
  if (route->min_diameter_mm > 0)
    needs->target_min_diameter_mm = route->min_diameter_mm;
  if (route->length_cm <= 0)
    return;
  needs->route_length_cm = route->length_cm;
  if (route->steps && route->steps->len > 1)
    {
      const RamusRouteStep *last = &g_array_index (route->steps, RamusRouteStep, route->steps->len - 1);
      double scale = route->height_cm > 0 ? route->height_cm / RAMUS_ROUTE_REFERENCE_HEIGHT_CM : 1.0;

      if (last->length_known)
        needs->parent_length_cm = MAX (0, route->length_cm - last->length_mm * scale / 10.0);
    }
}

const char *
ramus_device_type_to_string (RamusDeviceType type)
{
  switch (type)
    {
    case RAMUS_DEVICE_SHEATH:
      return "sheath";
    case RAMUS_DEVICE_CATHETER:
      return "catheter";
    case RAMUS_DEVICE_MICROCATHETER:
      return "microcatheter";
    case RAMUS_DEVICE_GUIDEWIRE:
      return "guidewire";
    default:
      return NULL;
    }
}

/**
 * ramus_device_tip_mm:
 *
 * Returns: the outer diameter of the device's tip in mm: a microcatheter's
 * tip French size (see ramus-devices.h), a catheter's outer diameter.
 */
double
ramus_device_tip_mm (const RamusDevice *device)
{
  g_return_val_if_fail (device != NULL, NAN);

  if (device->type == RAMUS_DEVICE_MICROCATHETER && device->french > 0)
    return device->french * RAMUS_MM_PER_FRENCH;
  return device->outer_mm;
}

double
ramus_device_wire_mm (const RamusDevice *device)
{
  g_return_val_if_fail (device != NULL, NAN);
  return device->wire_in * RAMUS_MM_PER_INCH;
}

static void add_conflict (GPtrArray               *conflicts,
                          RamusDeviceConflictKind  kind,
                          const char              *format,
                          ...) G_GNUC_PRINTF (3, 4);

static void
add_conflict (GPtrArray               *conflicts,
              RamusDeviceConflictKind  kind,
              const char              *format,
              ...)
{
  RamusDeviceConflict *c = g_new0 (RamusDeviceConflict, 1);
  va_list args;

  va_start (args, format);
  c->kind = kind;
  c->message = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (conflicts, c);
}

static double
parent_length (const RamusDeviceNeeds *needs)
{
  return isnan (needs->parent_length_cm) ? needs->route_length_cm : needs->parent_length_cm;
}

/**
 * ramus_devices_check:
 * @set: the devices; checks that involve a missing one are skipped
 * @needs: (nullable): what the route and target ask; NULL checks only the
 *   devices against each other
 *
 * Returns: (transfer full) (element-type RamusDeviceConflict): every
 * conflict, each message with its numbers; empty when the set fits.
 */
GPtrArray *
ramus_devices_check (const RamusDeviceSet   *set,
                     const RamusDeviceNeeds *needs)
{
  GPtrArray *conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) ramus_device_conflict_free);
  RamusDeviceNeeds none;
  const RamusDevice *s, *c, *m, *w;

  g_return_val_if_fail (set != NULL, conflicts);

  if (needs == NULL)
    {
      ramus_device_needs_init (&none);
      needs = &none;
    }
  s = set->sheath;
  c = set->catheter;
  m = set->microcatheter;
  w = set->guidewire;

  if (s && needs->access && needs->access->sheath_max > 0 && s->french > needs->access->sheath_max)
    add_conflict (conflicts, RAMUS_DEVICE_CONFLICT_SHEATH_ACCESS,
                  _("The %g F sheath is larger than the %s access takes (%g–%g F)."),
                  s->french, needs->access->id, needs->access->sheath_min, needs->access->sheath_max);

  if (s && c && c->french > s->french)
    add_conflict (conflicts, RAMUS_DEVICE_CONFLICT_CATHETER_SHEATH,
                  _("The %g F catheter (%.2f mm) does not pass the %g F sheath (lumen %.2f mm)."),
                  c->french, c->outer_mm, s->french, s->inner_mm);

  if (c && m && m->outer_mm + RAMUS_DEVICES_LUMEN_CLEARANCE_MM > c->inner_mm)
    add_conflict (conflicts, RAMUS_DEVICE_CONFLICT_MICRO_CATHETER,
                  _("The microcatheter’s shaft (%.2f mm) needs a catheter lumen of at least %.2f mm "
                    "(%.2f mm clearance); the catheter’s lumen is %.2f mm."),
                  m->outer_mm, m->outer_mm + RAMUS_DEVICES_LUMEN_CLEARANCE_MM,
                  RAMUS_DEVICES_LUMEN_CLEARANCE_MM, c->inner_mm);

  if (w && m && !(ramus_device_wire_mm (w) < m->inner_mm))
    add_conflict (conflicts, RAMUS_DEVICE_CONFLICT_WIRE_MICRO,
                  _("The %.3f-inch wire (%.2f mm) does not pass the microcatheter’s lumen (%.2f mm)."),
                  w->wire_in, ramus_device_wire_mm (w), m->inner_mm);
  else if (w && c && m == NULL && !(ramus_device_wire_mm (w) < c->inner_mm))
    add_conflict (conflicts, RAMUS_DEVICE_CONFLICT_WIRE_CATHETER,
                  _("The %.3f-inch wire (%.2f mm) does not pass the catheter’s lumen (%.2f mm)."),
                  w->wire_in, ramus_device_wire_mm (w), c->inner_mm);

  if (c && !isnan (parent_length (needs)) &&
      c->length_cm < parent_length (needs) + RAMUS_DEVICES_OUTSIDE_CM)
    add_conflict (conflicts, RAMUS_DEVICE_CONFLICT_CATHETER_LENGTH,
                  _("The %g cm catheter is too short: %.1f cm to the parent trunk (estimate) + %g cm "
                    "outside the patient = %.1f cm."),
                  c->length_cm, parent_length (needs), RAMUS_DEVICES_OUTSIDE_CM,
                  parent_length (needs) + RAMUS_DEVICES_OUTSIDE_CM);

  if (m && c && m->length_cm < c->length_cm + RAMUS_DEVICES_MICRO_BEYOND_CM)
    add_conflict (conflicts, RAMUS_DEVICE_CONFLICT_MICRO_LENGTH,
                  _("The %g cm microcatheter projects less than %g cm beyond the %g cm catheter "
                    "(needs %g cm)."),
                  m->length_cm, RAMUS_DEVICES_MICRO_BEYOND_CM, c->length_cm,
                  c->length_cm + RAMUS_DEVICES_MICRO_BEYOND_CM);

  if (m && !isnan (needs->route_length_cm) &&
      m->length_cm < needs->route_length_cm + RAMUS_DEVICES_OUTSIDE_CM)
    add_conflict (conflicts, RAMUS_DEVICE_CONFLICT_MICRO_LENGTH,
                  _("The %g cm microcatheter does not reach the target: %.1f cm route (estimate) + %g cm "
                    "outside the patient = %.1f cm."),
                  m->length_cm, needs->route_length_cm, RAMUS_DEVICES_OUTSIDE_CM,
                  needs->route_length_cm + RAMUS_DEVICES_OUTSIDE_CM);

  /* A wire must come out of the hub of what it runs through to be steered. */
  if (w && (m || c) && !(w->length_cm > (m ? m : c)->length_cm))
    add_conflict (conflicts, RAMUS_DEVICE_CONFLICT_WIRE_LENGTH,
                  _("The %g cm wire is not longer than the %g cm %s it runs through."),
                  w->length_cm, (m ? m : c)->length_cm, m ? _("microcatheter") : _("catheter"));

  if (m && !isnan (needs->target_min_diameter_mm) &&
      ramus_device_tip_mm (m) > needs->target_min_diameter_mm)
    add_conflict (conflicts, RAMUS_DEVICE_CONFLICT_MICRO_CALIBRE,
                  _("The microcatheter tip (%g F, %.2f mm) is wider than the target’s smallest calibre "
                    "(%.2f mm): risk of wedging and of stopping flow before the embolic reaches the "
                    "target."),
                  m->french, ramus_device_tip_mm (m), needs->target_min_diameter_mm);

  return conflicts;
}

static GPtrArray *
devices_of_type (RamusAtlas      *atlas,
                 RamusDeviceType  type)
{
  GPtrArray *list = g_ptr_array_new ();

  for (guint i = 0; i < ramus_atlas_get_n_devices (atlas); i++)
    {
      const RamusDevice *d = ramus_atlas_get_device (atlas, i);
      if (d->type == type)
        g_ptr_array_add (list, (gpointer) d);
    }
  return list;
}

/* Lower is better, compared field by field. */
typedef struct
{
  guint conflicts;
  int sheath_shape;     /* 0 when the sheath length suits the access direction */
  double sheath_french;
  double catheter_french;
  double catheter_length;
  double micro_lumen;   /* negated: a larger lumen takes embolics more easily */
  double micro_length;
  double wire_size;     /* negated: the largest wire that fits supports best */
  double wire_length;
} Score;

static int
score_compare (const Score *a,
               const Score *b)
{
  const double av[] = { a->conflicts, a->sheath_shape, a->sheath_french, a->catheter_french, a->catheter_length,
                        a->micro_lumen, a->micro_length, a->wire_size, a->wire_length };
  const double bv[] = { b->conflicts, b->sheath_shape, b->sheath_french, b->catheter_french, b->catheter_length,
                        b->micro_lumen, b->micro_length, b->wire_size, b->wire_length };

  for (guint i = 0; i < G_N_ELEMENTS (av); i++)
    if (av[i] != bv[i])
      return av[i] < bv[i] ? -1 : 1;
  return 0;
}

/* A crossover needs a long sheath to support catheters over the aortic
 * bifurcation; other accesses a short one. 25 cm separates them. */
static int
sheath_shape (const RamusDevice     *sheath,
              const RamusAccessSite *access)
{
  gboolean crossover = access && g_strcmp0 (access->direction, "contralateral") == 0;
  gboolean is_long = sheath->length_cm >= 25;

  return crossover == is_long ? 0 : 1;
}

/**
 * ramus_devices_propose:
 * @needs: what the route and target ask
 * @set: (out caller-allocates): the best set the catalogue offers
 *
 * Returns: (transfer full) (element-type RamusDeviceConflict): the
 * conflicts left in the proposed set; empty when it is fully compatible.
 */
GPtrArray *
ramus_devices_propose (RamusAtlas             *atlas,
                       const RamusDeviceNeeds *needs,
                       RamusDeviceSet         *set)
{
  g_autoptr(GPtrArray) sheaths = NULL;
  g_autoptr(GPtrArray) catheters = NULL;
  g_autoptr(GPtrArray) micros = NULL;
  g_autoptr(GPtrArray) wires = NULL;
  GPtrArray *best_conflicts = NULL;
  Score best = { G_MAXUINT, 0, 0, 0, 0, 0, 0, 0, 0 };

  g_return_val_if_fail (RAMUS_IS_ATLAS (atlas), NULL);
  g_return_val_if_fail (needs != NULL, NULL);
  g_return_val_if_fail (set != NULL, NULL);

  memset (set, 0, sizeof *set);
  sheaths = devices_of_type (atlas, RAMUS_DEVICE_SHEATH);
  catheters = devices_of_type (atlas, RAMUS_DEVICE_CATHETER);
  micros = devices_of_type (atlas, RAMUS_DEVICE_MICROCATHETER);
  wires = devices_of_type (atlas, RAMUS_DEVICE_GUIDEWIRE);

  if (sheaths->len == 0 || catheters->len == 0 || micros->len == 0 || wires->len == 0)
    {
      GPtrArray *conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) ramus_device_conflict_free);
      add_conflict (conflicts, RAMUS_DEVICE_CONFLICT_NONE_AVAILABLE,
                    _("The device catalogue lacks sheaths, catheters, microcatheters or guidewires."));
      return conflicts;
    }

  for (guint si = 0; si < sheaths->len; si++)
    for (guint ci = 0; ci < catheters->len; ci++)
      for (guint mi = 0; mi < micros->len; mi++)
        for (guint wi = 0; wi < wires->len; wi++)
          {
            RamusDeviceSet candidate = {
              sheaths->pdata[si], catheters->pdata[ci], micros->pdata[mi], wires->pdata[wi]
            };
            g_autoptr(GPtrArray) conflicts = ramus_devices_check (&candidate, needs);
            Score score = {
              conflicts->len,
              sheath_shape (candidate.sheath, needs->access),
              candidate.sheath->french,
              candidate.catheter->french,
              candidate.catheter->length_cm,
              -candidate.microcatheter->inner_mm,
              candidate.microcatheter->length_cm,
              -candidate.guidewire->wire_in,
              candidate.guidewire->length_cm,
            };

            if (score_compare (&score, &best) < 0)
              {
                best = score;
                *set = candidate;
                g_clear_pointer (&best_conflicts, g_ptr_array_unref);
                best_conflicts = g_steal_pointer (&conflicts);
              }
          }
  return best_conflicts;
}

static gboolean
lookup_slot (RamusAtlas          *atlas,
             const char          *id,
             RamusDeviceType      type,
             const RamusDevice  **out,
             GError             **error)
{
  const RamusDevice *d;

  *out = NULL;
  if (id == NULL)
    return TRUE;
  d = ramus_atlas_lookup_device (atlas, id);
  if (d == NULL)
    {
      g_set_error (error, RAMUS_ATLAS_ERROR, RAMUS_ATLAS_ERROR_NOT_FOUND,
                   _("“%s” is not in the device catalogue"), id);
      return FALSE;
    }
  if (d->type != type)
    {
      g_set_error (error, RAMUS_ATLAS_ERROR, RAMUS_ATLAS_ERROR_NOT_FOUND, _("“%s” is a %s, not a %s"),
                   id, ramus_device_type_to_string (d->type), ramus_device_type_to_string (type));
      return FALSE;
    }
  *out = d;
  return TRUE;
}

/**
 * ramus_devices_set_from_ids:
 *
 * Fills @set from catalogue ids (any may be NULL), checking each id names a
 * device of its slot's type.
 */
gboolean
ramus_devices_set_from_ids (RamusAtlas      *atlas,
                            const char      *sheath,
                            const char      *catheter,
                            const char      *microcatheter,
                            const char      *guidewire,
                            RamusDeviceSet  *set,
                            GError         **error)
{
  g_return_val_if_fail (RAMUS_IS_ATLAS (atlas), FALSE);
  g_return_val_if_fail (set != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return lookup_slot (atlas, sheath, RAMUS_DEVICE_SHEATH, &set->sheath, error) &&
         lookup_slot (atlas, catheter, RAMUS_DEVICE_CATHETER, &set->catheter, error) &&
         lookup_slot (atlas, microcatheter, RAMUS_DEVICE_MICROCATHETER, &set->microcatheter, error) &&
         lookup_slot (atlas, guidewire, RAMUS_DEVICE_GUIDEWIRE, &set->guidewire, error);
}
