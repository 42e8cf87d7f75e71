/* test-plan-panel.c — the plan panel and the case form under Xvfb, used as a
 * person would: choose an access and see its route, add targets from the
 * canvas and reorder them, set an embolic and a volume, type an impossible
 * height, record an allergy, add a candidate in one click, and take every
 * edit back with the widget's undo and redo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <gdk/x11/gdkx.h>
#include <math.h>
#include <string.h>

#include "ramus-case-form.h"
#include "ramus-plan-panel.h"

#define LSGA "lateral-superior-genicular-artery"
#define DGA "descending-genicular-artery"

static RamusAtlas *
get_atlas (void)
{
  static RamusAtlas *atlas;
  g_autoptr(GError) error = NULL;

  if (atlas == NULL)
    atlas = ramus_atlas_get_default (&error);
  g_assert_no_error (error);
  g_assert_nonnull (atlas);
  return atlas;
}

/* Lets the window settle: the panel's rebuild idle, layout, timeouts due. */
static void
settle (void)
{
  gint64 end = g_get_monotonic_time () + G_USEC_PER_SEC / 10;

  while (g_get_monotonic_time () < end)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (1000);
    }
}

/* A left knee, genicular artery embolization, no access chosen yet. */
static RamusPlan *
knee_plan (void)
{
  g_autoptr(RamusCase) c = ramus_case_new_from_template ("knee-gae");

  ramus_case_set_string (&c->pseudonym, "KN-TEST");
  ramus_case_set_string (&c->access, NULL);
  c->side = RAMUS_SIDE_LEFT;
  return ramus_plan_new (get_atlas (), c);
}

static RamusPlanPanel *
show_panel (RamusPlan *plan)
{
  GtkWidget *window = adw_window_new ();
  GtkWidget *panel = ramus_plan_panel_new (plan);

  gtk_window_set_default_size (GTK_WINDOW (window), 420, 760);
  adw_window_set_content (ADW_WINDOW (window), panel);
  gtk_window_present (GTK_WINDOW (window));
  settle ();
  return RAMUS_PLAN_PANEL (panel);
}

static void
close_panel (RamusPlanPanel *panel)
{
  gtk_window_destroy (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (panel))));
  settle ();
}

static gpointer
panel_child (RamusPlanPanel *panel,
             const char     *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (panel), RAMUS_TYPE_PLAN_PANEL, name);

  g_assert_nonnull (object);
  return object;
}

static gpointer
form_child (GtkWidget  *form,
            const char *name)
{
  GObject *object = gtk_widget_get_template_child (form, RAMUS_TYPE_CASE_FORM, name);

  g_assert_nonnull (object);
  return object;
}

static GtkWidget *
find_named (GtkWidget  *widget,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_named (c, name);
      if (found)
        return found;
    }
  return NULL;
}

/* The rows of a list box, placeholder aside. */
static GPtrArray *
rows (GtkListBox *list)
{
  GPtrArray *out = g_ptr_array_new ();

  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (list)); c; c = gtk_widget_get_next_sibling (c))
    if (GTK_IS_LIST_BOX_ROW (c) && gtk_widget_get_visible (c))
      g_ptr_array_add (out, c);
  return out;
}

static guint
n_rows (GtkListBox *list)
{
  g_autoptr(GPtrArray) r = rows (list);
  return r->len;
}

static GtkWidget *
row (GtkListBox *list,
     guint       index)
{
  g_autoptr(GPtrArray) r = rows (list);

  g_assert_cmpuint (index, <, r->len);
  return g_ptr_array_index (r, index);
}

static const char *
label_text (GtkWidget  *parent,
            const char *name)
{
  GtkWidget *label = find_named (parent, name);

  g_assert_nonnull (label);
  g_assert_true (GTK_IS_LABEL (label));
  return gtk_label_get_text (GTK_LABEL (label));
}

/* Clicks a button that has the focus, as a pointer or the space bar
 * would. (gtk_widget_activate() clicks only after a 250 ms timeout.) */
static void
click (GtkWidget *button)
{
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  gtk_widget_grab_focus (button);
  g_signal_emit_by_name (button, "clicked");
  settle ();
}

static const RamusVessel *
vessel (const char *id)
{
  const RamusVessel *v = ramus_atlas_lookup (get_atlas (), id);

  g_assert_nonnull (v);
  return v;
}

static const char *
target_id (RamusPlan *plan,
           guint      index)
{
  return g_array_index (ramus_plan_get_case (plan)->targets, RamusTarget, index).vessel;
}

/* The position in a combo row's string list of the item containing @text. */
static guint
combo_position (AdwComboRow *combo,
                const char  *text)
{
  GListModel *model = adw_combo_row_get_model (combo);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);
      if (strstr (gtk_string_object_get_string (item), text))
        return i;
    }
  g_assert_not_reached ();
}

static void
test_panel_access_shows_route (void)
{
  g_autoptr(RamusPlan) plan = knee_plan ();
  RamusPlanPanel *panel = show_panel (plan);
  AdwComboRow *access = panel_child (panel, "access_row");
  GtkListBox *compare = panel_child (panel, "compare_list");
  GtkListBox *targets = panel_child (panel, "target_list");
  GtkWidget *target_row, *chosen = NULL;
  g_autoptr(GPtrArray) compare_rows = NULL;

  /* A click on the canvas adds the target; without an access it has no
   * route, and says so. */
  g_assert_true (ramus_plan_panel_toggle_target (panel, vessel (LSGA), NULL));
  settle ();
  g_assert_cmpuint (n_rows (targets), ==, 1);
  target_row = row (targets, 0);
  g_assert_cmpstr (label_text (target_row, "vessel-name"), ==, vessel (LSGA)->names[RAMUS_LANG_EN]);
  g_assert_nonnull (strstr (label_text (target_row, "route"), "access"));

  /* The comparison lists the accesses that reach the target, with a row
   * that opens the ones that cannot. */
  g_assert_cmpuint (n_rows (compare), >=, 3);
  g_assert_cmpstr (gtk_widget_get_name (row (compare, n_rows (compare) - 1)), ==, "show-refused");

  /* Choosing ipsilateral antegrade femoral access gives the route: its
   * estimated length, narrowest calibre and branch points. */
  adw_combo_row_set_selected (access, combo_position (access, "(CFA-A)"));
  settle ();
  g_assert_cmpstr (ramus_plan_get_case (plan)->access, ==, "cfa-antegrade");
  target_row = row (targets, 0);
  g_assert_nonnull (strstr (label_text (target_row, "route"), "cm (estimate)"));
  g_assert_nonnull (strstr (label_text (target_row, "route"), "narrowest"));
  g_assert_nonnull (strstr (label_text (target_row, "route"), "branch point"));
  compare_rows = rows (compare);
  for (guint i = 0; i < compare_rows->len; i++)
    if (gtk_widget_has_css_class (g_ptr_array_index (compare_rows, i), "route-chosen"))
      chosen = g_ptr_array_index (compare_rows, i);
  g_assert_nonnull (chosen);
  g_assert_cmpstr (g_object_get_data (G_OBJECT (chosen), "access-id"), ==, "cfa-antegrade");

  /* A row of the comparison chooses its access in one click. */
  for (guint i = 0; i < compare_rows->len; i++)
    if (g_strcmp0 (g_object_get_data (G_OBJECT (g_ptr_array_index (compare_rows, i)), "access-id"),
                   "cfa-contralateral") == 0)
      g_signal_emit_by_name (compare, "row-activated", g_ptr_array_index (compare_rows, i));
  settle ();
  g_assert_cmpstr (ramus_plan_get_case (plan)->access, ==, "cfa-contralateral");
  g_assert_cmpuint (adw_combo_row_get_selected (access), ==, combo_position (access, "(CFA-C)"));

  /* The refused accesses open with their reasons. */
  g_signal_emit_by_name (compare, "row-activated", row (compare, n_rows (compare) - 1));
  settle ();
  g_assert_nonnull (find_named (GTK_WIDGET (compare), "reason"));
  close_panel (panel);
}

/* The puncture side beside the access: shown for every access, chosen only
 * where the access leaves it open, reached with Tab, named for assistive
 * technologies, and taken back with undo like every other edit. */
static void
test_panel_puncture_side (void)
{
  g_autoptr(RamusPlan) plan = knee_plan ();
  RamusPlanPanel *panel = show_panel (plan);
  AdwComboRow *access = panel_child (panel, "access_row");
  AdwActionRow *puncture = panel_child (panel, "puncture_row");
  GtkWidget *box = panel_child (panel, "puncture_box");
  GtkToggleButton *right = panel_child (panel, "puncture_right_button");
  GtkToggleButton *left = panel_child (panel, "puncture_left_button");
  GtkListBox *compare = panel_child (panel, "compare_list");
  GtkWidget *window = GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (panel)));
  g_autoptr(GPtrArray) compare_rows = NULL;
  GtkWidget *chosen = NULL;
  gboolean reached = FALSE;

  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (right), GTK_ACCESSIBLE_PROPERTY_LABEL, "Puncture on the right");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (left), GTK_ACCESSIBLE_PROPERTY_LABEL, "Puncture on the left");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, "Puncture side");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (puncture)), ==, "Puncture side");

  /* No access: nothing to puncture yet. */
  g_assert_false (gtk_widget_is_sensitive (box));
  g_assert_cmpstr (adw_action_row_get_subtitle (puncture), ==, "Choose an access site first.");

  /* The up-and-over approach has its own side: the right groin for the
   * left knee. */
  adw_combo_row_set_selected (access, combo_position (access, "(CFA-C)"));
  settle ();
  g_assert_false (gtk_widget_is_sensitive (box));
  g_assert_true (gtk_toggle_button_get_active (right));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (puncture), "opposite the target"));

  /* Radial: the left arm, the target's side, until another is chosen. */
  adw_combo_row_set_selected (access, combo_position (access, "(TRA)"));
  settle ();
  g_assert_cmpstr (ramus_plan_get_case (plan)->access, ==, "radial");
  g_assert_true (gtk_widget_is_sensitive (box));
  g_assert_true (gtk_toggle_button_get_active (left));
  g_assert_false (gtk_toggle_button_get_active (right));
  g_assert_cmpstr (adw_action_row_get_subtitle (puncture), ==, "");

  /* Tab from the access reaches the buttons. */
  gtk_widget_grab_focus (GTK_WIDGET (access));
  for (guint i = 0; i < 4 && !reached; i++)
    {
      GtkWidget *focus;

      gtk_widget_child_focus (window, GTK_DIR_TAB_FORWARD);
      focus = gtk_root_get_focus (GTK_ROOT (window));
      reached = focus == GTK_WIDGET (left) || focus == GTK_WIDGET (right);
    }
  g_assert_true (reached);

  /* The right arm: the plan, the route and the comparison follow. */
  ramus_plan_panel_toggle_target (panel, vessel (LSGA), NULL);
  settle ();
  gtk_toggle_button_set_active (right, TRUE);
  settle ();
  g_assert_cmpstr (ramus_plan_get_case (plan)->puncture_side, ==, "right");
  g_assert_cmpint (ramus_plan_get_puncture_side (plan), ==, RAMUS_SIDE_RIGHT);
  g_assert_cmpint (ramus_plan_get_target (plan, 0)->route->puncture_side, ==, RAMUS_SIDE_RIGHT);
  g_assert_cmpstr (ramus_plan_get_undo_label (plan), ==, "Change puncture side");
  compare_rows = rows (compare);
  for (guint i = 0; i < compare_rows->len; i++)
    if (gtk_widget_has_css_class (g_ptr_array_index (compare_rows, i), "route-chosen"))
      chosen = g_ptr_array_index (compare_rows, i);
  /* The chosen access is always in view, on the arm chosen. */
  g_assert_nonnull (chosen);
  g_assert_cmpstr (g_object_get_data (G_OBJECT (chosen), "access-id"), ==, "radial");
  g_assert_cmpint (GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chosen), "puncture-side")), ==, RAMUS_SIDE_RIGHT);

  /* Undo puts the left arm back, on the buttons too; redo the right. */
  gtk_widget_activate_action (GTK_WIDGET (panel), "plan.undo", NULL);
  settle ();
  g_assert_null (ramus_plan_get_case (plan)->puncture_side);
  g_assert_true (gtk_toggle_button_get_active (left));
  gtk_widget_activate_action (GTK_WIDGET (panel), "plan.redo", NULL);
  settle ();
  g_assert_cmpstr (ramus_plan_get_case (plan)->puncture_side, ==, "right");
  g_assert_true (gtk_toggle_button_get_active (right));

  /* A row of the comparison chooses access and arm together. */
  g_clear_pointer (&compare_rows, g_ptr_array_unref);
  g_signal_emit_by_name (compare, "row-activated", row (compare, n_rows (compare) - 1));
  settle ();
  compare_rows = rows (compare);
  for (guint i = 0; i < compare_rows->len; i++)
    {
      GtkWidget *r = g_ptr_array_index (compare_rows, i);
      if (g_strcmp0 (g_object_get_data (G_OBJECT (r), "access-id"), "brachial") == 0 &&
          GPOINTER_TO_INT (g_object_get_data (G_OBJECT (r), "puncture-side")) == RAMUS_SIDE_LEFT)
        {
          g_signal_emit_by_name (compare, "row-activated", r);
          break;
        }
    }
  settle ();
  g_assert_cmpstr (ramus_plan_get_case (plan)->access, ==, "brachial");
  g_assert_cmpint (ramus_plan_get_puncture_side (plan), ==, RAMUS_SIDE_LEFT);
  g_assert_true (gtk_toggle_button_get_active (left));
  gtk_widget_activate_action (GTK_WIDGET (panel), "plan.undo", NULL);
  settle ();
  g_assert_cmpstr (ramus_plan_get_case (plan)->access, ==, "radial");
  g_assert_cmpstr (ramus_plan_get_case (plan)->puncture_side, ==, "right");
  close_panel (panel);
}

static void
count_cb (guint *count)
{
  (*count)++;
}

static void
test_panel_targets_reorder (void)
{
  g_autoptr(RamusPlan) plan = knee_plan ();
  RamusPlanPanel *panel = show_panel (plan);
  GtkListBox *targets = panel_child (panel, "target_list");
  g_autoptr(GPtrArray) route = NULL, numbered = NULL;
  GtkWidget *focus;
  guint overlays = 0;

  g_signal_connect_swapped (panel, "overlay-changed", G_CALLBACK (count_cb), &overlays);
  g_assert_true (ramus_plan_panel_toggle_target (panel, vessel (LSGA), NULL));
  g_assert_true (ramus_plan_panel_toggle_target (panel, vessel (DGA), NULL));
  settle ();
  g_assert_cmpuint (n_rows (targets), ==, 2);
  g_assert_cmpstr (label_text (row (targets, 0), "vessel-name"), ==, vessel (LSGA)->names[RAMUS_LANG_EN]);
  g_assert_cmpstr (label_text (row (targets, 1), "vessel-name"), ==, vessel (DGA)->names[RAMUS_LANG_EN]);

  /* The first moves down; the focus follows it, so the keyboard can go on
   * moving it. */
  click (find_named (row (targets, 0), "move-down"));
  g_assert_cmpstr (target_id (plan, 0), ==, DGA);
  g_assert_cmpstr (target_id (plan, 1), ==, LSGA);
  g_assert_cmpstr (label_text (row (targets, 0), "vessel-name"), ==, vessel (DGA)->names[RAMUS_LANG_EN]);
  focus = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (panel)));
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_ancestor (focus, row (targets, 1)) || focus == row (targets, 1));

  /* And back up again. */
  click (find_named (row (targets, 1), "move-up"));
  g_assert_cmpstr (target_id (plan, 0), ==, LSGA);

  /* The canvas gets the route and the numbered targets. */
  ramus_plan_set_access (plan, "cfa-contralateral", NULL);
  overlays = 0;
  settle ();
  g_assert_cmpuint (overlays, ==, 1);
  ramus_plan_panel_get_overlay (panel, &route, &numbered);
  g_assert_cmpuint (numbered->len, ==, 2);
  g_assert_true (g_ptr_array_index (numbered, 0) == vessel (LSGA));
  g_assert_cmpuint (route->len, >, 2);

  /* A second click on the canvas removes it; the trash button too. */
  g_assert_true (ramus_plan_panel_toggle_target (panel, vessel (LSGA), NULL));
  settle ();
  g_assert_cmpuint (n_rows (targets), ==, 1);
  click (find_named (row (targets, 0), "remove"));
  g_assert_cmpuint (ramus_plan_get_n_targets (plan), ==, 0);
  close_panel (panel);
}

static void
test_panel_embolic_and_volume (void)
{
  g_autoptr(RamusPlan) plan = knee_plan ();
  RamusPlanPanel *panel = show_panel (plan);
  GtkListBox *targets = panel_child (panel, "target_list");
  const char * const *embolics = ramus_case_allowed_values ("targets.embolic");
  const RamusTarget *t;
  GtkWidget *dropdown, *spin;
  guint microspheres = 0;

  g_assert_true (ramus_plan_panel_toggle_target (panel, vessel (LSGA), NULL));
  settle ();
  t = &g_array_index (ramus_plan_get_case (plan)->targets, RamusTarget, 0);
  g_assert_cmpstr (t->embolic, ==, "imipenem-cilastatin");
  g_assert_true (isnan (t->planned_volume_ml));

  for (guint i = 0; embolics[i]; i++)
    if (g_str_equal (embolics[i], "microspheres-75-100"))
      microspheres = i + 1;  /* after "no embolic chosen" */
  dropdown = find_named (row (targets, 0), "embolic");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), microspheres);
  settle ();
  t = &g_array_index (ramus_plan_get_case (plan)->targets, RamusTarget, 0);
  g_assert_cmpstr (t->embolic, ==, "microspheres-75-100");

  spin = find_named (row (targets, 0), "volume");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 2.5);
  settle ();
  t = &g_array_index (ramus_plan_get_case (plan)->targets, RamusTarget, 0);
  g_assert_cmpfloat_with_epsilon (t->planned_volume_ml, 2.5, 1e-9);
  /* The rebuilt row shows what the plan holds. */
  spin = find_named (row (targets, 0), "volume");
  g_assert_cmpfloat_with_epsilon (gtk_spin_button_get_value (GTK_SPIN_BUTTON (spin)), 2.5, 1e-9);
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (find_named (row (targets, 0), "embolic"))), ==,
                    microspheres);
  close_panel (panel);
}

static void
test_panel_height_out_of_range (void)
{
  g_autoptr(RamusPlan) plan = knee_plan ();
  RamusPlanPanel *panel = show_panel (plan);
  GtkWidget *form = ramus_plan_panel_show_case_form (panel, "patient");
  GtkEditable *height = form_child (form, "height_entry");
  GtkWidget *height_row = form_child (form, "height_row");
  const char *message;

  settle ();
  g_assert_true (gtk_widget_get_mapped (form));
  g_assert_true (isnan (ramus_plan_get_case (plan)->patient.height_cm));

  /* 90 cm is out of 100–230 cm: the core's message beside the field, the
   * text kept for correcting, the case untouched. */
  gtk_editable_set_text (height, "90");
  g_signal_emit_by_name (height, "activate");
  settle ();
  message = ramus_case_form_get_message (RAMUS_CASE_FORM (form), "patient.height_cm");
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "out of range"));
  g_assert_nonnull (strstr (message, "100"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (height_row)), "out of range"));
  g_assert_true (gtk_widget_has_css_class (height_row, "field-error"));
  g_assert_cmpstr (gtk_editable_get_text (height), ==, "90");
  g_assert_true (isnan (ramus_plan_get_case (plan)->patient.height_cm));
  g_assert_false (ramus_plan_can_undo (plan));

  /* Not a number at all. */
  gtk_editable_set_text (height, "tall");
  g_signal_emit_by_name (height, "activate");
  settle ();
  g_assert_nonnull (strstr (ramus_case_form_get_message (RAMUS_CASE_FORM (form), "patient.height_cm"), "tall"));
  g_assert_true (isnan (ramus_plan_get_case (plan)->patient.height_cm));

  /* A plausible height (with a decimal comma) is taken and the message goes. */
  gtk_editable_set_text (height, "172,5");
  g_signal_emit_by_name (height, "activate");
  settle ();
  g_assert_null (ramus_case_form_get_message (RAMUS_CASE_FORM (form), "patient.height_cm"));
  g_assert_false (gtk_widget_has_css_class (height_row, "field-error"));
  g_assert_cmpfloat_with_epsilon (ramus_plan_get_case (plan)->patient.height_cm, 172.5, 1e-9);
  g_assert_cmpstr (gtk_editable_get_text (height), ==, "172.5");
  close_panel (panel);
}

static gboolean
warning_shown (RamusPlanPanel *panel,
               const char     *code,
               const char     *css_class)
{
  g_autoptr(GPtrArray) r = rows (panel_child (panel, "warning_list"));

  for (guint i = 0; i < r->len; i++)
    if (g_strcmp0 (gtk_widget_get_name (g_ptr_array_index (r, i)), code) == 0)
      return css_class == NULL || gtk_widget_has_css_class (g_ptr_array_index (r, i), css_class);
  return FALSE;
}

static void
test_panel_carbapenem_allergy (void)
{
  g_autoptr(RamusPlan) plan = knee_plan ();
  RamusPlanPanel *panel = show_panel (plan);
  GtkWidget *form;
  GtkListBox *doses = panel_child (panel, "dose_list");
  GtkWidget *imipenem;

  g_assert_true (ramus_plan_panel_toggle_target (panel, vessel (LSGA), NULL));
  settle ();
  g_assert_false (warning_shown (panel, "allergy-carbapenem", NULL));

  form = ramus_plan_panel_show_case_form (panel, "allergies");
  gtk_check_button_set_active (form_child (form, "carbapenem_check"), TRUE);
  settle ();
  g_assert_true (g_strv_contains ((const char * const *) ramus_plan_get_case (plan)->patient.allergies,
                                  "carbapenem"));
  /* The imipenem target is now a danger, with its source; the dose rule
   * turns to the microspheres. */
  g_assert_true (warning_shown (panel, "allergy-carbapenem", "severity-danger"));
  imipenem = find_named (GTK_WIDGET (doses), "imipenem");
  g_assert_nonnull (imipenem);
  g_assert_nonnull (strstr (label_text (imipenem, "embolic"), "microspheres"));
  g_assert_nonnull (find_named (imipenem, "formula"));
  g_assert_nonnull (find_named (imipenem, "sources"));

  /* A new target gets the microspheres by default. */
  g_assert_true (ramus_plan_panel_toggle_target (panel, vessel (DGA), NULL));
  settle ();
  g_assert_cmpstr (g_array_index (ramus_plan_get_case (plan)->targets, RamusTarget, 1).embolic, ==,
                   "microspheres-75-100");
  close_panel (panel);
}

/* Each edit made through the panel and the form, then undone one by one
 * with the panel's action and redone again: every state comes back. */
static void
test_panel_undo_redo (void)
{
  g_autoptr(RamusPlan) plan = knee_plan ();
  RamusPlanPanel *panel = show_panel (plan);
  g_autoptr(GPtrArray) states = g_ptr_array_new_with_free_func (g_free);
  GtkListBox *targets = panel_child (panel, "target_list");
  AdwComboRow *access = panel_child (panel, "access_row");
  GtkWidget *form;

#define SNAPSHOT() g_ptr_array_add (states, ramus_case_to_json (ramus_plan_get_case (plan), FALSE))

  SNAPSHOT ();
  gtk_toggle_button_set_active (panel_child (panel, "right_button"), TRUE);
  settle ();
  g_assert_cmpint (ramus_plan_get_case (plan)->side, ==, RAMUS_SIDE_RIGHT);
  SNAPSHOT ();
  adw_combo_row_set_selected (access, combo_position (access, "(CFA-C)"));
  settle ();
  SNAPSHOT ();
  ramus_plan_panel_toggle_target (panel, vessel (LSGA), NULL);
  settle ();
  SNAPSHOT ();
  ramus_plan_panel_toggle_target (panel, vessel (DGA), NULL);
  settle ();
  SNAPSHOT ();
  click (find_named (row (targets, 0), "move-down"));
  SNAPSHOT ();
  gtk_drop_down_set_selected (GTK_DROP_DOWN (find_named (row (targets, 0), "embolic")), 0);
  settle ();
  SNAPSHOT ();
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (find_named (row (targets, 1), "volume")), 3);
  settle ();
  SNAPSHOT ();
  ramus_plan_panel_add_pain_point (panel, 55, 130, 0, NULL);
  settle ();
  g_assert_cmpfloat (g_array_index (ramus_plan_get_case (plan)->pain_points, RamusPainPoint, 0).radius_mm, ==,
                     RAMUS_PLAN_PANEL_PAIN_RADIUS_MM);
  SNAPSHOT ();
  form = ramus_plan_panel_show_case_form (panel, NULL);
  gtk_editable_set_text (form_child (form, "weight_entry"), "71");
  g_signal_emit_by_name (form_child (form, "weight_entry"), "activate");
  settle ();
  SNAPSHOT ();
  gtk_check_button_set_active (form_child (form, "contrast_check"), TRUE);
  settle ();
  SNAPSHOT ();
  gtk_window_destroy (GTK_WINDOW (gtk_widget_get_root (form)));
  settle ();

  for (guint i = 1; i < states->len; i++)
    g_assert_cmpstr (g_ptr_array_index (states, i), !=, g_ptr_array_index (states, i - 1));

  /* Back through every state… */
  for (guint i = states->len - 1; i > 0; i--)
    {
      g_autofree char *now = NULL;

      g_assert_true (ramus_plan_can_undo (plan));
      gtk_widget_activate_action (GTK_WIDGET (panel), "plan.undo", NULL);
      settle ();
      now = ramus_case_to_json (ramus_plan_get_case (plan), FALSE);
      g_assert_cmpstr (now, ==, g_ptr_array_index (states, i - 1));
    }
  g_assert_false (ramus_plan_can_undo (plan));
  g_assert_cmpuint (ramus_plan_get_n_targets (plan), ==, 0);
  g_assert_cmpuint (n_rows (targets), ==, 0);

  /* …and forward again. */
  for (guint i = 1; i < states->len; i++)
    {
      g_autofree char *now = NULL;

      g_assert_true (ramus_plan_can_redo (plan));
      gtk_widget_activate_action (GTK_WIDGET (panel), "plan.redo", NULL);
      settle ();
      now = ramus_case_to_json (ramus_plan_get_case (plan), FALSE);
      g_assert_cmpstr (now, ==, g_ptr_array_index (states, i));
    }
  g_assert_false (ramus_plan_can_redo (plan));
  g_assert_cmpuint (n_rows (targets), ==, 2);
  g_assert_cmpstr (label_text (row (targets, 0), "vessel-name"), ==, vessel (DGA)->names[RAMUS_LANG_EN]);
#undef SNAPSHOT
  close_panel (panel);
}

static void
record_vessel_cb (RamusPlanPanel     *panel,
                  const RamusVessel  *v,
                  const RamusVessel **out)
{
  *out = v;
}

static void
test_panel_candidate_one_click (void)
{
  g_autoptr(RamusPlan) plan = knee_plan ();
  RamusPlanPanel *panel = show_panel (plan);
  GtkListBox *candidates = panel_child (panel, "candidate_list");
  GtkWidget *first;
  const RamusVessel *activated = NULL;

  g_assert_cmpuint (n_rows (candidates), ==, 0);
  /* Pain over the lateral femoral condyle, marked on the canvas. */
  g_assert_true (ramus_plan_panel_add_pain_point (panel, 55, 130, 4, NULL));
  settle ();
  g_assert_cmpuint (n_rows (candidates), >=, 1);
  first = row (candidates, 0);
  g_assert_cmpstr (label_text (first, "vessel-name"), ==, vessel (LSGA)->names[RAMUS_LANG_EN]);
  g_assert_cmpstr (label_text (first, "reason"), !=, "");

  /* Activating the row asks the canvas to centre the vessel. */
  g_signal_connect (panel, "vessel-activated", G_CALLBACK (record_vessel_cb), &activated);
  g_signal_emit_by_name (candidates, "row-activated", first);
  g_assert_true (activated == vessel (LSGA));

  /* One click adds it. */
  click (find_named (first, "add"));
  g_assert_cmpuint (ramus_plan_get_n_targets (plan), ==, 1);
  g_assert_cmpstr (target_id (plan, 0), ==, LSGA);
  g_assert_nonnull (find_named (row (candidates, 0), "already"));
  g_assert_null (find_named (row (candidates, 0), "add"));
  close_panel (panel);
}

static void
test_panel_vessel_activated (void)
{
  g_autoptr(RamusPlan) plan = knee_plan ();
  RamusPlanPanel *panel = show_panel (plan);
  GtkListBox *targets = panel_child (panel, "target_list");
  const RamusVessel *activated = NULL;

  g_signal_connect (panel, "vessel-activated", G_CALLBACK (record_vessel_cb), &activated);
  ramus_plan_panel_toggle_target (panel, vessel (DGA), NULL);
  settle ();
  g_signal_emit_by_name (targets, "row-activated", row (targets, 0));
  g_assert_true (activated == vessel (DGA));
  close_panel (panel);
}

static void
test_panel_liver_tumours (void)
{
  g_autoptr(RamusCase) c = ramus_case_new_from_template ("ctace");
  g_autoptr(RamusPlan) plan = NULL;
  RamusPlanPanel *panel;
  GtkWidget *form;
  GtkEditable *diameter;

  ramus_case_set_string (&c->pseudonym, "HCC-TEST");
  plan = ramus_plan_new (get_atlas (), c);
  panel = show_panel (plan);
  form = ramus_plan_panel_show_case_form (panel, "liver");
  settle ();
  g_assert_true (gtk_widget_get_visible (form_child (form, "liver_group")));
  g_assert_true (gtk_widget_get_visible (form_child (form, "bclc_row")));
  g_assert_false (gtk_widget_get_visible (form_child (form, "kellgren_lawrence_row")));
  g_assert_true (gtk_widget_get_visible (form_child (form, "afp_row")));
  g_assert_false (gtk_widget_get_visible (form_child (form, "womac_row")));

  /* 300 mm is refused beside the field and adds nothing. */
  diameter = form_child (form, "diameter_entry");
  gtk_drop_down_set_selected (form_child (form, "segment_dropdown"), 6);  /* VII */
  gtk_editable_set_text (diameter, "300");
  g_signal_emit_by_name (diameter, "activate");
  settle ();
  g_assert_nonnull (ramus_case_form_get_message (RAMUS_CASE_FORM (form), "liver.tumours"));
  g_assert_cmpuint (ramus_plan_get_case (plan)->liver.tumours->len, ==, 0);

  gtk_editable_set_text (diameter, "35");
  g_signal_emit_by_name (diameter, "activate");
  settle ();
  g_assert_null (ramus_case_form_get_message (RAMUS_CASE_FORM (form), "liver.tumours"));
  g_assert_cmpuint (ramus_plan_get_case (plan)->liver.tumours->len, ==, 1);
  g_assert_cmpstr (g_array_index (ramus_plan_get_case (plan)->liver.tumours, RamusTumour, 0).segment, ==, "VII");
  g_assert_cmpuint (n_rows (form_child (form, "tumour_list")), ==, 1);
  /* The panel ranks the feeders of segment VII and shows the TACE plan. */
  g_assert_cmpuint (n_rows (panel_child (panel, "candidate_list")), >=, 1);
  g_assert_nonnull (find_named (GTK_WIDGET (panel_child (panel, "dose_list")), "tace"));
  /* As the plan made it: the first of its stages. */
  g_assert_true (g_str_has_prefix (label_text (find_named (GTK_WIDGET (panel_child (panel, "dose_list")), "tace"),
                                               "stage"),
                                   "1 · Ultra-peripheral"));

  /* The region's stage: BCLC from its list. */
  adw_combo_row_set_selected (form_child (form, "bclc_row"), 3);  /* not recorded, 0, A, B */
  settle ();
  g_assert_cmpstr (ramus_plan_get_case (plan)->indication.bclc, ==, "B");
  close_panel (panel);
}

/* Spine and pelvis: the level and lesion fields, and the level's
 * segmental arteries with the artery of Adamkiewicz warning. */
static void
test_panel_spine_level (void)
{
  g_autoptr(RamusCase) c = ramus_case_new_from_template ("tae-cementoplasty");
  g_autoptr(RamusPlan) plan = NULL;
  const char * const *levels = ramus_case_allowed_values ("indication.level");
  RamusPlanPanel *panel;
  GtkWidget *form;
  guint t10 = 0;

  ramus_case_set_string (&c->pseudonym, "SP-TEST");
  plan = ramus_plan_new (get_atlas (), c);
  panel = show_panel (plan);
  form = ramus_plan_panel_show_case_form (panel, NULL);
  settle ();
  g_assert_true (gtk_widget_get_visible (form_child (form, "level_row")));
  g_assert_true (gtk_widget_get_visible (form_child (form, "lesion_row")));
  g_assert_true (gtk_widget_get_visible (form_child (form, "primary_row")));
  g_assert_false (gtk_widget_get_visible (form_child (form, "liver_group")));
  /* Required by the indication and not yet given: said beside the field. */
  g_assert_nonnull (ramus_case_form_get_message (RAMUS_CASE_FORM (form), "indication.level"));

  for (guint i = 0; levels[i]; i++)
    if (g_str_equal (levels[i], "T10"))
      t10 = i + 1;  /* after "not recorded" */
  adw_combo_row_set_selected (form_child (form, "level_row"), t10);
  settle ();
  g_assert_cmpstr (ramus_plan_get_case (plan)->indication.level, ==, "T10");
  g_assert_null (ramus_case_form_get_message (RAMUS_CASE_FORM (form), "indication.level"));
  g_assert_true (warning_shown (panel, "adamkiewicz", NULL));
  g_assert_cmpuint (n_rows (panel_child (panel, "candidate_list")), >=, 1);

  gtk_editable_set_text (form_child (form, "primary_entry"), "renal cell carcinoma");
  g_signal_emit_by_name (form_child (form, "primary_entry"), "activate");
  settle ();
  g_assert_cmpstr (ramus_plan_get_case (plan)->indication.primary, ==, "renal cell carcinoma");
  close_panel (panel);
}

static const char *
xdotool (void)
{
  const char *path = g_getenv ("RAMUS_XDOTOOL");

  return path != NULL && *path != '\0' && GDK_IS_X11_DISPLAY (gdk_display_get_default ()) ? path : NULL;
}

static void
press_keys (GtkWidget  *focus,
            const char *keys)
{
  GtkNative *native = gtk_widget_get_native (focus);
  g_autofree char *xid = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (gtk_native_get_surface (native)));
  const char *argv[][5] = {
    { xdotool (), "windowfocus", "--sync", xid, NULL },
    { xdotool (), "key", "--clearmodifiers", keys, NULL },
  };

  g_assert_true (gtk_widget_grab_focus (focus));
  settle ();
  for (guint i = 0; i < G_N_ELEMENTS (argv); i++)
    {
      g_autoptr(GError) error = NULL;
      int status = 0;

      g_spawn_sync (NULL, (char **) argv[i], NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status, &error);
      g_assert_no_error (error);
      g_assert_true (g_spawn_check_wait_status (status, NULL));
    }
  settle ();
}

/* Ctrl+Z and Ctrl+Shift+Z reach the plan with the focus anywhere in the
 * window (here a button standing for the canvas), as real key presses. */
static void
test_panel_keyboard_undo (void)
{
  g_autoptr(RamusPlan) plan = knee_plan ();
  GtkWidget *window, *box, *canvas, *panel;

  if (xdotool () == NULL)
    {
      g_test_skip ("needs xdotool and an X11 display for real key presses");
      return;
    }
  window = adw_window_new ();
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  canvas = gtk_button_new_with_label ("canvas");
  panel = ramus_plan_panel_new (plan);
  gtk_widget_set_hexpand (canvas, TRUE);
  gtk_box_append (GTK_BOX (box), canvas);
  gtk_box_append (GTK_BOX (box), panel);
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 700);
  adw_window_set_content (ADW_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
  settle ();

  ramus_plan_panel_toggle_target (RAMUS_PLAN_PANEL (panel), vessel (LSGA), NULL);
  settle ();
  g_assert_cmpuint (ramus_plan_get_n_targets (plan), ==, 1);
  press_keys (canvas, "ctrl+z");
  g_assert_cmpuint (ramus_plan_get_n_targets (plan), ==, 0);
  press_keys (canvas, "ctrl+shift+z");
  g_assert_cmpuint (ramus_plan_get_n_targets (plan), ==, 1);
  /* With the focus in the panel too, once a press. */
  ramus_plan_panel_toggle_target (RAMUS_PLAN_PANEL (panel), vessel (DGA), NULL);
  settle ();
  g_assert_cmpuint (ramus_plan_get_n_targets (plan), ==, 2);
  press_keys (find_named (row (panel_child (RAMUS_PLAN_PANEL (panel), "target_list"), 0), "remove"), "ctrl+z");
  g_assert_cmpuint (ramus_plan_get_n_targets (plan), ==, 1);

  /* Alt+Down on a target row moves it, and the focus goes with it. */
  ramus_plan_panel_toggle_target (RAMUS_PLAN_PANEL (panel), vessel (DGA), NULL);
  settle ();
  press_keys (row (panel_child (RAMUS_PLAN_PANEL (panel), "target_list"), 0), "alt+Down");
  g_assert_cmpstr (target_id (plan, 0), ==, DGA);
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) ==
                 row (panel_child (RAMUS_PLAN_PANEL (panel), "target_list"), 1));
  press_keys (gtk_root_get_focus (GTK_ROOT (window)), "alt+Up");
  g_assert_cmpstr (target_id (plan, 0), ==, LSGA);
  gtk_window_destroy (GTK_WINDOW (window));
  settle ();
}

/* The case form takes its edits back too: by its actions, and with a real
 * Ctrl+Z / Ctrl+Shift+Z when the focus is on one of its buttons. */
static gboolean
case_is (RamusPlan  *plan,
         const char *json)
{
  g_autofree char *now = ramus_case_to_json (ramus_plan_get_case (plan), FALSE);
  return g_strcmp0 (now, json) == 0;
}

static void
test_form_undo_redo (void)
{
  g_autoptr(RamusPlan) plan = knee_plan ();
  GtkWidget *window = adw_window_new ();
  GtkWidget *form = ramus_case_form_new (plan);
  g_autofree char *before = NULL, *after = NULL;

  gtk_window_set_default_size (GTK_WINDOW (window), 600, 700);
  adw_window_set_content (ADW_WINDOW (window), form);
  gtk_window_present (GTK_WINDOW (window));
  settle ();

  before = ramus_case_to_json (ramus_plan_get_case (plan), FALSE);
  gtk_check_button_set_active (form_child (form, "contrast_check"), TRUE);
  settle ();
  after = ramus_case_to_json (ramus_plan_get_case (plan), FALSE);
  g_assert_cmpstr (before, !=, after);

  g_assert_true (gtk_widget_activate_action (form, "plan.undo", NULL));
  settle ();
  g_assert_true (case_is (plan, before));
  g_assert_true (gtk_widget_activate_action (form, "plan.redo", NULL));
  settle ();
  g_assert_true (case_is (plan, after));

  if (xdotool () != NULL)
    {
      press_keys (form_child (form, "right_button"), "ctrl+z");
      g_assert_true (case_is (plan, before));
      press_keys (form_child (form, "right_button"), "ctrl+shift+z");
      g_assert_true (case_is (plan, after));
      /* Nothing left to redo: a press changes nothing. */
      press_keys (form_child (form, "right_button"), "ctrl+shift+z");
      g_assert_true (case_is (plan, after));
    }
  g_assert_false (ramus_plan_can_redo (plan));

  /* A form without a plan: undo does nothing, and nothing breaks. */
  ramus_case_form_set_plan (RAMUS_CASE_FORM (form), NULL);
  settle ();
  gtk_widget_activate_action (form, "plan.undo", NULL);
  g_assert_true (case_is (plan, after));
  gtk_window_destroy (GTK_WINDOW (window));
  settle ();
}

int
main (int   argc,
      char *argv[])
{
  /* GTK's test accessibility backend keeps what the widgets tell assistive
   * technologies, with no bus, so the accessible names can be checked. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  g_test_init (&argc, &argv, NULL);
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-cursor-blink", FALSE, NULL);

  g_test_add_func ("/app/plan-panel/access-shows-route", test_panel_access_shows_route);
  g_test_add_func ("/app/plan-panel/puncture-side", test_panel_puncture_side);
  g_test_add_func ("/app/plan-panel/targets-reorder", test_panel_targets_reorder);
  g_test_add_func ("/app/plan-panel/embolic-and-volume", test_panel_embolic_and_volume);
  g_test_add_func ("/app/plan-panel/height-out-of-range", test_panel_height_out_of_range);
  g_test_add_func ("/app/plan-panel/carbapenem-allergy", test_panel_carbapenem_allergy);
  g_test_add_func ("/app/plan-panel/undo-redo", test_panel_undo_redo);
  g_test_add_func ("/app/plan-panel/candidate-one-click", test_panel_candidate_one_click);
  g_test_add_func ("/app/plan-panel/vessel-activated", test_panel_vessel_activated);
  g_test_add_func ("/app/plan-panel/liver-tumours", test_panel_liver_tumours);
  g_test_add_func ("/app/plan-panel/spine-level", test_panel_spine_level);
  g_test_add_func ("/app/plan-panel/keyboard-undo", test_panel_keyboard_undo);
  g_test_add_func ("/app/case-form/undo-redo", test_form_undo_redo);

  return g_test_run ();
}
