/* test-plan.c — RamusPlan: undo and redo of every edit, refused edits
 * change nothing, derived results follow the case, and `ramus plan check`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include "ramus-plan.h"
#include "ramus-test-util.h"

static RamusAtlas *
atlas (void)
{
  static RamusAtlas *atlas;
  g_autoptr(GError) error = NULL;

  if (atlas == NULL)
    atlas = ramus_atlas_get_default (&error);
  g_assert_no_error (error);
  return atlas;
}

static RamusPlan *
knee_plan (void)
{
  g_autoptr(RamusCase) c = ramus_case_new_from_template ("knee-gae");

  g_assert_nonnull (c);
  ramus_case_set_string (&c->pseudonym, "KN-1");
  c->side = RAMUS_SIDE_LEFT;
  return ramus_plan_new (atlas (), c);
}

typedef enum
{
  EDIT_SIDE,
  EDIT_REGION,
  EDIT_ACCESS,
  EDIT_PUNCTURE_SIDE,
  EDIT_ACCESS_FULL,
  EDIT_TEXT,
  EDIT_NUMBER,
  EDIT_INTEGER,
  EDIT_SCORE,
  EDIT_ALLERGIES,
  EDIT_ADD_TARGET,
  EDIT_ADD_CANDIDATE,
  EDIT_TOGGLE_TARGET,
  EDIT_REMOVE_TARGET,
  EDIT_MOVE_TARGET,
  EDIT_TARGET_EMBOLIC,
  EDIT_TARGET_VOLUME,
  EDIT_ADD_PAIN,
  EDIT_MOVE_PAIN,
  EDIT_REMOVE_PAIN,
  EDIT_ADD_TUMOUR,
  EDIT_REMOVE_TUMOUR,
  EDIT_DEVICE,
  N_EDITS
} Edit;

/* A plan in which every edit kind has something to act on. */
static RamusPlan *
prepared_plan (Edit edit)
{
  RamusPlan *plan = knee_plan ();
  g_autoptr(GError) error = NULL;

  if (edit == EDIT_REMOVE_TARGET || edit == EDIT_MOVE_TARGET || edit == EDIT_TARGET_EMBOLIC ||
      edit == EDIT_TARGET_VOLUME)
    {
      g_assert_true (ramus_plan_add_target (plan, "lateral-superior-genicular-artery", NULL, &error));
      g_assert_true (ramus_plan_add_target (plan, "descending-genicular-artery", NULL, &error));
    }
  if (edit == EDIT_MOVE_PAIN || edit == EDIT_REMOVE_PAIN || edit == EDIT_ADD_CANDIDATE)
    g_assert_true (ramus_plan_add_pain_point (plan, 55, 130, 4, &error));
  if (edit == EDIT_PUNCTURE_SIDE)
    g_assert_true (ramus_plan_set_access (plan, "radial", &error));
  if (edit == EDIT_ADD_TUMOUR || edit == EDIT_REMOVE_TUMOUR)
    {
      g_assert_true (ramus_plan_set_region (plan, "liver", &error));
      if (edit == EDIT_REMOVE_TUMOUR)
        g_assert_true (ramus_plan_add_tumour (plan, "VII", 30, &error));
    }
  g_assert_no_error (error);
  return plan;
}

static void
apply (RamusPlan *plan,
       Edit       edit)
{
  g_autoptr(GError) error = NULL;
  const char * const allergies[] = { "carbapenem", NULL };
  gboolean ok = FALSE;

  switch (edit)
    {
    case EDIT_SIDE:
      ok = ramus_plan_set_side (plan, RAMUS_SIDE_RIGHT, &error);
      break;
    case EDIT_REGION:
      ok = ramus_plan_set_region (plan, "shoulder", &error);
      break;
    case EDIT_ACCESS:
      ok = ramus_plan_set_access (plan, "cfa-antegrade", &error);
      break;
    case EDIT_PUNCTURE_SIDE:
      ok = ramus_plan_set_puncture_side (plan, RAMUS_SIDE_RIGHT, &error);
      break;
    case EDIT_ACCESS_FULL:
      ok = ramus_plan_set_access_full (plan, "distal-radial", RAMUS_SIDE_RIGHT, &error);
      break;
    case EDIT_TEXT:
      ok = ramus_plan_set_text (plan, "notes", "medial pain worse on stairs", &error);
      break;
    case EDIT_NUMBER:
      ok = ramus_plan_set_number (plan, "patient.weight_kg", 64, &error);
      break;
    case EDIT_INTEGER:
      ok = ramus_plan_set_number (plan, "indication.kellgren_lawrence", 2, &error);
      break;
    case EDIT_SCORE:
      ok = ramus_plan_set_number (plan, "baseline.womac", 61, &error);
      break;
    case EDIT_ALLERGIES:
      ok = ramus_plan_set_allergies (plan, allergies, &error);
      break;
    case EDIT_ADD_TARGET:
      ok = ramus_plan_add_target (plan, "LSGA", NULL, &error);
      break;
    case EDIT_ADD_CANDIDATE:
      ok = ramus_plan_add_candidate (plan, g_ptr_array_index (ramus_plan_get_candidates (plan), 0), &error);
      break;
    case EDIT_TOGGLE_TARGET:
      ok = ramus_plan_toggle_target (plan, "middle-genicular-artery", &error);
      break;
    case EDIT_REMOVE_TARGET:
      ok = ramus_plan_remove_target (plan, 0, &error);
      break;
    case EDIT_MOVE_TARGET:
      ok = ramus_plan_move_target (plan, 0, 1, &error);
      break;
    case EDIT_TARGET_EMBOLIC:
      ok = ramus_plan_set_target_embolic (plan, 1, "microspheres-75-100", &error);
      break;
    case EDIT_TARGET_VOLUME:
      ok = ramus_plan_set_target_volume (plan, 0, 2.5, &error);
      break;
    case EDIT_ADD_PAIN:
      ok = ramus_plan_add_pain_point (plan, 110, 190, 3, &error);
      break;
    case EDIT_MOVE_PAIN:
      ok = ramus_plan_move_pain_point (plan, 0, 60, 140, &error);
      break;
    case EDIT_REMOVE_PAIN:
      ok = ramus_plan_remove_pain_point (plan, 0, &error);
      break;
    case EDIT_ADD_TUMOUR:
      ok = ramus_plan_add_tumour (plan, "VIII", 42, &error);
      break;
    case EDIT_REMOVE_TUMOUR:
      ok = ramus_plan_remove_tumour (plan, 0, &error);
      break;
    case EDIT_DEVICE:
      {
        const RamusDevice *micro = NULL;
        for (guint i = 0; i < ramus_atlas_get_n_devices (atlas ()) && micro == NULL; i++)
          if (ramus_atlas_get_device (atlas (), i)->type == RAMUS_DEVICE_MICROCATHETER)
            micro = ramus_atlas_get_device (atlas (), i);
        g_assert_nonnull (micro);
        ok = ramus_plan_set_device (plan, RAMUS_DEVICE_MICROCATHETER, micro->id, &error);
      }
      break;
    default:
      g_assert_not_reached ();
    }
  g_assert_no_error (error);
  g_assert_true (ok);
}

typedef struct
{
  guint changed;
  guint can_undo;
  guint can_redo;
} Counts;

static void
changed_cb (RamusPlan *plan,
            Counts    *counts)
{
  counts->changed++;
}

static void
notify_cb (RamusPlan  *plan,
           GParamSpec *pspec,
           Counts     *counts)
{
  if (g_str_equal (pspec->name, "can-undo"))
    counts->can_undo++;
  else if (g_str_equal (pspec->name, "can-redo"))
    counts->can_redo++;
}

static void
test_plan_undo_redo_every_edit (void)
{
  for (Edit edit = 0; edit < N_EDITS; edit++)
    {
      g_autoptr(RamusPlan) plan = prepared_plan (edit);
      g_autoptr(RamusCase) before = ramus_case_copy (ramus_plan_get_case (plan));
      g_autoptr(RamusCase) after = NULL;
      Counts counts = { 0 };
      gboolean could_undo = ramus_plan_can_undo (plan);

      g_signal_connect (plan, "changed", G_CALLBACK (changed_cb), &counts);
      g_signal_connect (plan, "notify", G_CALLBACK (notify_cb), &counts);

      apply (plan, edit);
      after = ramus_case_copy (ramus_plan_get_case (plan));
      if (ramus_case_equal (before, after))
        g_error ("edit %d changed nothing", edit);
      g_assert_cmpuint (counts.changed, ==, 1);
      g_assert_true (ramus_plan_can_undo (plan));
      g_assert_false (ramus_plan_can_redo (plan));
      g_assert_cmpuint (counts.can_undo, ==, could_undo ? 0 : 1);
      g_assert_nonnull (ramus_plan_get_undo_label (plan));

      g_assert_true (ramus_plan_undo (plan));
      g_assert_true (ramus_case_equal (ramus_plan_get_case (plan), before));
      g_assert_true (ramus_plan_can_redo (plan));
      g_assert_cmpuint (counts.can_redo, ==, 1);
      g_assert_cmpstr (ramus_plan_get_redo_label (plan), !=, NULL);

      g_assert_true (ramus_plan_redo (plan));
      g_assert_true (ramus_case_equal (ramus_plan_get_case (plan), after));
      g_assert_false (ramus_plan_can_redo (plan));
      g_assert_cmpuint (counts.changed, ==, 3);
    }
}

static void
test_plan_new_edit_clears_redo (void)
{
  g_autoptr(RamusPlan) plan = knee_plan ();
  g_autoptr(GError) error = NULL;

  g_assert_false (ramus_plan_can_undo (plan));
  g_assert_false (ramus_plan_undo (plan));
  g_assert_true (ramus_plan_add_target (plan, "LSGA", NULL, &error));
  g_assert_true (ramus_plan_add_target (plan, "MIGA", NULL, &error));
  g_assert_true (ramus_plan_undo (plan));
  g_assert_true (ramus_plan_can_redo (plan));
  g_assert_cmpuint (ramus_plan_get_case (plan)->targets->len, ==, 1);

  g_assert_true (ramus_plan_set_side (plan, RAMUS_SIDE_RIGHT, &error));
  g_assert_no_error (error);
  g_assert_false (ramus_plan_can_redo (plan));
  g_assert_false (ramus_plan_redo (plan));
  /* Two commands remain: the first target and the side. */
  g_assert_true (ramus_plan_undo (plan));
  g_assert_true (ramus_plan_undo (plan));
  g_assert_false (ramus_plan_can_undo (plan));
  g_assert_cmpuint (ramus_plan_get_case (plan)->targets->len, ==, 0);
  g_assert_cmpint (ramus_plan_get_case (plan)->side, ==, RAMUS_SIDE_LEFT);
}

static void
test_plan_no_op_is_no_command (void)
{
  g_autoptr(RamusPlan) plan = knee_plan ();
  g_autoptr(GError) error = NULL;
  Counts counts = { 0 };

  g_signal_connect (plan, "changed", G_CALLBACK (changed_cb), &counts);
  g_assert_true (ramus_plan_set_side (plan, RAMUS_SIDE_LEFT, &error));
  g_assert_true (ramus_plan_set_access (plan, "cfa-contralateral", &error));
  g_assert_no_error (error);
  g_assert_false (ramus_plan_can_undo (plan));
  g_assert_cmpuint (counts.changed, ==, 0);
}

static void
test_plan_refused_edits_change_nothing (void)
{
  g_autoptr(RamusPlan) plan = knee_plan ();
  g_autoptr(RamusCase) before = ramus_case_copy (ramus_plan_get_case (plan));
  g_autoptr(GError) error = NULL;
  const char * const bad_allergy[] = { "peanut", NULL };

  g_assert_false (ramus_plan_set_number (plan, "patient.weight_kg", 500, &error));
  g_assert_error (error, RAMUS_PLAN_ERROR, RAMUS_PLAN_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "300"));
  g_clear_error (&error);
  g_assert_false (ramus_plan_set_number (plan, "patient.height_cm", 90, &error));
  g_assert_error (error, RAMUS_PLAN_ERROR, RAMUS_PLAN_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (ramus_plan_set_number (plan, "indication.kellgren_lawrence", 2.5, &error));
  g_assert_error (error, RAMUS_PLAN_ERROR, RAMUS_PLAN_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (ramus_plan_set_number (plan, "patient.shoe_size", 42, &error));
  g_assert_error (error, RAMUS_PLAN_ERROR, RAMUS_PLAN_ERROR_UNKNOWN_FIELD);
  g_clear_error (&error);
  g_assert_false (ramus_plan_set_access (plan, "jugular", &error));
  g_assert_error (error, RAMUS_PLAN_ERROR, RAMUS_PLAN_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (ramus_plan_set_region (plan, "nose", &error));
  g_assert_error (error, RAMUS_PLAN_ERROR, RAMUS_PLAN_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (ramus_plan_add_target (plan, "no such artery", NULL, &error));
  g_assert_error (error, RAMUS_PLAN_ERROR, RAMUS_PLAN_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (ramus_plan_add_target (plan, "segment-8-artery", NULL, &error));
  g_assert_error (error, RAMUS_PLAN_ERROR, RAMUS_PLAN_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (ramus_plan_remove_target (plan, 3, &error));
  g_assert_error (error, RAMUS_PLAN_ERROR, RAMUS_PLAN_ERROR_INDEX);
  g_clear_error (&error);
  g_assert_false (ramus_plan_add_pain_point (plan, 55, 130, 500, &error));
  g_assert_error (error, RAMUS_PLAN_ERROR, RAMUS_PLAN_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (ramus_plan_set_allergies (plan, bad_allergy, &error));
  g_assert_error (error, RAMUS_PLAN_ERROR, RAMUS_PLAN_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (ramus_plan_set_device (plan, RAMUS_DEVICE_SHEATH, "no-such-sheath", &error));
  g_assert_error (error, RAMUS_PLAN_ERROR, RAMUS_PLAN_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (ramus_case_equal (ramus_plan_get_case (plan), before));
  g_assert_false (ramus_plan_can_undo (plan));
}

static const RamusWarning *
find_warning (RamusPlan  *plan,
              const char *code)
{
  GPtrArray *warnings = ramus_plan_get_warnings (plan);
  for (guint i = 0; i < warnings->len; i++)
    if (g_str_equal (((RamusWarning *) g_ptr_array_index (warnings, i))->code, code))
      return g_ptr_array_index (warnings, i);
  return NULL;
}

static void
test_plan_derived_follows_edits (void)
{
  g_autoptr(RamusPlan) plan = knee_plan ();
  g_autoptr(GError) error = NULL;
  const char * const carbapenem[] = { "carbapenem", NULL };
  const RamusPlanTarget *t;

  /* The knee template punctures the other groin (up-and-over). */
  g_assert_true (ramus_plan_add_target (plan, "lateral-superior-genicular-artery", NULL, &error));
  g_assert_cmpstr (g_array_index (ramus_plan_get_case (plan)->targets, RamusTarget, 0).embolic, ==,
                   "imipenem-cilastatin");
  t = ramus_plan_get_target (plan, 0);
  g_assert_nonnull (t->route);
  g_assert_cmpstr (t->route->access->id, ==, "cfa-contralateral");
  g_assert_cmpint (t->route->puncture_side, ==, RAMUS_SIDE_RIGHT);
  g_assert_nonnull (t->device_conflicts);
  g_assert_nonnull (t->proposed.microcatheter);

  g_assert_true (ramus_plan_set_access (plan, "cfa-antegrade", &error));
  t = ramus_plan_get_target (plan, 0);
  g_assert_cmpint (t->route->puncture_side, ==, RAMUS_SIDE_LEFT);
  g_assert_cmpuint (t->route->steps->len, ==, 4);

  /* Clearing the access leaves the target without a route, with a reason. */
  g_assert_true (ramus_plan_set_access (plan, NULL, &error));
  t = ramus_plan_get_target (plan, 0);
  g_assert_null (t->route);
  g_assert_nonnull (t->refusal);
  g_assert_true (ramus_plan_undo (plan));
  g_assert_nonnull (ramus_plan_get_target (plan, 0)->route);

  /* The allergy raises its warning; undo takes it away. */
  g_assert_null (find_warning (plan, "allergy-carbapenem"));
  g_assert_true (ramus_plan_set_allergies (plan, carbapenem, &error));
  g_assert_nonnull (find_warning (plan, "allergy-carbapenem"));
  g_assert_cmpint (find_warning (plan, "allergy-carbapenem")->severity, ==, RAMUS_SEVERITY_DANGER);
  /* New targets now default to the microspheres. */
  g_assert_cmpstr (ramus_plan_default_embolic (plan), ==, "microspheres-75-100");
  g_assert_true (ramus_plan_undo (plan));
  g_assert_null (find_warning (plan, "allergy-carbapenem"));

  /* The imipenem dose appears with an imipenem target. */
  g_assert_no_error (error);
  g_assert_cmpuint (ramus_plan_get_doses (plan)->len, >=, 1);
  g_assert_cmpstr (((RamusPlanDose *) g_ptr_array_index (ramus_plan_get_doses (plan), 0))->what, ==, "imipenem");
}

static void
test_plan_candidates_and_toggle (void)
{
  g_autoptr(RamusPlan) plan = knee_plan ();
  g_autoptr(GError) error = NULL;
  const RamusCandidate *top;

  g_assert_cmpuint (ramus_plan_get_candidates (plan)->len, ==, 0);
  g_assert_true (ramus_plan_add_pain_point (plan, 55, 130, 4, &error));
  top = g_ptr_array_index (ramus_plan_get_candidates (plan), 0);
  g_assert_cmpstr (top->vessel->id, ==, "lateral-superior-genicular-artery");
  /* One click makes the candidate a target; a click on the vessel takes it
   * out again. */
  g_assert_true (ramus_plan_add_candidate (plan, top, &error));
  g_assert_cmpuint (ramus_plan_get_n_targets (plan), ==, 1);
  g_assert_true (ramus_plan_toggle_target (plan, "lateral-superior-genicular-artery", &error));
  g_assert_cmpuint (ramus_plan_get_n_targets (plan), ==, 0);
  g_assert_true (ramus_plan_toggle_target (plan, "LSGA", &error));
  g_assert_cmpuint (ramus_plan_get_n_targets (plan), ==, 1);
  g_assert_no_error (error);
}

static void
test_plan_spine_level (void)
{
  g_autoptr(RamusCase) c = ramus_case_new_from_template ("tae-cementoplasty");
  g_autoptr(RamusPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  const RamusCandidate *top;

  ramus_case_set_string (&c->pseudonym, "SP-1");
  plan = ramus_plan_new (atlas (), c);
  g_assert_true (ramus_plan_set_text (plan, "indication.level", "T10", &error));
  g_assert_no_error (error);
  g_assert_nonnull (find_warning (plan, "adamkiewicz"));
  top = g_ptr_array_index (ramus_plan_get_candidates (plan), 0);
  g_assert_cmpstr (top->vessel->id, ==, "posterior-intercostal-artery");
  g_assert_true (ramus_plan_add_candidate (plan, top, &error));
  /* The level goes with the target, in its note. */
  g_assert_cmpstr (g_array_index (ramus_plan_get_case (plan)->targets, RamusTarget, 0).note, ==, "T10");
  g_assert_nonnull (ramus_plan_get_target (plan, 0)->route);
  g_assert_true (ramus_plan_set_text (plan, "indication.level", "L4", &error));
  g_assert_null (find_warning (plan, "adamkiewicz"));
  g_assert_false (ramus_plan_set_text (plan, "indication.level", "T99", &error));
  g_assert_error (error, RAMUS_PLAN_ERROR, RAMUS_PLAN_ERROR_INVALID);
}

static void
test_plan_json (void)
{
  g_autoptr(RamusPlan) plan = knee_plan ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonObject *o, *target;
  const char *keys[] = { "valid", "problems", "region", "side", "access", "targets", "candidates", "doses", "warnings" };

  g_assert_true (ramus_plan_add_target (plan, "LSGA", NULL, &error));
  node = ramus_plan_to_json (plan);
  o = json_node_get_object (node);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_assert_true (json_object_has_member (o, keys[i]));
  target = json_array_get_object_element (json_object_get_array_member (o, "targets"), 0);
  g_assert_cmpstr (json_object_get_string_member (target, "vessel"), ==, "lateral-superior-genicular-artery");
  g_assert_true (json_object_has_member (json_object_get_object_member (target, "route"), "length_cm"));
  g_assert_true (json_object_has_member (json_object_get_object_member (target, "devices"), "proposed"));
}

/* --- ramus plan check ------------------------------------------------------- */

static RamusTestRun
run_check (const char *text,
           gboolean    json)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { g_getenv ("RAMUS_CLI"), "plan", "check", NULL, json ? "--json" : NULL, NULL };
  RamusTestRun run = { 0 };
  int fd, wait_status;

  fd = g_file_open_tmp ("ramus-plan-XXXXXX.json", &path, &error);
  g_assert_no_error (error);
  close (fd);
  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  argv[3] = path;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &run.out, &run.err, &wait_status, &error);
  g_assert_no_error (error);
  g_unlink (path);
  run.status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
  return run;
}

static const char *good_case =
  "{ \"format\": \"ramus-case\", \"version\": 1, \"pseudonym\": \"KN-0042\", \"template\": \"knee-gae\","
  "  \"region\": \"knee\", \"side\": \"left\","
  "  \"patient\": { \"age_years\": 67, \"height_cm\": 158, \"weight_kg\": 64, \"egfr_ml_min\": 38,"
  "               \"allergies\": [\"carbapenem\"] },"
  "  \"indication\": { \"id\": \"knee-oa\", \"kellgren_lawrence\": 2 },"
  "  \"pain_points\": [ { \"x_mm\": 55, \"y_mm\": 130, \"radius_mm\": 4 } ],"
  "  \"access\": \"cfa-antegrade\","
  "  \"targets\": [ { \"vessel\": \"lateral-superior-genicular-artery\", \"embolic\": \"imipenem-cilastatin\","
  "                   \"planned_volume_ml\": 2.0 } ],"
  "  \"doses\": { \"imipenem_g\": 0.5, \"imipenem_contrast_ml\": 10 } }";

static void
test_cli_plan_check (void)
{
  g_auto(RamusTestRun) run = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *o, *target;
  JsonArray *warnings;
  gboolean carbapenem = FALSE, renal = FALSE;

  if (!ramus_test_have_cli ())
    return;
  run = run_check (good_case, TRUE);
  g_assert_cmpint (run.status, ==, 0);
  json_parser_load_from_data (parser, run.out, -1, &error);
  g_assert_no_error (error);
  o = json_node_get_object (json_parser_get_root (parser));
  g_assert_true (json_object_get_boolean_member (o, "valid"));
  target = json_array_get_object_element (json_object_get_array_member (o, "targets"), 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_object_get_object_member (target, "route"),
                                                                         "vessels")), ==, 4);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (
                     json_object_get_array_member (o, "candidates"), 0), "vessel"), ==,
                   "lateral-superior-genicular-artery");
  warnings = json_object_get_array_member (o, "warnings");
  for (guint i = 0; i < json_array_get_length (warnings); i++)
    {
      const char *code = json_object_get_string_member (json_array_get_object_element (warnings, i), "code");
      carbapenem |= g_str_equal (code, "allergy-carbapenem");
      renal |= g_str_equal (code, "renal-egfr-45");
    }
  g_assert_true (carbapenem && renal);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "doses")), >=, 2);

  ramus_test_run_clear (&run);
  run = run_check (good_case, FALSE);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Warnings:"));
  g_assert_nonnull (strstr (run.out, "Sources:"));
}

static const char *shoulder_left_arm =
  "{ \"format\": \"ramus-case\", \"version\": 1, \"pseudonym\": \"SH-7\", \"template\": \"shoulder-tame\","
  "  \"region\": \"shoulder\", \"side\": \"right\", \"indication\": { \"id\": \"adhesive-capsulitis\" },"
  "  \"access\": \"radial\", \"puncture_side\": \"left\","
  "  \"targets\": [ { \"vessel\": \"thoracoacromial-artery\", \"embolic\": \"imipenem-cilastatin\" } ],"
  "  \"doses\": { \"imipenem_g\": 0.5, \"imipenem_contrast_ml\": 10 } }";

static const char *liver_tumours =
  "{ \"format\": \"ramus-case\", \"version\": 1, \"pseudonym\": \"HCC-9\", \"template\": \"ctace\","
  "  \"region\": \"liver\", \"side\": \"right\", \"patient\": { \"height_cm\": 168, \"weight_kg\": 66 },"
  "  \"indication\": { \"id\": \"hcc\", \"bclc\": \"B\", \"child_pugh\": \"A\" },"
  "  \"liver\": { \"tumours\": [ { \"segment\": \"VIII\", \"diameter_mm\": 42 } ] },"
  "  \"access\": \"cfa-retrograde\","
  "  \"targets\": [ { \"vessel\": \"segment-8-artery\", \"embolic\": \"lipiodol-emulsion\" } ],"
  "  \"doses\": { \"doxorubicin_mg_per_m2\": 30, \"bsa_formula\": \"mosteller\", \"lipiodol_ml\": 8 } }";

/* `ramus plan check` says which arm is punctured and plans from it, and
 * prints the three-stage TACE plan with its doses. */
static void
test_cli_plan_check_puncture_and_tace (void)
{
  g_auto(RamusTestRun) run = { 0 };
  g_autofree char *contradiction = NULL;
  JsonObject *o, *route;

  if (!ramus_test_have_cli ())
    return;
  run = run_check (shoulder_left_arm, TRUE);
  g_assert_cmpint (run.status, ==, 0);
  {
    g_autoptr(JsonParser) parser = json_parser_new ();
    g_autoptr(GError) error = NULL;

    json_parser_load_from_data (parser, run.out, -1, &error);
    g_assert_no_error (error);
    o = json_node_get_object (json_parser_get_root (parser));
    g_assert_cmpstr (json_object_get_string_member (o, "puncture_side"), ==, "left");
    route = json_object_get_object_member (json_array_get_object_element (json_object_get_array_member (o, "targets"),
                                                                          0), "route");
    g_assert_cmpstr (json_object_get_string_member (route, "puncture_side"), ==, "left");
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (route, "vessels")), ==, 9);
  }
  ramus_test_run_clear (&run);
  run = run_check (shoulder_left_arm, FALSE);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Access: radial — Radial artery, transradial at the wrist, punctured on the left\n"));
  g_assert_nonnull (strstr (run.out, "Aortic arch"));

  /* The target's own groin contradicts the contralateral approach. */
  ramus_test_run_clear (&run);
  {
    g_auto(GStrv) parts = g_strsplit (good_case, "\"access\": \"cfa-antegrade\",", 2);
    g_assert_cmpuint (g_strv_length (parts), ==, 2);
    contradiction = g_strjoinv ("\"access\": \"cfa-contralateral\", \"puncture_side\": \"left\",", parts);
  }
  run = run_check (contradiction, FALSE);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "puncture_side: left is the target’s side"));
  g_assert_cmpstr (run.out, ==, "");

  /* The TACE plan: three stages, the emulsion with its doses. */
  ramus_test_run_clear (&run);
  run = run_check (liver_tumours, FALSE);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Three-stage TACE plan"));
  g_assert_nonnull (strstr (run.out, "1. Ultra-peripheral: Lipiodol emulsion (lipiodol-emulsion) — "
                                     "Lipiodol 8 mL · doxorubicin 52.6 mg"));
  g_assert_nonnull (strstr (run.out, "3. Tumour-bearing branch"));
  g_assert_nonnull (strstr (run.out, "capsule or a shunt"));
}

static void
test_cli_plan_check_refuses (void)
{
  g_auto(RamusTestRun) run = { 0 };
  g_autofree char *bad_weight = NULL;
  const char *argv[] = { g_getenv ("RAMUS_CLI"), "plan", "check", "/nonexistent/case.json", NULL };
  g_autoptr(GError) error = NULL;
  int wait_status;

  if (!ramus_test_have_cli ())
    return;
  run = run_check ("{ this is not json", FALSE);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.out, ==, "");

  ramus_test_run_clear (&run);
  bad_weight = g_strdup (good_case);
  memcpy (strstr (bad_weight, "\"weight_kg\": 64"), "\"weight_kg\": 9 ", strlen ("\"weight_kg\": 64"));
  run = run_check (bad_weight, TRUE);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "weight_kg"));

  ramus_test_run_clear (&run);
  run = run_check ("{ \"format\": \"something-else\", \"version\": 1 }", FALSE);
  g_assert_cmpint (run.status, ==, 1);

  ramus_test_run_clear (&run);
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &run.out, &run.err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_cmpint (WEXITSTATUS (wait_status), ==, 1);

  ramus_test_run_clear (&run);
  argv[3] = NULL;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &run.out, &run.err, &wait_status, &error);
  g_assert_cmpint (WEXITSTATUS (wait_status), ==, 2);

  ramus_test_run_clear (&run);
  argv[3] = "--help";
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &run.out, &run.err, &wait_status, &error);
  g_assert_cmpint (WEXITSTATUS (wait_status), ==, 0);
  g_assert_nonnull (strstr (run.out, "FILE.json"));
}

/* Every example case of the documentation checks, and every target has a
 * route or a reason it has none. */
/* --- puncture side -------------------------------------------------------- */

static RamusPlan *
shoulder_plan (const char *access)
{
  g_autoptr(RamusCase) c = ramus_case_new_from_template ("shoulder-tame");
  RamusPlan *plan;
  g_autoptr(GError) error = NULL;

  ramus_case_set_string (&c->pseudonym, "SH-1");
  ramus_case_set_string (&c->access, access);
  c->side = RAMUS_SIDE_RIGHT;
  plan = ramus_plan_new (atlas (), c);
  g_assert_true (ramus_plan_add_target (plan, "thoracoacromial-artery", NULL, &error));
  g_assert_no_error (error);
  return plan;
}

static char *
route_chain (const RamusRoute *r)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < r->steps->len; i++)
    g_string_append_printf (s, "%s%s", i ? " " : "", g_array_index (r->steps, RamusRouteStep, i).vessel->id);
  return g_string_free (s, FALSE);
}

/* Without a recorded side the access's usual one applies, as before the
 * field existed: the target's side, the other groin for the contralateral
 * approach; it follows the target's side. */
static void
test_plan_puncture_side_default (void)
{
  static const struct { const char *access; RamusSide side; RamusSide expected; } cases[] = {
    { "cfa-contralateral", RAMUS_SIDE_LEFT, RAMUS_SIDE_RIGHT },
    { "cfa-contralateral", RAMUS_SIDE_RIGHT, RAMUS_SIDE_LEFT },
    { "cfa-antegrade", RAMUS_SIDE_LEFT, RAMUS_SIDE_LEFT },
    { "cfa-retrograde", RAMUS_SIDE_RIGHT, RAMUS_SIDE_RIGHT },
    { "radial", RAMUS_SIDE_LEFT, RAMUS_SIDE_LEFT },
    { "radial", RAMUS_SIDE_RIGHT, RAMUS_SIDE_RIGHT },
    { "distal-radial", RAMUS_SIDE_RIGHT, RAMUS_SIDE_RIGHT },
    { "posterior-tibial", RAMUS_SIDE_LEFT, RAMUS_SIDE_LEFT },
    { NULL, RAMUS_SIDE_LEFT, RAMUS_SIDE_LEFT },
  };
  g_autoptr(RamusPlan) plan = knee_plan ();
  g_autoptr(GError) error = NULL;

  g_assert_true (ramus_plan_add_target (plan, "lateral-superior-genicular-artery", NULL, &error));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const RamusPlanTarget *t;

      g_assert_true (ramus_plan_set_access (plan, cases[i].access, &error));
      g_assert_true (ramus_plan_set_side (plan, cases[i].side, &error));
      g_assert_no_error (error);
      g_assert_null (ramus_plan_get_case (plan)->puncture_side);
      g_assert_cmpint (ramus_plan_get_puncture_side (plan), ==, cases[i].expected);
      t = ramus_plan_get_target (plan, 0);
      if (t->route)
        g_assert_cmpint (t->route->puncture_side, ==, cases[i].expected);
    }

  /* A case file from before the field plans as it did: the documented
   * shoulder example punctures the right radial artery for a right
   * shoulder. */
  {
    g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "docs", "examples", "shoulder-tame.json", NULL);
    g_autoptr(RamusCase) c = ramus_case_load (path, &error);
    g_autoptr(RamusPlan) old = NULL;
    g_autoptr(JsonNode) json = NULL;

    g_assert_no_error (error);
    g_assert_null (c->puncture_side);
    old = ramus_plan_new (atlas (), c);
    g_assert_cmpint (ramus_plan_get_puncture_side (old), ==, RAMUS_SIDE_RIGHT);
    g_assert_cmpint (ramus_plan_get_target (old, 0)->route->puncture_side, ==, RAMUS_SIDE_RIGHT);
    json = ramus_plan_to_json (old);
    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (json), "puncture_side"), ==, "right");
  }
}

/* Left and right radial access to a right shoulder: the right arm reaches
 * the thoracoacromial artery from its own axillary artery; the left goes up
 * to the arch and across through the brachiocephalic trunk. */
static void
test_plan_puncture_side_route (void)
{
  g_autoptr(RamusPlan) plan = shoulder_plan ("radial");
  g_autoptr(GError) error = NULL;
  g_autofree char *right = NULL, *left = NULL, *text = NULL;
  double right_cm, left_cm;
  const RamusPlanTarget *t;

  t = ramus_plan_get_target (plan, 0);
  g_assert_cmpint (t->route->puncture_side, ==, RAMUS_SIDE_RIGHT);
  right = route_chain (t->route);
  right_cm = t->route->length_cm;
  g_assert_cmpstr (right, ==, "radial-artery brachial-artery axillary-artery thoracoacromial-artery");

  g_assert_true (ramus_plan_set_puncture_side (plan, RAMUS_SIDE_LEFT, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (ramus_plan_get_case (plan)->puncture_side, ==, "left");
  g_assert_cmpstr (ramus_plan_get_undo_label (plan), ==, "Change puncture side");
  t = ramus_plan_get_target (plan, 0);
  g_assert_cmpint (t->route->puncture_side, ==, RAMUS_SIDE_LEFT);
  left = route_chain (t->route);
  left_cm = t->route->length_cm;
  g_assert_cmpstr (left, ==, "radial-artery brachial-artery axillary-artery subclavian-artery aortic-arch "
                             "brachiocephalic-trunk subclavian-artery axillary-artery thoracoacromial-artery");
  g_assert_cmpint (g_array_index (t->route->steps, RamusRouteStep, 0).side, ==, RAMUS_SIDE_LEFT);
  g_assert_cmpint (g_array_index (t->route->steps, RamusRouteStep, t->route->steps->len - 1).side, ==,
                   RAMUS_SIDE_RIGHT);
  g_assert_cmpfloat (left_cm, >, right_cm + 20);
  text = ramus_case_to_json (ramus_plan_get_case (plan), FALSE);
  g_assert_nonnull (strstr (text, "\"puncture_side\":\"left\""));

  /* The recorded arm stays when the target's side changes… */
  g_assert_true (ramus_plan_set_side (plan, RAMUS_SIDE_LEFT, &error));
  g_assert_cmpint (ramus_plan_get_puncture_side (plan), ==, RAMUS_SIDE_LEFT);
  g_assert_true (ramus_plan_undo (plan));

  /* …and choosing the usual side again records none. */
  g_assert_true (ramus_plan_set_puncture_side (plan, RAMUS_SIDE_RIGHT, &error));
  g_assert_null (ramus_plan_get_case (plan)->puncture_side);
  g_assert_cmpint (ramus_plan_get_target (plan, 0)->route->puncture_side, ==, RAMUS_SIDE_RIGHT);

  /* Undo and redo walk the arm back and forth, route and all. */
  g_assert_true (ramus_plan_undo (plan));
  g_assert_cmpstr (ramus_plan_get_case (plan)->puncture_side, ==, "left");
  g_assert_cmpfloat (ramus_plan_get_target (plan, 0)->route->length_cm, ==, left_cm);
  g_assert_true (ramus_plan_undo (plan));
  g_assert_null (ramus_plan_get_case (plan)->puncture_side);
  g_assert_cmpfloat (ramus_plan_get_target (plan, 0)->route->length_cm, ==, right_cm);
  g_assert_true (ramus_plan_redo (plan));
  g_assert_cmpint (ramus_plan_get_puncture_side (plan), ==, RAMUS_SIDE_LEFT);
  g_assert_cmpfloat (ramus_plan_get_target (plan, 0)->route->length_cm, ==, left_cm);

  /* The comparison's row sets access and arm as one command. */
  g_assert_true (ramus_plan_set_access_full (plan, "brachial", RAMUS_SIDE_RIGHT, &error));
  g_assert_cmpstr (ramus_plan_get_case (plan)->access, ==, "brachial");
  g_assert_null (ramus_plan_get_case (plan)->puncture_side);
  g_assert_true (ramus_plan_undo (plan));
  g_assert_cmpstr (ramus_plan_get_case (plan)->access, ==, "radial");
  g_assert_cmpstr (ramus_plan_get_case (plan)->puncture_side, ==, "left");
}

/* The contralateral approach has its own side: the target's groin is
 * refused with the reason and changes nothing, and a recorded side it
 * contradicts goes when the access or the side changes to it. */
static void
test_plan_puncture_side_contralateral (void)
{
  g_autoptr(RamusPlan) plan = knee_plan ();
  g_autoptr(RamusCase) before = ramus_case_copy (ramus_plan_get_case (plan));
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (ramus_plan_get_case (plan)->access, ==, "cfa-contralateral");
  g_assert_false (ramus_plan_set_puncture_side (plan, RAMUS_SIDE_LEFT, &error));
  g_assert_error (error, RAMUS_PLAN_ERROR, RAMUS_PLAN_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "contralateral"));
  g_clear_error (&error);
  g_assert_false (ramus_plan_set_access_full (plan, "cfa-contralateral", RAMUS_SIDE_LEFT, &error));
  g_assert_error (error, RAMUS_PLAN_ERROR, RAMUS_PLAN_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (ramus_plan_set_text (plan, "puncture_side", "up", &error));
  g_assert_error (error, RAMUS_PLAN_ERROR, RAMUS_PLAN_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (ramus_case_equal (ramus_plan_get_case (plan), before));
  g_assert_false (ramus_plan_can_undo (plan));
  /* Its usual side is no change at all. */
  g_assert_true (ramus_plan_set_puncture_side (plan, RAMUS_SIDE_RIGHT, &error));
  g_assert_false (ramus_plan_can_undo (plan));

  /* Left radial for the left knee is recorded as… nothing: it is the
   * usual side. The right arm is recorded; switching to the contralateral
   * approach keeps it (the right groin is that approach's own side) until
   * the target moves to the right, when the recorded side goes. */
  g_assert_true (ramus_plan_set_access_full (plan, "radial", RAMUS_SIDE_RIGHT, &error));
  g_assert_cmpstr (ramus_plan_get_case (plan)->puncture_side, ==, "right");
  g_assert_true (ramus_plan_set_access (plan, "cfa-contralateral", &error));
  g_assert_cmpstr (ramus_plan_get_case (plan)->puncture_side, ==, "right");
  g_assert_true (ramus_plan_set_side (plan, RAMUS_SIDE_RIGHT, &error));
  g_assert_no_error (error);
  g_assert_null (ramus_plan_get_case (plan)->puncture_side);
  g_assert_cmpint (ramus_plan_get_puncture_side (plan), ==, RAMUS_SIDE_LEFT);
  for (guint i = 0; i < ramus_plan_get_problems (plan)->len; i++)
    g_assert_cmpstr (((RamusCaseProblem *) g_ptr_array_index (ramus_plan_get_problems (plan), i))->path, !=,
                     "puncture_side");
  g_assert_true (ramus_plan_undo (plan));
  g_assert_cmpstr (ramus_plan_get_case (plan)->puncture_side, ==, "right");
}

/* --- the three-stage TACE plan ---------------------------------------------- */

static const RamusTaceStage *
stage (const RamusDoseResult *r,
       guint                  index)
{
  g_assert_nonnull (r->stages);
  g_assert_cmpuint (index, <, r->stages->len);
  return &g_array_index (r->stages, RamusTaceStage, index);
}

static double
stage_dose (const RamusTaceStage *st,
            const char           *key)
{
  for (guint i = 0; i < st->doses->len; i++)
    if (g_str_equal (g_array_index (st->doses, RamusDoseValue, i).key, key))
      return g_array_index (st->doses, RamusDoseValue, i).value;
  g_error ("stage %d has no %s", st->stage, key);
}

static void
test_plan_tace_stages (void)
{
  g_autoptr(RamusCase) c = ramus_case_new_from_template ("ctace");
  g_autoptr(RamusPlan) plan = NULL, knee = knee_plan ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) json = NULL;
  const RamusDoseResult *r;
  const RamusTaceStage *st;
  JsonArray *doses, *stages = NULL;

  /* Outside the liver there is none, nor in the liver without a tumour. */
  g_assert_null (ramus_plan_get_tace_plan (knee));
  for (guint i = 0; i < ramus_plan_get_doses (knee)->len; i++)
    g_assert_cmpstr (((RamusPlanDose *) g_ptr_array_index (ramus_plan_get_doses (knee), i))->what, !=, "tace");
  ramus_case_set_string (&c->pseudonym, "HCC-1");
  ramus_case_set_string (&c->indication.bclc, "B");
  ramus_case_set_string (&c->indication.child_pugh, "A");
  c->patient.height_cm = 168;
  c->patient.weight_kg = 66;
  plan = ramus_plan_new (atlas (), c);
  g_assert_null (ramus_plan_get_tace_plan (plan));

  /* Two tumours; the plan rests on the larger. */
  g_assert_true (ramus_plan_add_tumour (plan, "VIII", 42, &error));
  g_assert_true (ramus_plan_add_tumour (plan, "V", 18, &error));
  r = ramus_plan_get_tace_plan (plan);
  g_assert_nonnull (r);
  g_assert_cmpuint (r->stages->len, ==, 3);
  g_assert_cmpfloat (g_array_index (r->values, RamusDoseValue, 0).value, ==, 42);
  g_assert_cmpstr (stage (r, 0)->embolic, ==, "lipiodol-emulsion");
  g_assert_cmpstr (stage (r, 1)->embolic, ==, "deb-microspheres");
  g_assert_cmpstr (stage (r, 2)->embolic, ==, "bland-microspheres");
  /* No dose planned yet for any stage. */
  for (guint i = 0; i < 3; i++)
    {
      g_assert_cmpuint (stage (r, i)->doses->len, ==, 0);
      g_assert_null (stage (r, i)->dose_text);
    }
  /* The endpoint turns on what the case does not record. */
  g_assert_null (r->working);
  g_assert_cmpuint (r->notes->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (r->notes, 0), "capsule or a shunt"));
  g_assert_true (g_strv_contains ((const char * const *) r->sources, "seed-tace"));

  /* Doses: doxorubicin 30 mg/m² on a Mosteller BSA of √(168 × 66 / 3600) =
   * 1.75499 m² is 52.65 mg in the emulsion with 8 mL of Lipiodol; 2 mL of
   * beads loaded with 75 mg; 1.5 + 1 mL of the larger microspheres. */
  g_assert_true (ramus_plan_set_number (plan, "doses.doxorubicin_mg_per_m2", 30, &error));
  g_assert_true (ramus_plan_set_number (plan, "doses.lipiodol_ml", 8, &error));
  g_assert_true (ramus_plan_set_number (plan, "doses.deb_loading_mg", 75, &error));
  g_assert_true (ramus_plan_add_target (plan, "segment-8-artery", "lipiodol-emulsion", &error));
  g_assert_true (ramus_plan_add_target (plan, "segment-5-artery", "deb-microspheres", &error));
  g_assert_true (ramus_plan_set_target_volume (plan, 1, 2, &error));
  g_assert_true (ramus_plan_add_target (plan, "segment-6-artery", "bland-microspheres", &error));
  g_assert_true (ramus_plan_set_target_volume (plan, 2, 1.5, &error));
  g_assert_true (ramus_plan_add_target (plan, "segment-7-artery", "bland-microspheres", &error));
  g_assert_true (ramus_plan_set_target_volume (plan, 3, 1, &error));
  g_assert_no_error (error);

  r = ramus_plan_get_tace_plan (plan);
  st = stage (r, 0);
  g_assert_cmpuint (st->doses->len, ==, 2);
  g_assert_cmpfloat (stage_dose (st, "lipiodol_ml"), ==, 8);
  g_assert_cmpfloat_with_epsilon (stage_dose (st, "doxorubicin_mg"), 30 * sqrt (168.0 * 66 / 3600), 0.01);
  g_assert_cmpstr (st->dose_text, ==, "Lipiodol 8 mL · doxorubicin 52.6 mg");
  st = stage (r, 1);
  g_assert_cmpfloat (stage_dose (st, "beads_ml"), ==, 2);
  g_assert_cmpfloat (stage_dose (st, "doxorubicin_mg"), ==, 75);
  g_assert_cmpstr (st->dose_text, ==, "beads 2 mL · doxorubicin 75 mg");
  st = stage (r, 2);
  g_assert_cmpfloat (stage_dose (st, "microspheres_ml"), ==, 2.5);
  g_assert_cmpstr (st->dose_text, ==, "2.5 mL planned");
  /* The doses' own sources come with them. */
  g_assert_true (g_strv_contains ((const char * const *) r->sources, "dose-swain2003"));
  g_assert_true (g_strv_contains ((const char * const *) r->sources, "dose-malagari-debdox"));

  /* `ramus plan check --json` carries the stages and their doses. */
  json = ramus_plan_to_json (plan);
  doses = json_object_get_array_member (json_node_get_object (json), "doses");
  for (guint i = 0; i < json_array_get_length (doses); i++)
    {
      JsonObject *d = json_array_get_object_element (doses, i);
      if (g_str_equal (json_object_get_string_member (d, "what"), "tace"))
        stages = json_object_get_array_member (d, "stages");
    }
  g_assert_nonnull (stages);
  g_assert_cmpuint (json_array_get_length (stages), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (stages, 1), "embolic"), ==,
                   "deb-microspheres");
  g_assert_cmpfloat (json_object_get_double_member (
                       json_array_get_object_element (
                         json_object_get_array_member (json_array_get_object_element (stages, 2), "doses"), 0),
                       "value"), ==, 2.5);

  /* Undo takes the doses back out of the stages. */
  g_assert_true (ramus_plan_undo (plan));
  g_assert_cmpfloat (stage_dose (stage (ramus_plan_get_tace_plan (plan), 2), "microspheres_ml"), ==, 1.5);

  /* Leaving the liver leaves the plan without it. */
  g_assert_true (ramus_plan_set_region (plan, "knee", &error));
  g_assert_null (ramus_plan_get_tace_plan (plan));
}

static void
test_plan_documented_examples (void)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "..", "docs", "examples", NULL);
  g_autoptr(GDir) listing = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;
  guint checked = 0;

  listing = g_dir_open (dir, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autoptr(RamusCase) c = NULL;
      g_autoptr(RamusPlan) plan = NULL;

      if (!g_str_has_suffix (name, ".json"))
        continue;
      path = g_build_filename (dir, name, NULL);
      c = ramus_case_load (path, &error);
      g_assert_no_error (error);
      g_assert_true (ramus_case_validate (c, atlas (), &error));
      plan = ramus_plan_new (atlas (), c);
      g_assert_cmpuint (ramus_plan_get_n_targets (plan), >, 0);
      for (guint i = 0; i < ramus_plan_get_n_targets (plan); i++)
        {
          const RamusPlanTarget *t = ramus_plan_get_target (plan, i);
          if (t->route == NULL && t->refusal == NULL)
            g_error ("%s: target %u has neither a route nor a reason", name, i);
          if (t->route && !t->route->feasible)
            g_error ("%s: the documented route to target %u is not feasible: %s", name, i, t->route->reason);
        }
      checked++;
    }
  g_assert_cmpuint (checked, >=, 9);
}

int
main (int    argc,
      char **argv)
{
  g_setenv ("LANGUAGE", "en", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/plan/undo-redo-every-edit", test_plan_undo_redo_every_edit);
  g_test_add_func ("/core/plan/new-edit-clears-redo", test_plan_new_edit_clears_redo);
  g_test_add_func ("/core/plan/no-op-is-no-command", test_plan_no_op_is_no_command);
  g_test_add_func ("/core/plan/refused-edits-change-nothing", test_plan_refused_edits_change_nothing);
  g_test_add_func ("/core/plan/derived-follows-edits", test_plan_derived_follows_edits);
  g_test_add_func ("/core/plan/candidates-and-toggle", test_plan_candidates_and_toggle);
  g_test_add_func ("/core/plan/spine-level", test_plan_spine_level);
  g_test_add_func ("/core/plan/json", test_plan_json);
  g_test_add_func ("/core/plan/documented-examples", test_plan_documented_examples);
  g_test_add_func ("/core/plan/puncture-side-default", test_plan_puncture_side_default);
  g_test_add_func ("/core/plan/puncture-side-route", test_plan_puncture_side_route);
  g_test_add_func ("/core/plan/puncture-side-contralateral", test_plan_puncture_side_contralateral);
  g_test_add_func ("/core/plan/tace-stages", test_plan_tace_stages);
  g_test_add_func ("/core/plan/cli-check", test_cli_plan_check);
  g_test_add_func ("/core/plan/cli-check-refuses", test_cli_plan_check_refuses);
  g_test_add_func ("/core/plan/cli-check-puncture-and-tace", test_cli_plan_check_puncture_and_tace);
  return g_test_run ();
}
