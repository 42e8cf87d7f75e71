/* test-devices.c — the device catalogue and the compatibility checks, with
 * the numbers worked out by hand
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ramus-devices.h"

#include <math.h>
#include <string.h>

static RamusAtlas *
atlas (void)
{
  g_autoptr(GError) error = NULL;
  RamusAtlas *a = ramus_atlas_get_default (&error);

  g_assert_no_error (error);
  return a;
}

static const RamusDevice *
device (const char *id)
{
  const RamusDevice *d = ramus_atlas_lookup_device (atlas (), id);

  if (d == NULL)
    g_error ("no device %s in the catalogue", id);
  return d;
}

static RamusDeviceSet
set_of (const char *sheath,
        const char *catheter,
        const char *micro,
        const char *wire)
{
  RamusDeviceSet set = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (ramus_devices_set_from_ids (atlas (), sheath, catheter, micro, wire, &set, &error));
  g_assert_no_error (error);
  return set;
}

/* The conflicts of @kind; fails unless there is exactly @n. */
static const RamusDeviceConflict *
only_conflict (GPtrArray               *conflicts,
               RamusDeviceConflictKind  kind)
{
  const RamusDeviceConflict *found = NULL;

  for (guint i = 0; i < conflicts->len; i++)
    {
      const RamusDeviceConflict *c = g_ptr_array_index (conflicts, i);
      g_test_message ("conflict: %s", c->message);
      if (c->kind == kind)
        {
          g_assert_null (found);
          found = c;
        }
    }
  g_assert_cmpuint (conflicts->len, ==, 1);
  g_assert_nonnull (found);
  return found;
}

static void
test_catalogue (void)
{
  RamusAtlas *a = atlas ();
  guint counts[4] = { 0 };
  gboolean wires[4] = { FALSE };
  const double wire_sizes[] = { 0.035, 0.018, 0.016, 0.014 };

  for (guint i = 0; i < ramus_atlas_get_n_devices (a); i++)
    {
      const RamusDevice *d = ramus_atlas_get_device (a, i);

      counts[d->type]++;
      g_assert_nonnull (d->sources);
      g_assert_nonnull (d->sources[0]);
      for (guint j = 0; d->sources[j]; j++)
        g_assert_nonnull (ramus_atlas_lookup_source (a, d->sources[j]));
      g_assert_nonnull (d->notes[RAMUS_LANG_EN]);
      switch (d->type)
        {
        case RAMUS_DEVICE_SHEATH:
          /* A sheath's lumen is the largest catheter it takes: French / 3 mm. */
          g_assert_cmpfloat_with_epsilon (d->inner_mm, d->french / 3.0, 0.005);
          break;
        case RAMUS_DEVICE_CATHETER:
          g_assert_cmpfloat_with_epsilon (d->outer_mm, d->french / 3.0, 0.005);
          g_assert_cmpfloat (d->inner_mm, <, d->outer_mm);
          g_assert_cmpfloat (d->length_cm, >=, 65);
          g_assert_cmpfloat (d->length_cm, <=, 125);
          break;
        case RAMUS_DEVICE_MICROCATHETER:
          /* The tip is in the 1.7–2.9 F range and no wider than the shaft
           * (within 0.01 mm: French sizes are nominal, 2.9 F = 0.967 mm is
           * "about 0.96 mm" in the 510(k)). */
          g_assert_cmpfloat (d->french, >=, 1.7);
          g_assert_cmpfloat (d->french, <=, 2.9);
          g_assert_cmpfloat (ramus_device_tip_mm (d), <=, d->outer_mm + 0.01);
          g_assert_cmpfloat (d->inner_mm, <, d->outer_mm);
          break;
        case RAMUS_DEVICE_GUIDEWIRE:
          for (guint k = 0; k < G_N_ELEMENTS (wire_sizes); k++)
            if (d->wire_in == wire_sizes[k])
              wires[k] = TRUE;
          break;
        default:
          g_assert_not_reached ();
        }
    }
  g_assert_cmpuint (counts[RAMUS_DEVICE_SHEATH], >=, 6);
  g_assert_cmpuint (counts[RAMUS_DEVICE_CATHETER], >=, 8);
  g_assert_cmpuint (counts[RAMUS_DEVICE_MICROCATHETER], >=, 5);
  for (guint k = 0; k < G_N_ELEMENTS (wire_sizes); k++)
    g_assert_true (wires[k]);
  /* 4, 5 and 6 F, short and long. */
  g_assert_nonnull (device ("sheath-4f-10"));
  g_assert_nonnull (device ("sheath-6f-45"));
}

static void
test_set_from_ids (void)
{
  RamusDeviceSet set = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_false (ramus_devices_set_from_ids (atlas (), "cath-4f-vert-65", NULL, NULL, NULL, &set, &error));
  g_assert_error (error, RAMUS_ATLAS_ERROR, RAMUS_ATLAS_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "“cath-4f-vert-65” is a catheter, not a sheath");
  g_clear_error (&error);
  g_assert_false (ramus_devices_set_from_ids (atlas (), NULL, "cath-9f", NULL, NULL, &set, &error));
  g_assert_cmpstr (error->message, ==, "“cath-9f” is not in the device catalogue");
}

static void
test_compatible_set (void)
{
  RamusDeviceSet set = set_of ("sheath-4f-10", "cath-4f-vert-100", "micro-surmodics-19-135", "wire-0014-180");
  RamusDeviceNeeds needs;
  g_autoptr(GPtrArray) conflicts = NULL;

  ramus_device_needs_init (&needs);
  needs.route_length_cm = 95;
  needs.parent_length_cm = 85;
  needs.target_min_diameter_mm = 0.7;
  needs.access = ramus_atlas_lookup_access_site (atlas (), "cfa-retrograde");
  /* Catheter 100 ≥ 85 + 10; micro 135 ≥ 100 + 15 and ≥ 95 + 10; shaft
   * 0.87 + 0.03 = 0.90 ≤ 0.97; wire 0.014 × 25.4 = 0.3556 < 0.36; tip
   * 1.9 / 3 = 0.633 ≤ 0.7; wire 180 > 135. */
  conflicts = ramus_devices_check (&set, &needs);
  g_assert_cmpuint (conflicts->len, ==, 0);
}

static void
test_catheter_through_sheath (void)
{
  RamusDeviceSet set = set_of ("sheath-4f-10", "cath-5f-vert-65", NULL, NULL);
  g_autoptr(GPtrArray) conflicts = ramus_devices_check (&set, NULL);

  g_assert_cmpstr (only_conflict (conflicts, RAMUS_DEVICE_CONFLICT_CATHETER_SHEATH)->message, ==,
                   "The 5 F catheter (1.67 mm) does not pass the 4 F sheath (lumen 1.33 mm).");
}

static void
test_micro_through_catheter (void)
{
  /* GT Leggiero shaft 0.96 mm + 0.03 mm = 0.99 mm > 0.97 mm lumen. */
  RamusDeviceSet set = set_of (NULL, "cath-4f-vert-100", "micro-leggiero-29-150", NULL);
  g_autoptr(GPtrArray) conflicts = ramus_devices_check (&set, NULL);

  g_assert_cmpstr (only_conflict (conflicts, RAMUS_DEVICE_CONFLICT_MICRO_CATHETER)->message, ==,
                   "The microcatheter’s shaft (0.96 mm) needs a catheter lumen of at least 0.99 mm "
                   "(0.03 mm clearance); the catheter’s lumen is 0.97 mm.");
}

static void
test_wire_through_micro (void)
{
  /* 0.018 in × 25.4 = 0.4572 mm ≥ 0.36 mm lumen. */
  RamusDeviceSet set = set_of (NULL, NULL, "micro-surmodics-19-150", "wire-0018-180");
  g_autoptr(GPtrArray) conflicts = ramus_devices_check (&set, NULL);
  RamusDeviceSet ok = set_of (NULL, NULL, "micro-maestro-24-130", "wire-0018-180");
  g_autoptr(GPtrArray) none = ramus_devices_check (&ok, NULL);
  RamusDeviceSet big = set_of (NULL, "cath-4f-vert-65", NULL, "wire-0035-150");
  g_autoptr(GPtrArray) through_catheter = ramus_devices_check (&big, NULL);

  g_assert_cmpstr (only_conflict (conflicts, RAMUS_DEVICE_CONFLICT_WIRE_MICRO)->message, ==,
                   "The 0.018-inch wire (0.46 mm) does not pass the microcatheter’s lumen (0.36 mm).");
  /* 0.4572 mm < 0.52 mm. */
  g_assert_cmpuint (none->len, ==, 0);
  /* 0.035 in = 0.889 mm < 0.97 mm, and 150 cm > 65 cm. */
  g_assert_cmpuint (through_catheter->len, ==, 0);
}

static void
test_lengths (void)
{
  RamusDeviceNeeds needs;

  ramus_device_needs_init (&needs);
  needs.route_length_cm = 126;
  needs.parent_length_cm = 60;
  {
    /* Catheter: 60 + 10 = 70 cm > 65 cm. */
    RamusDeviceSet set = set_of (NULL, "cath-4f-vert-65", NULL, NULL);
    g_autoptr(GPtrArray) conflicts = ramus_devices_check (&set, &needs);
    g_assert_cmpstr (only_conflict (conflicts, RAMUS_DEVICE_CONFLICT_CATHETER_LENGTH)->message, ==,
                     "The 65 cm catheter is too short: 60.0 cm to the parent trunk (estimate) + 10 cm "
                     "outside the patient = 70.0 cm.");
  }
  {
    /* Micro: 126 + 10 = 136 cm > 135 cm; projection 135 ≥ 100 + 15 = 115. */
    RamusDeviceSet set = set_of (NULL, "cath-4f-vert-100", "micro-surmodics-19-135", NULL);
    g_autoptr(GPtrArray) conflicts = ramus_devices_check (&set, &needs);
    g_assert_cmpstr (only_conflict (conflicts, RAMUS_DEVICE_CONFLICT_MICRO_LENGTH)->message, ==,
                     "The 135 cm microcatheter does not reach the target: 126.0 cm route (estimate) + 10 cm "
                     "outside the patient = 136.0 cm.");
  }
  {
    /* Projection: 130 < 125 (a long catheter) + 15 = 140. */
    RamusDevice long_catheter = *device ("cath-4f-vert-100");
    RamusDeviceSet set = set_of (NULL, NULL, "micro-maestro-24-130", NULL);
    g_autoptr(GPtrArray) conflicts = NULL;

    long_catheter.length_cm = 125;
    set.catheter = &long_catheter;
    conflicts = ramus_devices_check (&set, NULL);
    g_assert_cmpstr (only_conflict (conflicts, RAMUS_DEVICE_CONFLICT_MICRO_LENGTH)->message, ==,
                     "The 130 cm microcatheter projects less than 15 cm beyond the 125 cm catheter "
                     "(needs 140 cm).");
  }
  {
    /* A 150 cm wire in a 150 cm microcatheter never leaves its hub. */
    RamusDeviceSet set = set_of (NULL, NULL, "micro-headway27-150", "wire-0035-150");
    g_autoptr(GPtrArray) conflicts = ramus_devices_check (&set, NULL);
    g_assert_cmpuint (conflicts->len, ==, 2);
  }
}

static void
test_calibre (void)
{
  RamusDeviceNeeds needs;
  RamusDeviceSet set = set_of (NULL, NULL, "micro-maestro-24-130", NULL);
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GPtrArray) fits = NULL;

  ramus_device_needs_init (&needs);
  needs.target_min_diameter_mm = 0.7;
  /* Tip 2.4 F / 3 = 0.80 mm > 0.70 mm. */
  conflicts = ramus_devices_check (&set, &needs);
  g_assert_cmpstr (only_conflict (conflicts, RAMUS_DEVICE_CONFLICT_MICRO_CALIBRE)->message, ==,
                   "The microcatheter tip (2.4 F, 0.80 mm) is wider than the target’s smallest calibre "
                   "(0.70 mm): risk of wedging and of stopping flow before the embolic reaches the target.");
  needs.target_min_diameter_mm = 0.8;
  fits = ramus_devices_check (&set, &needs);
  g_assert_cmpuint (fits->len, ==, 0);
}

static void
test_sheath_for_access (void)
{
  RamusDeviceNeeds needs;
  RamusDeviceSet set = set_of ("sheath-5f-10", NULL, NULL, NULL);
  g_autoptr(GPtrArray) conflicts = NULL;

  ramus_device_needs_init (&needs);
  needs.access = ramus_atlas_lookup_access_site (atlas (), "dorsalis-pedis");
  g_assert_nonnull (needs.access);
  conflicts = ramus_devices_check (&set, &needs);
  g_assert_cmpstr (only_conflict (conflicts, RAMUS_DEVICE_CONFLICT_SHEATH_ACCESS)->message, ==,
                   "The 5 F sheath is larger than the dorsalis-pedis access takes (3–4 F).");
}

static void
assert_set (const RamusDeviceSet *set,
            const char           *sheath,
            const char           *catheter,
            const char           *micro,
            const char           *wire)
{
  g_assert_cmpstr (set->sheath->id, ==, sheath);
  g_assert_cmpstr (set->catheter->id, ==, catheter);
  g_assert_cmpstr (set->microcatheter->id, ==, micro);
  g_assert_cmpstr (set->guidewire->id, ==, wire);
}

static void
test_propose (void)
{
  RamusDeviceNeeds needs;
  RamusDeviceSet set;

  ramus_device_needs_init (&needs);
  needs.route_length_cm = 95;
  needs.parent_length_cm = 85;
  needs.target_min_diameter_mm = 0.8;
  needs.access = ramus_atlas_lookup_access_site (atlas (), "cfa-contralateral");
  {
    /* Up-and-over: long 4 F sheath; the only 4 F catheter ≥ 85 + 10 cm is
     * the 100 cm one; of the microcatheters whose shaft passes its 0.97 mm
     * lumen with 0.03 mm to spare and whose tip is ≤ 0.8 mm, the Maestro
     * 2.4 F has the widest lumen (0.52 mm), which takes the 0.018-inch wire
     * (0.457 mm). */
    g_autoptr(GPtrArray) conflicts = ramus_devices_propose (atlas (), &needs, &set);
    g_assert_cmpuint (conflicts->len, ==, 0);
    assert_set (&set, "sheath-4f-45", "cath-4f-vert-100", "micro-maestro-24-130", "wire-0018-180");
  }
  {
    /* A 0.7 mm target rules out the 0.80 mm tip: the 1.9 F microcatheter
     * (0.63 mm), its 0.36 mm lumen, the 0.014-inch wire; ipsilateral access
     * takes a short sheath. */
    g_autoptr(GPtrArray) conflicts = NULL;
    needs.target_min_diameter_mm = 0.7;
    needs.access = ramus_atlas_lookup_access_site (atlas (), "cfa-retrograde");
    conflicts = ramus_devices_propose (atlas (), &needs, &set);
    g_assert_cmpuint (conflicts->len, ==, 0);
    assert_set (&set, "sheath-4f-10", "cath-4f-vert-100", "micro-surmodics-19-135", "wire-0014-180");
  }
  {
    /* Beyond every catheter: the best set still lists why it does not fit. */
    g_autoptr(GPtrArray) conflicts = NULL;
    needs.route_length_cm = 200;
    needs.parent_length_cm = 190;
    conflicts = ramus_devices_propose (atlas (), &needs, &set);
    g_assert_cmpuint (conflicts->len, >, 0);
    for (guint i = 0; i < conflicts->len; i++)
      {
        const RamusDeviceConflict *c = g_ptr_array_index (conflicts, i);
        g_assert_true (c->kind == RAMUS_DEVICE_CONFLICT_CATHETER_LENGTH ||
                       c->kind == RAMUS_DEVICE_CONFLICT_MICRO_LENGTH);
      }
  }
}

/* The needs of a real route: its numbers pass through unchanged, and the
 * parent trunk is the route less the target's own segment. */
static void
test_needs_from_route (void)
{
  RamusAtlas *a = atlas ();
  g_autoptr(GError) error = NULL;
  g_autoptr(RamusRoute) route = ramus_route_new (a, "knee", RAMUS_SIDE_LEFT,
                                                 ramus_atlas_lookup_access_site (a, "cfa-contralateral"),
                                                 ramus_atlas_lookup (a, "lateral-superior-genicular-artery"),
                                                 NULL, 170, &error);
  RamusDeviceNeeds needs;
  const RamusRouteStep *last;
  RamusDeviceSet set;
  g_autoptr(GPtrArray) conflicts = NULL;

  g_assert_no_error (error);
  ramus_device_needs_from_route (&needs, route);
  g_assert_cmpfloat (needs.route_length_cm, ==, route->length_cm);
  g_assert_cmpfloat (needs.target_min_diameter_mm, ==, route->min_diameter_mm);
  g_assert_true (needs.access == route->access);
  last = &g_array_index (route->steps, RamusRouteStep, route->steps->len - 1);
  if (last->length_known)
    /* At the reference height 170 cm the scale is 1: parent = route − last/10. */
    g_assert_cmpfloat_with_epsilon (needs.parent_length_cm, route->length_cm - last->length_mm / 10.0, 1e-9);
  conflicts = ramus_devices_propose (a, &needs, &set);
  g_assert_nonnull (set.sheath);
  g_assert_nonnull (set.microcatheter);
  /* Up-and-over to the knee: a long sheath is proposed. */
  g_assert_cmpfloat (set.sheath->length_cm, >=, 25);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/devices/catalogue", test_catalogue);
  g_test_add_func ("/core/devices/set-from-ids", test_set_from_ids);
  g_test_add_func ("/core/devices/compatible-set", test_compatible_set);
  g_test_add_func ("/core/devices/catheter-through-sheath", test_catheter_through_sheath);
  g_test_add_func ("/core/devices/micro-through-catheter", test_micro_through_catheter);
  g_test_add_func ("/core/devices/wire-through-micro", test_wire_through_micro);
  g_test_add_func ("/core/devices/lengths", test_lengths);
  g_test_add_func ("/core/devices/calibre", test_calibre);
  g_test_add_func ("/core/devices/sheath-for-access", test_sheath_for_access);
  g_test_add_func ("/core/devices/propose", test_propose);
  g_test_add_func ("/core/devices/needs-from-route", test_needs_from_route);

  return g_test_run ();
}
