/* ramus-plan-panel.c — the plan beside the canvas
 *
 * The panel shows a RamusPlan and edits it only through the plan's own
 * undoable edit functions: every change, from the side to a target's
 * volume, is one command that Ctrl+Z takes back. What the plan derives
 * (routes, the comparison of accesses, candidate feeders, devices, doses,
 * warnings) is read back after each RamusPlan::changed and the lists are
 * rebuilt in one idle, so a widget is never torn down inside its own signal
 * and several changes in a row rebuild once. Focus stays on the same control
 * of the same target across a rebuild (and follows a target that moves), so
 * the panel can be worked with the keyboard alone.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ramus-plan-panel"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "ramus-case-form.h"
#include "ramus-plan-format.h"
#include "ramus-plan-history.h"
#include "ramus-plan-panel.h"

#define N_DEVICE_TYPES 4

struct _RamusPlanPanel
{
  GtkWidget parent_instance;

  RamusPlan *plan;
  RamusNameStyle style;
  gboolean pain_mode;
  double pain_radius;
  guint compare_target;            /* the target whose routes are compared */
  gboolean show_refused;           /* the comparison lists infeasible accesses too */
  gboolean syncing;                /* widgets being set from the plan */
  guint rebuild_id;
  gint follow_target;              /* where focus goes after a move, or -1 */
  GtkWindow *form_window;          /* weak */
  GPtrArray *access_ids;           /* access combo position → id (NULL: none) */
  GPtrArray *device_ids[N_DEVICE_TYPES];

  AdwToastOverlay *toast_overlay;
  GtkScrolledWindow *scroller;
  GtkWidget *undo_button;
  GtkWidget *redo_button;
  AdwActionRow *case_row;
  GtkToggleButton *right_button;
  GtkToggleButton *left_button;
  AdwComboRow *access_row;
  AdwActionRow *puncture_row;
  GtkWidget *puncture_box;
  GtkToggleButton *puncture_right_button;
  GtkToggleButton *puncture_left_button;
  GtkLabel *compare_label;
  GtkListBox *compare_list;
  GtkWidget *compare_note_label;
  GtkListBox *target_list;
  GtkToggleButton *pain_button;
  GtkListBox *pain_list;
  AdwActionRow *pain_radius_row;
  GtkSpinButton *pain_radius_spin;
  GtkListBox *candidate_list;
  GtkLabel *candidate_placeholder;
  AdwComboRow *sheath_row;
  AdwComboRow *catheter_row;
  AdwComboRow *microcatheter_row;
  AdwComboRow *guidewire_row;
  GtkListBox *device_list;
  GtkListBox *dose_list;
  GtkListBox *warning_list;
};

G_DEFINE_FINAL_TYPE (RamusPlanPanel, ramus_plan_panel, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_PLAN,
  PROP_PAIN_MODE,
  PROP_PAIN_RADIUS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  VESSEL_ACTIVATED,
  OVERLAY_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* --- helpers -------------------------------------------------------------- */

static RamusAtlas *
atlas (RamusPlanPanel *self)
{
  return self->plan ? ramus_plan_get_atlas (self->plan) : NULL;
}

static RamusNameStyle
ui_style (void)
{
  RamusNameStyle style = { ramus_name_style_ui_lang (), FALSE };
  return style;
}

/* Every row; the placeholder is a child of the list too, but not a row. */
static void
remove_all (GtkListBox *list)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (list)); child != NULL;)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (child);
      if (GTK_IS_LIST_BOX_ROW (child))
        gtk_list_box_remove (list, child);
      child = next;
    }
}

static GtkWidget *
label_new (const char *text,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (css_class)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static GtkWidget *
markup_label_new (const char *markup,
                  const char *css_class)
{
  GtkWidget *label = label_new (NULL, css_class);

  gtk_label_set_markup (GTK_LABEL (label), markup);
  return label;
}

static GtkWidget *
icon_button_new (const char *icon,
                 const char *tooltip,
                 const char *name)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_name (button, name);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "circular");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  return button;
}

static const char *
vessel_name (RamusPlanPanel    *self,
             const RamusVessel *vessel)
{
  return ramus_name_style_primary (self->style, vessel);
}

static const char *
access_name (const RamusAccessSite *access)
{
  return ramus_name_style_pick (ui_style (), access->names);
}

static void
toast (RamusPlanPanel *self,
       const char     *message)
{
  AdwToast *t = adw_toast_new (message);

  adw_toast_set_timeout (t, 6);
  adw_toast_overlay_add_toast (self->toast_overlay, t);
}

/* An edit the plan refused: its message, briefly. */
static gboolean
report (RamusPlanPanel *self,
        gboolean        ok,
        GError         *error)
{
  if (!ok && error != NULL)
    toast (self, error->message);
  return ok;
}

static gint
target_index_of (RamusPlanPanel *self,
                 const char     *vessel_id)
{
  const RamusCase *c = ramus_plan_get_case (self->plan);

  for (guint i = 0; vessel_id && i < c->targets->len; i++)
    if (g_strcmp0 (g_array_index (c->targets, RamusTarget, i).vessel, vessel_id) == 0)
      return i;
  return -1;
}

/* --- focus across rebuilds ------------------------------------------------ */

typedef struct
{
  GtkListBox *list;
  gint row;
  const char *name;                /* static: a control's widget name */
} FocusSpot;

static const char * const control_names[] = {
  "move-up", "move-down", "remove", "embolic", "volume", "add", NULL
};

static void
focus_spot_save (RamusPlanPanel *self,
                 FocusSpot      *spot)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;
  GtkListBox *lists[] = { self->target_list, self->candidate_list, self->pain_list };

  spot->list = NULL;
  spot->row = -1;
  spot->name = NULL;
  for (GtkWidget *w = focus; w != NULL; w = gtk_widget_get_parent (w))
    {
      if (spot->name == NULL)
        for (guint i = 0; control_names[i]; i++)
          if (g_strcmp0 (gtk_widget_get_name (w), control_names[i]) == 0)
            spot->name = control_names[i];
      if (GTK_IS_LIST_BOX_ROW (w))
        {
          GtkWidget *parent = gtk_widget_get_parent (w);
          for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
            if (parent == GTK_WIDGET (lists[i]))
              {
                spot->list = lists[i];
                spot->row = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (w));
              }
          return;
        }
    }
}

static GtkWidget *
find_named (GtkWidget  *widget,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);
      if (found)
        return found;
    }
  return NULL;
}

static void
focus_spot_restore (RamusPlanPanel  *self,
                    const FocusSpot *spot)
{
  GtkListBoxRow *row;
  GtkWidget *control;
  gint index = spot->row;

  if (spot->list == NULL)
    return;
  if (spot->list == self->target_list && self->follow_target >= 0)
    index = self->follow_target;
  row = gtk_list_box_get_row_at_index (spot->list, index);
  /* A removed last row: the one before it. */
  if (row == NULL && index > 0)
    row = gtk_list_box_get_row_at_index (spot->list, index - 1);
  if (row == NULL)
    {
      gtk_widget_grab_focus (GTK_WIDGET (spot->list));
      return;
    }
  control = spot->name ? find_named (GTK_WIDGET (row), spot->name) : NULL;
  if (control && gtk_widget_is_sensitive (control) && gtk_widget_get_visible (control))
    gtk_widget_grab_focus (control);
  else
    gtk_widget_grab_focus (GTK_WIDGET (row));
}

/* --- case and side -------------------------------------------------------- */

static char *
case_summary (RamusPlanPanel *self)
{
  const RamusCase *c = ramus_plan_get_case (self->plan);
  const RamusRegion *region = c->region ? ramus_atlas_lookup_region (atlas (self), c->region) : NULL;
  const RamusIndication *ind = c->indication.id ? ramus_indication_lookup (c->indication.id) : NULL;
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) patient = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) first = g_string_new (NULL);

  if (region)
    g_string_append (first, ramus_name_style_pick (ui_style (), region->names));
  if (ind)
    g_string_append_printf (first, "%s%s", first->len ? " · " : "", ramus_indication_get_name (ind));
  else
    g_string_append_printf (first, "%s%s", first->len ? " · " : "", _("no indication chosen"));
  if (c->indication.kellgren_lawrence != RAMUS_CASE_UNSET)
    g_string_append_printf (first, _(", Kellgren–Lawrence %d"), c->indication.kellgren_lawrence);
  if (c->indication.eaton_littler != RAMUS_CASE_UNSET)
    g_string_append_printf (first, _(", Eaton–Littler %d"), c->indication.eaton_littler);
  if (c->indication.bclc)
    g_string_append_printf (first, _(", BCLC %s"), c->indication.bclc);
  if (c->indication.child_pugh)
    g_string_append_printf (first, _(", Child–Pugh %s"), c->indication.child_pugh);
  if (c->indication.level)
    g_string_append_printf (first, ", %s", c->indication.level);
  g_ptr_array_add (lines, g_string_free (g_steal_pointer (&first), FALSE));

  if (c->patient.age_years != RAMUS_CASE_UNSET)
    g_ptr_array_add (patient, g_strdup_printf (_("%d years"), c->patient.age_years));
  if (!isnan (c->patient.height_cm))
    {
      g_autofree char *n = ramus_format_number (c->patient.height_cm, 1);
      g_ptr_array_add (patient, g_strdup_printf (_("%s cm"), n));
    }
  if (!isnan (c->patient.weight_kg))
    {
      g_autofree char *n = ramus_format_number (c->patient.weight_kg, 1);
      g_ptr_array_add (patient, g_strdup_printf (_("%s kg"), n));
    }
  if (!isnan (c->patient.egfr_ml_min))
    {
      g_autofree char *n = ramus_format_number (c->patient.egfr_ml_min, 0);
      /* Translators: the estimated glomerular filtration rate, in mL/min/1.73 m² */
      g_ptr_array_add (patient, g_strdup_printf (_("eGFR %s"), n));
    }
  if (patient->len == 0)
    g_ptr_array_add (patient, g_strdup (_("No height, weight or eGFR recorded")));
  g_ptr_array_add (patient, NULL);
  g_ptr_array_add (lines, g_strjoinv (" · ", (char **) patient->pdata));

  if (c->patient.allergies && c->patient.allergies[0])
    {
      g_autoptr(GString) s = g_string_new (NULL);
      for (guint i = 0; c->patient.allergies[i]; i++)
        g_string_append_printf (s, "%s%s", i ? ", " : "", ramus_allergy_label (c->patient.allergies[i]));
      g_ptr_array_add (lines, g_strdup_printf (_("Allergy: %s"), s->str));
    }
  g_ptr_array_add (lines, NULL);
  return g_strjoinv ("\n", (char **) lines->pdata);
}

static void
sync_case (RamusPlanPanel *self)
{
  const RamusCase *c = ramus_plan_get_case (self->plan);
  GPtrArray *problems = ramus_plan_get_problems (self->plan);
  g_autofree char *summary = case_summary (self);
  g_autofree char *escaped = g_markup_escape_text (summary, -1);
  g_autofree char *title = NULL;

  title = g_markup_escape_text (c->pseudonym && *c->pseudonym ? c->pseudonym : _("Unnamed case"), -1);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->case_row), title);
  if (problems->len > 0)
    {
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u field to complete or correct",
                                                            "%u fields to complete or correct", problems->len),
                                               problems->len);
      g_autofree char *with = g_strdup_printf ("%s\n<span weight=\"bold\">%s</span>", escaped, more);
      adw_action_row_set_subtitle (self->case_row, with);
      adw_action_row_set_subtitle_lines (self->case_row, 4);
    }
  else
    {
      adw_action_row_set_subtitle (self->case_row, escaped);
      adw_action_row_set_subtitle_lines (self->case_row, 3);
    }

  self->syncing = TRUE;
  gtk_toggle_button_set_active (c->side == RAMUS_SIDE_LEFT ? self->left_button : self->right_button, TRUE);
  self->syncing = FALSE;
}

static void
side_toggled_cb (RamusPlanPanel  *self,
                 GtkToggleButton *button)
{
  g_autoptr(GError) error = NULL;
  RamusSide side;

  if (self->syncing || self->plan == NULL || !gtk_toggle_button_get_active (button))
    return;
  side = button == self->left_button ? RAMUS_SIDE_LEFT : RAMUS_SIDE_RIGHT;
  report (self, ramus_plan_set_side (self->plan, side, &error), error);
}

/* --- access and the route comparison -------------------------------------- */

static void
setup_access_model (RamusPlanPanel *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  g_clear_pointer (&self->access_ids, g_ptr_array_unref);
  self->access_ids = g_ptr_array_new ();
  gtk_string_list_append (names, _("Not chosen"));
  g_ptr_array_add (self->access_ids, NULL);
  for (guint i = 0; atlas (self) && i < ramus_atlas_get_n_access_sites (atlas (self)); i++)
    {
      const RamusAccessSite *a = ramus_atlas_get_access_site (atlas (self), i);
      g_autofree char *name = g_strdup_printf ("%s (%s)", access_name (a), a->abbr);
      gtk_string_list_append (names, name);
      g_ptr_array_add (self->access_ids, a->id);
    }
  self->syncing = TRUE;
  adw_combo_row_set_model (self->access_row, G_LIST_MODEL (names));
  self->syncing = FALSE;
}

static void
access_selected_cb (RamusPlanPanel *self)
{
  g_autoptr(GError) error = NULL;
  guint pos;

  if (self->syncing || self->plan == NULL)
    return;
  pos = adw_combo_row_get_selected (self->access_row);
  if (pos >= self->access_ids->len)
    return;
  report (self, ramus_plan_set_access (self->plan, g_ptr_array_index (self->access_ids, pos), &error), error);
}

/* The side is the operator's to choose for an access to a paired vessel;
 * the contralateral approach has its own (the other groin), and without an
 * access there is nothing to puncture yet. The buttons show the side the
 * route is planned from either way. */
static void
sync_access (RamusPlanPanel *self)
{
  const RamusCase *c = ramus_plan_get_case (self->plan);
  const RamusAccessSite *access = c->access ? ramus_atlas_lookup_access_site (atlas (self), c->access) : NULL;
  RamusSide puncture = ramus_plan_get_puncture_side (self->plan);
  gboolean choosable = access && ramus_route_puncture_side_is_free (atlas (self), access);
  const char *why = NULL;
  guint pos = 0;

  for (guint i = 1; i < self->access_ids->len; i++)
    if (g_strcmp0 (c->access, g_ptr_array_index (self->access_ids, i)) == 0)
      pos = i;
  if (access == NULL)
    why = _("Choose an access site first.");
  else if (!choosable && g_str_equal (access->direction, "contralateral"))
    why = _("The contralateral approach punctures the groin opposite the target.");
  else if (!choosable)
    why = _("This access can be punctured on one side only.");

  self->syncing = TRUE;
  adw_combo_row_set_selected (self->access_row, pos);
  gtk_toggle_button_set_active (puncture == RAMUS_SIDE_LEFT ? self->puncture_left_button
                                                            : self->puncture_right_button, TRUE);
  gtk_widget_set_sensitive (self->puncture_box, choosable);
  adw_action_row_set_subtitle (self->puncture_row, why ? why : "");
  self->syncing = FALSE;
}

static void
puncture_toggled_cb (RamusPlanPanel  *self,
                     GtkToggleButton *button)
{
  g_autoptr(GError) error = NULL;
  RamusSide side;

  if (self->syncing || self->plan == NULL || !gtk_toggle_button_get_active (button))
    return;
  side = button == self->puncture_left_button ? RAMUS_SIDE_LEFT : RAMUS_SIDE_RIGHT;
  if (!report (self, ramus_plan_set_puncture_side (self->plan, side, &error), error))
    sync_access (self);
}

static char *
length_text (const RamusRoute *route)
{
  g_autofree char *n = ramus_format_number (route->length_cm, 0);

  /* Translators: an estimated length; "≈" about, "≥" at least */
  return g_strdup_printf (route->length_complete ? _("≈ %s cm") : _("≥ %s cm"), n);
}

/* The numbers of a comparison row, as shown: length, narrowest calibre,
 * branch points; dashes when there is no route (its reason is beneath). */
static void
compare_cells (const RamusRouteOption *option,
               char                   *cells[3])
{
  const RamusRoute *r = option->route;

  if (r == NULL)
    {
      for (guint i = 0; i < 3; i++)
        cells[i] = g_strdup ("—");
      return;
    }
  cells[0] = r->antegrade_injection ? g_strdup ("—") : length_text (r);
  if (r->min_diameter_mm > 0)
    {
      g_autofree char *narrow = ramus_format_number (r->min_diameter_mm, 1);
      cells[1] = g_strdup_printf (_("%s mm"), narrow);
    }
  else
    cells[1] = g_strdup ("—");
  cells[2] = g_strdup_printf ("%u", r->branch_points);
}

static int
text_width (GtkWidget  *widget,
            const char *text)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, text);
  int width;

  pango_layout_get_pixel_size (layout, &width, NULL);
  return width;
}

/* A cell of a fixed width, the same in every row: the columns line up
 * without a size group, which does not hold with the access wrapping. */
static GtkWidget *
compare_cell (int         width,
              const char *text,
              gboolean    numeric)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), numeric ? 1 : 0);
  if (numeric)
    gtk_widget_add_css_class (label, "numeric");
  gtk_widget_set_size_request (label, width, -1);
  return label;
}

static GtkWidget *
compare_row_new (RamusPlanPanel         *self,
                 const RamusRouteOption *option,
                 const int              *widths,
                 gboolean                chosen)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *status, *name;
  const RamusRoute *r = option->route;
  g_autofree char *access_text = NULL, *tooltip = NULL;
  char *cells[3];
  const char *why = r ? (r->feasible ? NULL : r->reason) : option->refusal;

  /* Translators: an access site's abbreviation and the side punctured */
  access_text = g_strdup_printf (option->puncture_side == RAMUS_SIDE_LEFT ? _("%s, left") : _("%s, right"),
                                 option->access->abbr);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  /* The access wraps ("CFA-C, / right") rather than widen a narrow panel. */
  name = label_new (access_text, chosen ? "heading" : NULL);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_box_append (GTK_BOX (line), name);

  compare_cells (option, cells);
  for (guint i = 0; i < 3; i++)
    {
      gtk_box_append (GTK_BOX (line), compare_cell (widths[i], cells[i], TRUE));
      g_free (cells[i]);
    }

  status = gtk_image_new_from_icon_name (r && r->feasible ? "emblem-ok-symbolic" : "action-unavailable-symbolic");
  gtk_widget_add_css_class (status, r && r->feasible ? "success" : "error");
  gtk_accessible_update_property (GTK_ACCESSIBLE (status), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  r && r->feasible ? _("Feasible") : _("Not feasible"), -1);
  gtk_box_append (GTK_BOX (line), status);
  gtk_box_append (GTK_BOX (box), line);

  if (why)
    {
      GtkWidget *reason = label_new (why, "caption");
      gtk_widget_add_css_class (reason, r ? "error" : "dim-label");
      gtk_widget_set_name (reason, "reason");
      gtk_box_append (GTK_BOX (box), reason);
    }
  if (chosen)
    /* Translators: a tooltip, the access site's name and abbreviation */
    tooltip = g_strdup_printf (_("%s (%s), the plan’s access"), access_name (option->access), option->access->abbr);
  else
    tooltip = g_strdup_printf ("%s (%s)", access_name (option->access), option->access->abbr);
  gtk_widget_set_tooltip_text (line, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data (G_OBJECT (row), "access-id", option->access->id);
  g_object_set_data (G_OBJECT (row), "puncture-side", GINT_TO_POINTER (option->puncture_side));
  gtk_widget_add_css_class (row, chosen ? "route-chosen" : "route-option");
  if (r && r->feasible)
    gtk_widget_add_css_class (row, "route-feasible");
  return row;
}

static const char *
compare_heading (guint column)
{
  const char *heads[] = { _("Length"), _("Narrowest"), _("Branches") };

  return heads[column];
}

/* The header, which widens a column to its own heading when that is the
 * wider (its type is smaller and bold, so it is measured as drawn). */
static GtkWidget *
compare_header_new (int *widths)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *cell, *spacer;

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);
  gtk_widget_add_css_class (row, "route-header");
  gtk_widget_set_margin_top (line, 6);
  gtk_widget_set_margin_bottom (line, 6);
  gtk_widget_set_margin_start (line, 12);
  gtk_widget_set_margin_end (line, 12);
  cell = gtk_label_new (_("Access"));
  gtk_label_set_xalign (GTK_LABEL (cell), 0);
  gtk_label_set_ellipsize (GTK_LABEL (cell), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (cell, TRUE);
  gtk_widget_add_css_class (cell, "caption-heading");
  gtk_widget_add_css_class (cell, "dim-label");
  gtk_box_append (GTK_BOX (line), cell);
  for (guint i = 0; i < 3; i++)
    {
      int natural;

      cell = compare_cell (0, compare_heading (i), TRUE);
      gtk_widget_add_css_class (cell, "caption-heading");
      gtk_widget_add_css_class (cell, "dim-label");
      gtk_box_append (GTK_BOX (line), cell);
      gtk_widget_measure (cell, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
      widths[i] = MAX (widths[i], natural);
      gtk_widget_set_size_request (cell, widths[i], -1);
    }
  spacer = gtk_image_new ();
  gtk_widget_set_size_request (spacer, 16, -1);
  gtk_box_append (GTK_BOX (line), spacer);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), line);
  return row;
}

static void
build_compare (RamusPlanPanel *self)
{
  const RamusCase *c = ramus_plan_get_case (self->plan);
  const RamusPlanTarget *pt;
  const RamusVariant *variant;
  g_autoptr(GPtrArray) options = NULL;
  g_autofree char *heading = NULL;
  guint n_refused = 0;
  int widths[3];

  remove_all (self->compare_list);
  if (ramus_plan_get_n_targets (self->plan) == 0)
    {
      gtk_label_set_text (self->compare_label, _("Routes compared"));
      gtk_widget_set_visible (self->compare_note_label, FALSE);
      return;
    }
  if (self->compare_target >= ramus_plan_get_n_targets (self->plan))
    self->compare_target = 0;
  pt = ramus_plan_get_target (self->plan, self->compare_target);
  if (pt->vessel == NULL)
    {
      gtk_label_set_text (self->compare_label, pt->refusal ? pt->refusal : "");
      return;
    }
  /* Translators: the routes from every access site to target number %u, %s */
  heading = g_strdup_printf (_("Routes to target %u, %s"), self->compare_target + 1, vessel_name (self, pt->vessel));
  gtk_label_set_text (self->compare_label, heading);
  gtk_widget_set_visible (self->compare_note_label, TRUE);

  variant = c->liver.michels ? ramus_atlas_lookup_variant (atlas (self), c->liver.michels) : NULL;
  options = ramus_route_compare (atlas (self), c->region, c->side, pt->vessel, variant, c->patient.height_cm);
  for (guint i = 0; i < 3; i++)
    widths[i] = 0;
  for (guint i = 0; i < options->len; i++)
    {
      char *cells[3];
      compare_cells (g_ptr_array_index (options, i), cells);
      for (guint j = 0; j < 3; j++)
        {
          widths[j] = MAX (widths[j], text_width (GTK_WIDGET (self->compare_list), cells[j]));
          g_free (cells[j]);
        }
    }

  gtk_list_box_append (self->compare_list, compare_header_new (widths));
  for (guint i = 0; i < options->len; i++)
    {
      const RamusRouteOption *o = g_ptr_array_index (options, i);
      gboolean chosen = c->access && g_str_equal (c->access, o->access->id) &&
                        o->puncture_side == ramus_plan_get_puncture_side (self->plan);
      gboolean feasible = o->route && o->route->feasible;

      if (!feasible)
        n_refused++;
      /* The accesses that cannot reach the target wait behind one row, but
       * the chosen one is always in view. */
      if (feasible || chosen || self->show_refused)
        gtk_list_box_append (self->compare_list, compare_row_new (self, o, widths, chosen));
    }
  if (n_refused > 0)
    {
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
      g_autofree char *text = NULL;
      GtkWidget *label;

      if (self->show_refused)
        text = g_strdup (_("Hide the accesses that cannot reach this target"));
      else
        text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u access cannot reach this target: show why",
                                             "%u accesses cannot reach this target: show why", n_refused),
                                n_refused);
      label = label_new (text, NULL);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_widget_set_margin_top (line, 10);
      gtk_widget_set_margin_bottom (line, 10);
      gtk_widget_set_margin_start (line, 12);
      gtk_widget_set_margin_end (line, 12);
      gtk_box_append (GTK_BOX (line), label);
      gtk_box_append (GTK_BOX (line), gtk_image_new_from_icon_name (self->show_refused ? "pan-up-symbolic"
                                                                                     : "pan-down-symbolic"));
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), line);
      gtk_widget_set_name (row, "show-refused");
      gtk_list_box_append (self->compare_list, row);
    }
}

static void
compare_activated_cb (RamusPlanPanel *self,
                      GtkListBoxRow  *row)
{
  const char *id = g_object_get_data (G_OBJECT (row), "access-id");
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (gtk_widget_get_name (GTK_WIDGET (row)), "show-refused") == 0)
    {
      self->show_refused = !self->show_refused;
      build_compare (self);
      /* The toggle is the last row: focus stays on it. */
      for (GtkWidget *w = gtk_widget_get_last_child (GTK_WIDGET (self->compare_list)); w;
           w = gtk_widget_get_prev_sibling (w))
        if (GTK_IS_LIST_BOX_ROW (w))
          {
            gtk_widget_grab_focus (w);
            break;
          }
      return;
    }
  if (id && self->plan)
    report (self, ramus_plan_set_access_full (self->plan, id,
                                              GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "puncture-side")),
                                              &error),
            error);
}

/* --- targets -------------------------------------------------------------- */

static char *
route_summary (const RamusPlanTarget *pt)
{
  const RamusRoute *r = pt->route;
  g_autoptr(GString) s = g_string_new (NULL);
  g_autofree char *length = NULL;

  if (r == NULL)
    return g_strdup (pt->refusal ? pt->refusal : _("no route"));
  if (r->antegrade_injection)
    return g_strdup (_("direct puncture and injection, no catheter"));
  length = ramus_format_number (r->length_cm, 0);
  g_string_append_printf (s, r->length_complete ? _("about %s cm (estimate)") : _("at least %s cm (estimate)"),
                          length);
  if (r->min_diameter_mm > 0)
    {
      g_autofree char *narrow = ramus_format_number (r->min_diameter_mm, 1);
      g_string_append (s, " · ");
      g_string_append_printf (s, _("narrowest %s mm"), narrow);
    }
  g_string_append (s, " · ");
  g_string_append_printf (s, g_dngettext (GETTEXT_PACKAGE, "%u branch point", "%u branch points", r->branch_points),
                          r->branch_points);
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static GtkStringList *
embolic_model (void)
{
  const char * const *ids = ramus_case_allowed_values ("targets.embolic");
  GtkStringList *list = gtk_string_list_new (NULL);

  gtk_string_list_append (list, _("No embolic chosen"));
  for (guint i = 0; ids && ids[i]; i++)
    gtk_string_list_append (list, ramus_embolic_label (ids[i]));
  return list;
}

static void
ellipsized_setup_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (GTK_LABEL (label), 6);
  gtk_list_item_set_child (item, label);
}

static void
string_bind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item)
{
  GtkStringObject *string = gtk_list_item_get_item (item);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), gtk_string_object_get_string (string));
}

/* The embolic's name shortens to fit a narrow panel; the list shows it
 * whole. */
static GtkListItemFactory *
ellipsized_factory (void)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (ellipsized_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (string_bind_cb), NULL);
  return factory;
}

static void
whole_setup_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_list_item_set_child (item, label);
}

static GtkListItemFactory *
whole_factory (void)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (whole_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (string_bind_cb), NULL);
  return factory;
}

static guint
embolic_position (const char *embolic)
{
  const char * const *ids = ramus_case_allowed_values ("targets.embolic");

  for (guint i = 0; embolic && ids && ids[i]; i++)
    if (g_str_equal (ids[i], embolic))
      return i + 1;
  return 0;
}

static guint
widget_target (gpointer widget)
{
  return GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (widget), "target-index"));
}

static void
embolic_selected_cb (RamusPlanPanel *self,
                     GParamSpec     *pspec,
                     GtkDropDown    *dropdown)
{
  const char * const *ids = ramus_case_allowed_values ("targets.embolic");
  guint pos = gtk_drop_down_get_selected (dropdown);
  g_autoptr(GError) error = NULL;

  if (self->syncing || self->plan == NULL || pos == GTK_INVALID_LIST_POSITION)
    return;
  report (self, ramus_plan_set_target_embolic (self->plan, widget_target (dropdown),
                                               pos == 0 ? NULL : ids[pos - 1], &error), error);
}

static void
volume_changed_cb (RamusPlanPanel *self,
                   GtkSpinButton  *spin)
{
  double value = gtk_spin_button_get_value (spin);
  g_autoptr(GError) error = NULL;

  if (self->syncing || self->plan == NULL)
    return;
  /* An empty volume (0) is "not planned". */
  report (self, ramus_plan_set_target_volume (self->plan, widget_target (spin), value > 0 ? value : NAN, &error),
          error);
}

static gboolean
volume_output_cb (GtkSpinButton *spin)
{
  double value = gtk_spin_button_get_value (spin);
  g_autofree char *text = value > 0 ? ramus_format_number (value, 2) : g_strdup ("");

  if (g_strcmp0 (text, gtk_editable_get_text (GTK_EDITABLE (spin))) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

static GdkContentProvider *
drag_prepare_cb (GtkDragSource *source,
                 double         x,
                 double         y,
                 GtkWidget     *row)
{
  g_autoptr(GdkPaintable) icon = gtk_widget_paintable_new (row);

  gtk_drag_source_set_icon (source, icon, (int) x, (int) y);
  return gdk_content_provider_new_typed (G_TYPE_UINT, widget_target (row));
}

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         GtkWidget     *row)
{
  RamusPlanPanel *self = RAMUS_PLAN_PANEL (gtk_widget_get_ancestor (row, RAMUS_TYPE_PLAN_PANEL));
  guint from = g_value_get_uint (value), to = widget_target (row);
  g_autoptr(GError) error = NULL;

  if (self == NULL || self->plan == NULL || from == to)
    return FALSE;
  self->follow_target = to;
  return report (self, ramus_plan_move_target (self->plan, from, to, &error), error);
}

static void
add_move_shortcut (GtkShortcutController *controller,
                   const char            *accel,
                   guint                  from,
                   guint                  to)
{
  GtkShortcut *shortcut = gtk_shortcut_new (gtk_shortcut_trigger_parse_string (accel),
                                            gtk_named_action_new ("plan.move-target"));

  gtk_shortcut_set_arguments (shortcut, g_variant_new ("(uu)", from, to));
  gtk_shortcut_controller_add_shortcut (controller, shortcut);
}

static GtkWidget *
target_row_new (RamusPlanPanel *self,
                guint           index)
{
  const RamusCase *c = ramus_plan_get_case (self->plan);
  const RamusTarget *t = &g_array_index (c->targets, RamusTarget, index);
  const RamusPlanTarget *pt = ramus_plan_get_target (self->plan, index);
  guint n = c->targets->len;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *handle = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *names = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *controls = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *number, *title, *button, *dropdown, *spin, *unit, *route;
  GtkShortcutController *shortcuts;
  GtkListItemFactory *factory;
  GtkDragSource *drag;
  GtkDropTarget *drop;
  g_autoptr(GtkStringList) embolics = embolic_model ();
  g_autofree char *number_text = g_strdup_printf ("%u", index + 1);
  g_autofree char *calibre = pt->vessel ? ramus_format_calibre (pt->vessel) : NULL;
  g_autofree char *summary = route_summary (pt);
  g_autofree char *up = NULL, *down = NULL, *remove = NULL, *accessible = NULL;
  const char *name = pt->vessel ? vessel_name (self, pt->vessel) : t->vessel;
  const char *secondary = pt->vessel ? ramus_name_style_secondary (self->style, pt->vessel) : NULL;

  g_object_set_data (G_OBJECT (row), "target-index", GUINT_TO_POINTER (index));
  gtk_widget_add_css_class (row, "target-row");
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 10);
  gtk_widget_set_margin_start (box, 8);
  gtk_widget_set_margin_end (box, 8);

  /* The handle drags the row; the number matches the canvas. */
  gtk_box_append (GTK_BOX (handle), gtk_image_new_from_icon_name ("list-drag-handle-symbolic"));
  number = gtk_label_new (number_text);
  gtk_widget_add_css_class (number, "target-number");
  gtk_widget_set_valign (number, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (handle), number);
  gtk_widget_set_valign (handle, GTK_ALIGN_START);
  gtk_widget_set_cursor_from_name (handle, "grab");
  gtk_widget_set_tooltip_text (handle, _("Drag to reorder"));
  gtk_widget_add_css_class (handle, "drag-handle");
  drag = gtk_drag_source_new ();
  gtk_drag_source_set_actions (drag, GDK_ACTION_MOVE);
  g_signal_connect_object (drag, "prepare", G_CALLBACK (drag_prepare_cb), row, 0);
  gtk_widget_add_controller (handle, GTK_EVENT_CONTROLLER (drag));
  gtk_box_append (GTK_BOX (top), handle);

  title = label_new (name, "heading");
  gtk_widget_set_name (title, "vessel-name");
  gtk_box_append (GTK_BOX (names), title);
  if (secondary)
    gtk_box_append (GTK_BOX (names), label_new (secondary, "dim-label"));
  if (calibre)
    {
      /* Translators: a vessel's typical calibre, e.g. "calibre 1.5–2.0 mm" */
      g_autofree char *text = g_strdup_printf (_("calibre %s"), calibre);
      GtkWidget *label = label_new (text, "caption");
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_set_name (label, "calibre");
      gtk_box_append (GTK_BOX (names), label);
    }
  gtk_widget_set_hexpand (names, TRUE);
  gtk_box_append (GTK_BOX (top), names);

  /* Translators: %u is a target's number */
  up = g_strdup_printf (_("Move target %u up (Alt+Up)"), index + 1);
  down = g_strdup_printf (_("Move target %u down (Alt+Down)"), index + 1);
  remove = g_strdup_printf (_("Remove target %u"), index + 1);
  button = icon_button_new ("go-up-symbolic", up, "move-up");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "plan.move-target");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "(uu)", index, index > 0 ? index - 1 : 0);
  gtk_widget_set_sensitive (button, index > 0);
  gtk_box_append (GTK_BOX (top), button);
  button = icon_button_new ("go-down-symbolic", down, "move-down");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "plan.move-target");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "(uu)", index, index + 1 < n ? index + 1 : index);
  gtk_widget_set_sensitive (button, index + 1 < n);
  gtk_box_append (GTK_BOX (top), button);
  button = icon_button_new ("user-trash-symbolic", remove, "remove");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "plan.remove-target");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "u", index);
  gtk_box_append (GTK_BOX (top), button);
  gtk_box_append (GTK_BOX (box), top);

  /* Embolic and planned volume, under the name. */
  gtk_widget_set_margin_start (controls, 44);
  dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (embolics)), NULL);
  factory = ellipsized_factory ();
  gtk_drop_down_set_factory (GTK_DROP_DOWN (dropdown), factory);
  g_object_unref (factory);
  factory = whole_factory ();
  gtk_drop_down_set_list_factory (GTK_DROP_DOWN (dropdown), factory);
  g_object_unref (factory);
  gtk_widget_set_name (dropdown, "embolic");
  gtk_widget_set_hexpand (dropdown, TRUE);
  {
    /* Translators: a tooltip, the embolic of a target */
    g_autofree char *tip = g_strdup_printf (_("Embolic: %s"), ramus_embolic_label (t->embolic));
    gtk_widget_set_tooltip_text (dropdown, tip);
  }
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Embolic"), -1);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), embolic_position (t->embolic));
  g_object_set_data (G_OBJECT (dropdown), "target-index", GUINT_TO_POINTER (index));
  g_signal_connect_object (dropdown, "notify::selected", G_CALLBACK (embolic_selected_cb), self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (controls), dropdown);

  spin = gtk_spin_button_new_with_range (0, 100, 0.5);
  gtk_widget_set_name (spin, "volume");
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), 2);
  gtk_editable_set_width_chars (GTK_EDITABLE (spin), 4);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), isnan (t->planned_volume_ml) ? 0 : t->planned_volume_ml);
  gtk_widget_set_tooltip_text (spin, _("Planned volume (mL); empty when not planned"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Planned volume (mL)"), -1);
  g_object_set_data (G_OBJECT (spin), "target-index", GUINT_TO_POINTER (index));
  g_signal_connect (spin, "output", G_CALLBACK (volume_output_cb), NULL);
  volume_output_cb (GTK_SPIN_BUTTON (spin));
  g_signal_connect_object (spin, "value-changed", G_CALLBACK (volume_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (controls), spin);
  unit = gtk_label_new (_("mL"));
  gtk_widget_add_css_class (unit, "dim-label");
  gtk_box_append (GTK_BOX (controls), unit);
  gtk_box_append (GTK_BOX (box), controls);

  route = label_new (summary, "caption");
  gtk_widget_set_name (route, "route");
  gtk_widget_set_margin_start (route, 44);
  if (pt->route == NULL || !pt->route->feasible)
    gtk_widget_add_css_class (route, "error");
  else
    gtk_widget_add_css_class (route, "dim-label");
  gtk_box_append (GTK_BOX (box), route);
  if (pt->route && !pt->route->feasible && pt->route->reason)
    {
      GtkWidget *why = label_new (pt->route->reason, "caption");
      gtk_widget_add_css_class (why, "error");
      gtk_widget_set_margin_start (why, 44);
      gtk_box_append (GTK_BOX (box), why);
    }

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  accessible = g_strdup_printf (_("Target %u, %s"), index + 1, name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);

  shortcuts = GTK_SHORTCUT_CONTROLLER (gtk_shortcut_controller_new ());
  if (index > 0)
    add_move_shortcut (shortcuts, "<Alt>Up", index, index - 1);
  if (index + 1 < n)
    add_move_shortcut (shortcuts, "<Alt>Down", index, index + 1);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (shortcuts));

  drop = gtk_drop_target_new (G_TYPE_UINT, GDK_ACTION_MOVE);
  g_signal_connect_object (drop, "drop", G_CALLBACK (drop_cb), row, 0);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (drop));
  return row;
}

static void
build_targets (RamusPlanPanel *self)
{
  self->syncing = TRUE;
  remove_all (self->target_list);
  for (guint i = 0; i < ramus_plan_get_n_targets (self->plan); i++)
    gtk_list_box_append (self->target_list, target_row_new (self, i));
  self->syncing = FALSE;
}

static void
target_activated_cb (RamusPlanPanel *self,
                     GtkListBoxRow  *row)
{
  guint index = widget_target (row);
  const RamusPlanTarget *pt;

  if (self->plan == NULL || index >= ramus_plan_get_n_targets (self->plan))
    return;
  pt = ramus_plan_get_target (self->plan, index);
  if (self->compare_target != index)
    {
      self->compare_target = index;
      build_compare (self);
    }
  if (pt->vessel)
    g_signal_emit (self, signals[VESSEL_ACTIVATED], 0, pt->vessel);
}

/* --- pain points and candidates ------------------------------------------- */

static void
build_pain (RamusPlanPanel *self)
{
  const RamusCase *c = ramus_plan_get_case (self->plan);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->pain_list)); child;)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (child);
      if (GTK_IS_LIST_BOX_ROW (child) && child != GTK_WIDGET (self->pain_radius_row))
        gtk_list_box_remove (self->pain_list, child);
      child = next;
    }
  for (guint i = 0; i < c->pain_points->len; i++)
    {
      const RamusPainPoint *p = &g_array_index (c->pain_points, RamusPainPoint, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button;
      g_autofree char *x = ramus_format_number (p->x_mm, 0);
      g_autofree char *y = ramus_format_number (p->y_mm, 0);
      g_autofree char *r = ramus_format_number (p->radius_mm, 0);
      g_autofree char *title = g_strdup_printf (_("Pain mark %u"), i + 1);
      /* Translators: where a pain mark is on the region's drawing */
      g_autofree char *subtitle = g_strdup_printf (_("x %s mm, y %s mm, radius %s mm"), x, y, r);
      g_autofree char *tooltip = g_strdup_printf (_("Remove pain mark %u"), i + 1);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      button = icon_button_new ("edit-delete-symbolic", tooltip, "remove");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "plan.remove-pain-point");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "u", i);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      gtk_list_box_append (self->pain_list, row);
    }
}

static const char *
candidates_hint (RamusPlanPanel *self)
{
  const RamusCase *c = ramus_plan_get_case (self->plan);
  const char *error = ramus_plan_get_candidates_error (self->plan);

  if (error)
    return error;
  if (g_strcmp0 (c->region, "liver") == 0)
    return _("Add the tumours (segment and diameter) in the case details, or mark the pain, to rank the feeders.");
  if (g_strcmp0 (c->region, "spine-pelvis") == 0)
    return _("Choose the level in the case details, or mark the pain, to rank the segmental arteries.");
  if (c->pain_points->len > 0)
    return _("No feeder’s territory covers the marked pain.");
  return _("Mark the pain on the drawing (Mark Pain, then click where it hurts) to rank the feeders whose "
           "territory covers it.");
}

static GtkWidget *
candidate_row_new (RamusPlanPanel       *self,
                   const RamusCandidate *cand,
                   guint                 index)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  GtkWidget *names = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *rank, *bar, *reason, *title;
  g_autofree char *rank_text = g_strdup_printf ("%u", index + 1);
  g_autofree char *score = NULL, *percent = NULL;
  gint target = target_index_of (self, cand->vessel->id);
  const char *secondary = ramus_name_style_secondary (self->style, cand->vessel);

  g_object_set_data (G_OBJECT (row), "vessel", (gpointer) cand->vessel);
  gtk_widget_set_margin_top (line, 8);
  gtk_widget_set_margin_bottom (line, 8);
  gtk_widget_set_margin_start (line, 12);
  gtk_widget_set_margin_end (line, 8);

  rank = gtk_label_new (rank_text);
  gtk_widget_add_css_class (rank, "candidate-rank");
  gtk_widget_set_valign (rank, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (line), rank);

  title = label_new (vessel_name (self, cand->vessel), "heading");
  gtk_widget_set_name (title, "vessel-name");
  gtk_box_append (GTK_BOX (names), title);
  if (secondary)
    gtk_box_append (GTK_BOX (names), label_new (secondary, "dim-label"));
  reason = label_new (cand->reason, "caption");
  gtk_widget_set_name (reason, "reason");
  gtk_box_append (GTK_BOX (names), reason);
  bar = gtk_level_bar_new_for_interval (0, 1);
  gtk_level_bar_set_value (GTK_LEVEL_BAR (bar), CLAMP (cand->score, 0, 1));
  percent = ramus_format_number (CLAMP (cand->score, 0, 1) * 100, 0);
  /* Translators: how well a candidate feeder matches, "score 82%" */
  score = g_strdup_printf (_("score %s%%"), percent);
  gtk_widget_set_tooltip_text (bar, score);
  gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL, score, -1);
  gtk_widget_add_css_class (bar, "candidate-score");
  gtk_box_append (GTK_BOX (names), bar);
  gtk_widget_set_hexpand (names, TRUE);
  gtk_box_append (GTK_BOX (line), names);

  if (target >= 0)
    {
      g_autofree char *text = g_strdup_printf (_("Target %u"), target + 1);
      GtkWidget *label = gtk_label_new (text);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
      gtk_widget_set_name (label, "already");
      gtk_box_append (GTK_BOX (line), label);
    }
  else
    {
      GtkWidget *add = gtk_button_new_with_mnemonic (_("_Add"));
      g_autofree char *tooltip = g_strdup_printf (_("Add %s as a target"), vessel_name (self, cand->vessel));
      gtk_widget_set_valign (add, GTK_ALIGN_CENTER);
      gtk_widget_set_name (add, "add");
      gtk_widget_set_tooltip_text (add, tooltip);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (add), "plan.add-candidate");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (add), "u", index);
      gtk_box_append (GTK_BOX (line), add);
    }
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), line);
  return row;
}

static void
build_candidates (RamusPlanPanel *self)
{
  GPtrArray *cands = ramus_plan_get_candidates (self->plan);

  remove_all (self->candidate_list);
  gtk_label_set_text (self->candidate_placeholder, candidates_hint (self));
  for (guint i = 0; i < cands->len; i++)
    gtk_list_box_append (self->candidate_list, candidate_row_new (self, g_ptr_array_index (cands, i), i));
}

static void
candidate_activated_cb (RamusPlanPanel *self,
                        GtkListBoxRow  *row)
{
  const RamusVessel *vessel = g_object_get_data (G_OBJECT (row), "vessel");

  if (vessel)
    g_signal_emit (self, signals[VESSEL_ACTIVATED], 0, vessel);
}

static void
pain_toggled_cb (RamusPlanPanel  *self,
                 GtkToggleButton *button)
{
  ramus_plan_panel_set_pain_mode (self, gtk_toggle_button_get_active (button));
}

/* --- devices -------------------------------------------------------------- */

static AdwComboRow *
device_row (RamusPlanPanel  *self,
            RamusDeviceType  type)
{
  switch (type)
    {
    case RAMUS_DEVICE_SHEATH:
      return self->sheath_row;
    case RAMUS_DEVICE_CATHETER:
      return self->catheter_row;
    case RAMUS_DEVICE_MICROCATHETER:
      return self->microcatheter_row;
    case RAMUS_DEVICE_GUIDEWIRE:
    default:
      return self->guidewire_row;
    }
}

static const char *
case_device (const RamusCase *c,
             RamusDeviceType  type)
{
  switch (type)
    {
    case RAMUS_DEVICE_SHEATH:
      return c->devices.sheath;
    case RAMUS_DEVICE_CATHETER:
      return c->devices.catheter;
    case RAMUS_DEVICE_MICROCATHETER:
      return c->devices.microcatheter;
    case RAMUS_DEVICE_GUIDEWIRE:
    default:
      return c->devices.guidewire;
    }
}

static void
setup_device_models (RamusPlanPanel *self)
{
  self->syncing = TRUE;
  for (guint type = 0; type < N_DEVICE_TYPES; type++)
    {
      g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

      g_clear_pointer (&self->device_ids[type], g_ptr_array_unref);
      self->device_ids[type] = g_ptr_array_new ();
      gtk_string_list_append (names, _("Proposed by Ramus"));
      g_ptr_array_add (self->device_ids[type], NULL);
      for (guint i = 0; atlas (self) && i < ramus_atlas_get_n_devices (atlas (self)); i++)
        {
          const RamusDevice *d = ramus_atlas_get_device (atlas (self), i);
          g_autofree char *text = NULL;
          if (d->type != type)
            continue;
          text = ramus_format_device (d);
          gtk_string_list_append (names, text);
          g_ptr_array_add (self->device_ids[type], d->id);
        }
      adw_combo_row_set_model (device_row (self, type), G_LIST_MODEL (names));
    }
  self->syncing = FALSE;
}

static void
device_selected_cb (RamusPlanPanel *self,
                    GParamSpec     *pspec,
                    AdwComboRow    *row)
{
  g_autoptr(GError) error = NULL;
  RamusDeviceType type;
  guint pos;

  if (self->syncing || self->plan == NULL)
    return;
  type = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "device-type"));
  pos = adw_combo_row_get_selected (row);
  if (self->device_ids[type] == NULL || pos >= self->device_ids[type]->len)
    return;
  report (self, ramus_plan_set_device (self->plan, type, g_ptr_array_index (self->device_ids[type], pos), &error),
          error);
}

static void
sync_devices (RamusPlanPanel *self)
{
  const RamusCase *c = ramus_plan_get_case (self->plan);

  self->syncing = TRUE;
  for (guint type = 0; type < N_DEVICE_TYPES; type++)
    {
      const char *id = case_device (c, type);
      guint pos = 0;
      for (guint i = 1; self->device_ids[type] && i < self->device_ids[type]->len; i++)
        if (g_strcmp0 (id, g_ptr_array_index (self->device_ids[type], i)) == 0)
          pos = i;
      adw_combo_row_set_selected (device_row (self, type), pos);
    }
  self->syncing = FALSE;
}

static const char *
device_type_label (RamusDeviceType type)
{
  switch (type)
    {
    case RAMUS_DEVICE_SHEATH:
      return _("Sheath");
    case RAMUS_DEVICE_CATHETER:
      return _("Catheter");
    case RAMUS_DEVICE_MICROCATHETER:
      return _("Microcatheter");
    case RAMUS_DEVICE_GUIDEWIRE:
    default:
      return _("Guidewire");
    }
}

static GtkWidget *
problem_line_new (const char *icon,
                  const char *text,
                  const char *css_class)
{
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *image = gtk_image_new_from_icon_name (icon);
  GtkWidget *label = label_new (text, NULL);

  gtk_widget_set_valign (image, GTK_ALIGN_START);
  gtk_widget_set_margin_top (image, 2);
  if (css_class)
    gtk_widget_add_css_class (image, css_class);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (line), image);
  gtk_box_append (GTK_BOX (line), label);
  return line;
}

static GtkWidget *
device_target_row_new (RamusPlanPanel        *self,
                       const RamusPlanTarget *pt)
{
  const RamusCase *c = ramus_plan_get_case (self->plan);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *grid = gtk_grid_new ();
  g_autofree char *heading = g_strdup_printf (_("Target %u, %s"), pt->index + 1, vessel_name (self, pt->vessel));
  const RamusDevice *set[N_DEVICE_TYPES] = { pt->proposed.sheath, pt->proposed.catheter,
                                             pt->proposed.microcatheter, pt->proposed.guidewire };

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 10);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_box_append (GTK_BOX (box), label_new (heading, "heading"));

  if (pt->devices_chosen)
    for (guint type = 0; type < N_DEVICE_TYPES; type++)
      {
        const char *id = case_device (c, type);
        set[type] = id ? ramus_atlas_lookup_device (atlas (self), id) : NULL;
      }
  gtk_box_append (GTK_BOX (box), label_new (pt->devices_chosen ? _("Chosen devices") : _("Proposed by Ramus"),
                                            "caption-heading"));
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 2);
  for (guint type = 0; type < N_DEVICE_TYPES; type++)
    {
      GtkWidget *what = label_new (device_type_label (type), "dim-label");
      g_autofree char *text = set[type] ? ramus_format_device (set[type]) : g_strdup (_("not chosen"));
      GtkWidget *value = label_new (text, NULL);

      gtk_widget_set_hexpand (value, TRUE);
      gtk_widget_set_valign (what, GTK_ALIGN_START);
      gtk_grid_attach (GTK_GRID (grid), what, 0, type, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), value, 1, type, 1, 1);
    }
  gtk_box_append (GTK_BOX (box), grid);

  if (pt->device_conflicts->len == 0)
    gtk_box_append (GTK_BOX (box),
                    problem_line_new ("emblem-ok-symbolic",
                                      _("No conflict: the devices fit each other, the route and the target."),
                                      "success"));
  for (guint i = 0; i < pt->device_conflicts->len; i++)
    {
      const RamusDeviceConflict *conflict = g_ptr_array_index (pt->device_conflicts, i);
      GtkWidget *line = problem_line_new ("dialog-warning-symbolic", conflict->message, "warning");
      gtk_widget_set_name (line, "conflict");
      gtk_box_append (GTK_BOX (box), line);
    }
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  return row;
}

static void
build_device_list (RamusPlanPanel *self)
{
  remove_all (self->device_list);
  for (guint i = 0; i < ramus_plan_get_n_targets (self->plan); i++)
    {
      const RamusPlanTarget *pt = ramus_plan_get_target (self->plan, i);
      if (pt->vessel && pt->route && pt->device_conflicts)
        gtk_list_box_append (self->device_list, device_target_row_new (self, pt));
      else if (pt->vessel && pt->route && pt->route->antegrade_injection)
        {
          GtkWidget *row = adw_action_row_new ();
          g_autofree char *title = g_strdup_printf (_("Target %u, %s"), i + 1, vessel_name (self, pt->vessel));
          g_autofree char *escaped = g_markup_escape_text (title, -1);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("direct puncture and injection, no catheter"));
          gtk_list_box_append (self->device_list, row);
        }
    }
}

/* --- doses ---------------------------------------------------------------- */

static const char *
dose_title (const char *what)
{
  if (g_str_equal (what, "bsa"))
    return _("Body-surface area");
  if (g_str_equal (what, "doxorubicin"))
    return _("Doxorubicin");
  if (g_str_equal (what, "imipenem"))
    return _("Imipenem/cilastatin suspension");
  if (g_str_equal (what, "lipiodol"))
    return _("Lipiodol emulsion");
  if (g_str_equal (what, "deb"))
    return _("Drug-eluting beads");
  if (g_str_equal (what, "tace"))
    return _("Three-stage TACE plan");
  return what;
}

/* As many decimals as the core's working shows: areas, grams and ratios to
 * the hundredth, the rest to the tenth. */
static char *
value_text (const RamusDoseValue *v)
{
  gboolean fine = g_strcmp0 (v->unit, "m²") == 0 || g_strcmp0 (v->unit, "g") == 0 ||
                  g_strcmp0 (v->unit, "mL/cm") == 0;
  g_autofree char *n = ramus_format_number (v->value, fine ? 2 : 1);

  if (v->unit == NULL || *v->unit == '\0')
    return g_steal_pointer (&n);
  return g_strdup_printf ("%s %s", n, v->unit);
}

static GtkWidget *
formula_label_new (const char *caption,
                   const char *text,
                   const char *name)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *head = label_new (caption, "caption-heading");
  GtkWidget *body = label_new (text, "formula");

  gtk_widget_add_css_class (head, "dim-label");
  gtk_label_set_selectable (GTK_LABEL (body), TRUE);
  gtk_widget_set_name (body, name);
  gtk_box_append (GTK_BOX (box), head);
  gtk_box_append (GTK_BOX (box), body);
  return box;
}

static GtkWidget *
sources_label_new (RamusPlanPanel     *self,
                   const char * const *ids)
{
  g_autofree char *refs = ramus_format_sources_markup (atlas (self), ids);
  g_autofree char *markup = g_markup_printf_escaped ("<b>%s</b> ", _("Sources:"));
  g_autofree char *all = g_strconcat (markup, refs, NULL);
  GtkWidget *label = markup_label_new (all, "caption");

  gtk_widget_set_name (label, "sources");
  return label;
}

static GtkWidget *
dose_row_new (RamusPlanPanel        *self,
              const char            *title,
              const RamusDoseResult *r,
              const char            *error)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *head = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label;

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_add_css_class (row, "dose-row");
  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  label = label_new (r && r->title ? r->title : title, "heading");
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (head), label);
  /* A staged plan has no single answer: its values go in the line below. */
  if (r && r->values->len > 0 && r->stages == NULL)
    {
      g_autofree char *answer = value_text (&g_array_index (r->values, RamusDoseValue, 0));
      GtkWidget *value = gtk_label_new (answer);
      gtk_widget_add_css_class (value, "dose-answer");
      gtk_widget_set_name (value, "answer");
      gtk_widget_set_valign (value, GTK_ALIGN_START);
      gtk_label_set_selectable (GTK_LABEL (value), TRUE);
      gtk_box_append (GTK_BOX (head), value);
    }
  gtk_box_append (GTK_BOX (box), head);

  if (r == NULL)
    {
      GtkWidget *line = problem_line_new ("dialog-warning-symbolic", error ? error : "", "warning");
      gtk_widget_set_name (line, "error");
      gtk_box_append (GTK_BOX (box), line);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      return row;
    }

  if (r->values->len > (r->stages ? 0 : 1))
    {
      g_autoptr(GString) s = g_string_new (NULL);
      for (guint i = r->stages ? 0 : 1; i < r->values->len; i++)
        {
          const RamusDoseValue *v = &g_array_index (r->values, RamusDoseValue, i);
          g_autofree char *text = value_text (v);
          g_string_append_printf (s, "%s%s %s", s->len ? " · " : "", ramus_dose_value_label (v->key), text);
        }
      label = label_new (s->str, "dim-label");
      gtk_widget_set_name (label, "values");
      gtk_box_append (GTK_BOX (box), label);
    }
  if (r->embolic)
    {
      /* Translators: the embolic a dose rule chose */
      g_autofree char *text = g_strdup_printf (_("Embolic: %s"), ramus_embolic_label (r->embolic));
      label = label_new (text, NULL);
      gtk_widget_set_name (label, "embolic");
      gtk_box_append (GTK_BOX (box), label);
    }
  if (r->formula)
    gtk_box_append (GTK_BOX (box), formula_label_new (_("Formula"), r->formula, "formula"));
  if (r->working)
    gtk_box_append (GTK_BOX (box), formula_label_new (_("With this patient’s numbers"), r->working, "working"));
  for (guint i = 0; r->stages && i < r->stages->len; i++)
    {
      const RamusTaceStage *st = &g_array_index (r->stages, RamusTaceStage, i);
      g_autofree char *markup = NULL;
      GtkWidget *stage;

      if (st->dose_text)
        markup = g_markup_printf_escaped ("<b>%d · %s</b> — %s\n<b>%s</b>\n%s", st->stage, st->target,
                                          ramus_embolic_label (st->embolic), st->dose_text, st->description);
      else
        markup = g_markup_printf_escaped ("<b>%d · %s</b> — %s\n%s", st->stage, st->target,
                                          ramus_embolic_label (st->embolic), st->description);
      stage = markup_label_new (markup, NULL);
      gtk_widget_set_name (stage, "stage");
      gtk_box_append (GTK_BOX (box), stage);
    }
  for (guint i = 0; r->warnings && i < r->warnings->len; i++)
    gtk_box_append (GTK_BOX (box), problem_line_new ("dialog-warning-symbolic", g_ptr_array_index (r->warnings, i),
                                                     "warning"));
  if (r->notes && r->notes->len > 0)
    {
      GtkWidget *expander = gtk_expander_new (_("Notes"));
      GtkWidget *notes = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);

      gtk_widget_set_margin_top (notes, 4);
      for (guint i = 0; i < r->notes->len; i++)
        gtk_box_append (GTK_BOX (notes), label_new (g_ptr_array_index (r->notes, i), NULL));
      gtk_expander_set_child (GTK_EXPANDER (expander), notes);
      gtk_box_append (GTK_BOX (box), expander);
    }
  if (r->sources && r->sources[0])
    gtk_box_append (GTK_BOX (box), sources_label_new (self, (const char * const *) r->sources));
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  return row;
}

static void
build_doses (RamusPlanPanel *self)
{
  GPtrArray *doses = ramus_plan_get_doses (self->plan);

  remove_all (self->dose_list);
  for (guint i = 0; i < doses->len; i++)
    {
      const RamusPlanDose *d = g_ptr_array_index (doses, i);
      GtkWidget *row = dose_row_new (self, dose_title (d->what), d->result, d->error);
      gtk_widget_set_name (row, d->what);
      gtk_list_box_append (self->dose_list, row);
    }
}

/* --- warnings ------------------------------------------------------------- */

static gint
compare_severity (gconstpointer a,
                  gconstpointer b)
{
  const RamusWarning *x = *(RamusWarning * const *) a;
  const RamusWarning *y = *(RamusWarning * const *) b;

  return (int) y->severity - (int) x->severity;
}

static void
build_warnings (RamusPlanPanel *self)
{
  GPtrArray *warnings = ramus_plan_get_warnings (self->plan);
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();

  remove_all (self->warning_list);
  for (guint i = 0; i < warnings->len; i++)
    g_ptr_array_add (sorted, g_ptr_array_index (warnings, i));
  /* GLib's sort is stable: the plan's order within a severity. */
  g_ptr_array_sort (sorted, compare_severity);

  for (guint i = 0; i < sorted->len; i++)
    {
      const RamusWarning *w = g_ptr_array_index (sorted, i);
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
      GtkWidget *icon = gtk_image_new_from_icon_name (ramus_severity_icon (w->severity));
      GtkWidget *message;
      gint target = target_index_of (self, w->vessel);
      g_autofree char *about = NULL, *markup = NULL, *refs = NULL;

      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_widget_set_name (row, w->code);
      gtk_widget_add_css_class (row, ramus_severity_css_class (w->severity));
      gtk_widget_set_margin_top (line, 10);
      gtk_widget_set_margin_bottom (line, 10);
      gtk_widget_set_margin_start (line, 12);
      gtk_widget_set_margin_end (line, 12);

      gtk_widget_set_valign (icon, GTK_ALIGN_START);
      gtk_widget_set_margin_top (icon, 2);
      gtk_widget_add_css_class (icon, "severity-icon");
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      ramus_severity_label (w->severity), -1);
      gtk_widget_set_tooltip_text (icon, ramus_severity_label (w->severity));
      gtk_box_append (GTK_BOX (line), icon);

      message = label_new (w->message, NULL);
      gtk_widget_set_name (message, "message");
      gtk_box_append (GTK_BOX (text), message);
      about = target >= 0 ? g_strdup_printf (_("Target %u"), target + 1) : g_strdup (_("Plan"));
      refs = w->sources && w->sources[0]
             ? ramus_format_sources_markup (atlas (self), (const char * const *) w->sources) : NULL;
      markup = refs ? g_markup_printf_escaped ("<b>%s · %s</b> · ", ramus_severity_label (w->severity), about)
                    : g_markup_printf_escaped ("<b>%s · %s</b>", ramus_severity_label (w->severity), about);
      if (refs)
        {
          g_autofree char *with = g_strconcat (markup, refs, NULL);
          g_free (markup);
          markup = g_steal_pointer (&with);
        }
      gtk_box_append (GTK_BOX (text), markup_label_new (markup, "caption"));
      gtk_widget_set_hexpand (text, TRUE);
      gtk_box_append (GTK_BOX (line), text);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), line);
      gtk_list_box_append (self->warning_list, row);
    }
}

/* --- the whole panel ------------------------------------------------------ */

static void
update_history_actions (RamusPlanPanel *self)
{
  gboolean has = self->plan != NULL;
  const char *undo = has ? ramus_plan_get_undo_label (self->plan) : NULL;
  const char *redo = has ? ramus_plan_get_redo_label (self->plan) : NULL;
  g_autofree char *undo_tip = NULL, *redo_tip = NULL;

  ramus_plan_history_update_actions (GTK_WIDGET (self), self->plan);
  /* Translators: %s names the edit, e.g. "Undo Add target (Ctrl+Z)" */
  undo_tip = undo ? g_strdup_printf (_("Undo %s (Ctrl+Z)"), undo) : g_strdup (_("Undo (Ctrl+Z)"));
  redo_tip = redo ? g_strdup_printf (_("Redo %s (Ctrl+Shift+Z)"), redo) : g_strdup (_("Redo (Ctrl+Shift+Z)"));
  gtk_widget_set_tooltip_text (self->undo_button, undo_tip);
  gtk_widget_set_tooltip_text (self->redo_button, redo_tip);
}

static void
rebuild (RamusPlanPanel *self)
{
  FocusSpot spot;
  gboolean has = self->plan != NULL;

  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  for (const char * const *a = (const char * const[]) { "plan.edit-case", "plan.edit-doses", "plan.move-target",
                                                        "plan.remove-target", "plan.add-candidate",
                                                        "plan.remove-pain-point", NULL }; *a; a++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), *a, has);
  update_history_actions (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->scroller), has);
  if (!has)
    return;

  focus_spot_save (self, &spot);
  sync_case (self);
  sync_access (self);
  build_compare (self);
  build_targets (self);
  build_pain (self);
  build_candidates (self);
  sync_devices (self);
  build_device_list (self);
  build_doses (self);
  build_warnings (self);
  focus_spot_restore (self, &spot);
  self->follow_target = -1;
  g_signal_emit (self, signals[OVERLAY_CHANGED], 0);
}

static gboolean
rebuild_idle_cb (gpointer data)
{
  RamusPlanPanel *self = data;

  self->rebuild_id = 0;
  rebuild (self);
  return G_SOURCE_REMOVE;
}

/* Before the next frame is laid out, so a change never shows stale. */
static void
plan_changed_cb (RamusPlanPanel *self)
{
  if (self->rebuild_id == 0)
    self->rebuild_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 10, rebuild_idle_cb, self, NULL);
}

/* --- actions -------------------------------------------------------------- */

static void
edit_case_action (GtkWidget  *widget,
                  const char *name,
                  GVariant   *param)
{
  ramus_plan_panel_show_case_form (RAMUS_PLAN_PANEL (widget), g_str_equal (name, "plan.edit-doses") ? "doses" : NULL);
}

static void
move_target_action (GtkWidget  *widget,
                    const char *name,
                    GVariant   *param)
{
  RamusPlanPanel *self = RAMUS_PLAN_PANEL (widget);
  g_autoptr(GError) error = NULL;
  guint from, to;

  g_variant_get (param, "(uu)", &from, &to);
  if (self->plan == NULL || from == to)
    return;
  self->follow_target = to;
  if (self->compare_target == from)
    self->compare_target = to;
  report (self, ramus_plan_move_target (self->plan, from, to, &error), error);
}

static void
remove_target_action (GtkWidget  *widget,
                      const char *name,
                      GVariant   *param)
{
  RamusPlanPanel *self = RAMUS_PLAN_PANEL (widget);
  g_autoptr(GError) error = NULL;

  if (self->plan)
    report (self, ramus_plan_remove_target (self->plan, g_variant_get_uint32 (param), &error), error);
}

static void
add_candidate_action (GtkWidget  *widget,
                      const char *name,
                      GVariant   *param)
{
  RamusPlanPanel *self = RAMUS_PLAN_PANEL (widget);
  g_autoptr(GError) error = NULL;
  GPtrArray *cands;
  guint index = g_variant_get_uint32 (param);

  if (self->plan == NULL)
    return;
  cands = ramus_plan_get_candidates (self->plan);
  if (index >= cands->len)
    return;
  report (self, ramus_plan_add_candidate (self->plan, g_ptr_array_index (cands, index), &error), error);
}

static void
remove_pain_point_action (GtkWidget  *widget,
                          const char *name,
                          GVariant   *param)
{
  RamusPlanPanel *self = RAMUS_PLAN_PANEL (widget);
  g_autoptr(GError) error = NULL;

  if (self->plan)
    report (self, ramus_plan_remove_pain_point (self->plan, g_variant_get_uint32 (param), &error), error);
}

/* --- GObject -------------------------------------------------------------- */

static void
ramus_plan_panel_dispose (GObject *object)
{
  RamusPlanPanel *self = RAMUS_PLAN_PANEL (object);
  GtkWidget *child;

  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  if (self->form_window)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->form_window), (gpointer *) &self->form_window);
      gtk_window_destroy (self->form_window);
      self->form_window = NULL;
    }
  if (self->plan)
    g_signal_handlers_disconnect_by_data (self->plan, self);
  g_clear_object (&self->plan);
  gtk_widget_dispose_template (GTK_WIDGET (object), RAMUS_TYPE_PLAN_PANEL);
  /* The template's top child has no id of its own to be disposed by. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (ramus_plan_panel_parent_class)->dispose (object);
}

static void
ramus_plan_panel_finalize (GObject *object)
{
  RamusPlanPanel *self = RAMUS_PLAN_PANEL (object);

  g_clear_pointer (&self->access_ids, g_ptr_array_unref);
  for (guint i = 0; i < N_DEVICE_TYPES; i++)
    g_clear_pointer (&self->device_ids[i], g_ptr_array_unref);
  G_OBJECT_CLASS (ramus_plan_panel_parent_class)->finalize (object);
}

static void
ramus_plan_panel_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  RamusPlanPanel *self = RAMUS_PLAN_PANEL (object);

  switch (prop_id)
    {
    case PROP_PLAN:
      g_value_set_object (value, self->plan);
      break;
    case PROP_PAIN_MODE:
      g_value_set_boolean (value, self->pain_mode);
      break;
    case PROP_PAIN_RADIUS:
      g_value_set_double (value, self->pain_radius);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ramus_plan_panel_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  RamusPlanPanel *self = RAMUS_PLAN_PANEL (object);

  switch (prop_id)
    {
    case PROP_PLAN:
      ramus_plan_panel_set_plan (self, g_value_get_object (value));
      break;
    case PROP_PAIN_MODE:
      ramus_plan_panel_set_pain_mode (self, g_value_get_boolean (value));
      break;
    case PROP_PAIN_RADIUS:
      {
        double radius = CLAMP (g_value_get_double (value), RAMUS_CANDIDATES_RADIUS_MIN_MM,
                               RAMUS_CANDIDATES_RADIUS_MAX_MM);
        if (radius != self->pain_radius)
          {
            self->pain_radius = radius;
            g_object_notify_by_pspec (object, pspec);
          }
      }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ramus_plan_panel_class_init (RamusPlanPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ramus_plan_panel_dispose;
  object_class->finalize = ramus_plan_panel_finalize;
  object_class->get_property = ramus_plan_panel_get_property;
  object_class->set_property = ramus_plan_panel_set_property;

  properties[PROP_PLAN] =
    g_param_spec_object ("plan", NULL, NULL, RAMUS_TYPE_PLAN,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Clicks on the canvas mark pain (the window reads this) instead of
   * toggling targets. */
  properties[PROP_PAIN_MODE] =
    g_param_spec_boolean ("pain-mode", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PAIN_RADIUS] =
    g_param_spec_double ("pain-radius", NULL, NULL, RAMUS_CANDIDATES_RADIUS_MIN_MM,
                         RAMUS_CANDIDATES_RADIUS_MAX_MM, RAMUS_PLAN_PANEL_PAIN_RADIUS_MM,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RamusPlanPanel::vessel-activated:
   * @vessel: (type gpointer): the RamusVessel of the target or candidate
   *
   * A target or candidate row was activated: the canvas centres it.
   */
  signals[VESSEL_ACTIVATED] = g_signal_new ("vessel-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                            0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);
  /**
   * RamusPlanPanel::overlay-changed:
   *
   * The routes or the targets changed: the canvas asks for
   * ramus_plan_panel_get_overlay() again.
   */
  signals[OVERLAY_CHANGED] = g_signal_new ("overlay-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  ramus_plan_history_install_actions (widget_class);
  gtk_widget_class_install_action (widget_class, "plan.edit-case", NULL, edit_case_action);
  gtk_widget_class_install_action (widget_class, "plan.edit-doses", NULL, edit_case_action);
  gtk_widget_class_install_action (widget_class, "plan.move-target", "(uu)", move_target_action);
  gtk_widget_class_install_action (widget_class, "plan.remove-target", "u", remove_target_action);
  gtk_widget_class_install_action (widget_class, "plan.add-candidate", "u", add_candidate_action);
  gtk_widget_class_install_action (widget_class, "plan.remove-pain-point", "u", remove_pain_point_action);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/ramus-plan-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, RamusPlanPanel, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RamusPlanPanel, scroller);
  gtk_widget_class_bind_template_child (widget_class, RamusPlanPanel, undo_button);
  gtk_widget_class_bind_template_child (widget_class, RamusPlanPanel, redo_button);
  gtk_widget_class_bind_template_child (widget_class, RamusPlanPanel, case_row);
  gtk_widget_class_bind_template_child (widget_class, RamusPlanPanel, right_button);
  gtk_widget_class_bind_template_child (widget_class, RamusPlanPanel, left_button);
  gtk_widget_class_bind_template_child (widget_class, RamusPlanPanel, access_row);
  gtk_widget_class_bind_template_child (widget_class, RamusPlanPanel, puncture_row);
  gtk_widget_class_bind_template_child (widget_class, RamusPlanPanel, puncture_box);
  gtk_widget_class_bind_template_child (widget_class, RamusPlanPanel, puncture_right_button);
  gtk_widget_class_bind_template_child (widget_class, RamusPlanPanel, puncture_left_button);
  gtk_widget_class_bind_template_child (widget_class, RamusPlanPanel, compare_label);
  gtk_widget_class_bind_template_child (widget_class, RamusPlanPanel, compare_list);
  gtk_widget_class_bind_template_child (widget_class, RamusPlanPanel, compare_note_label);
  gtk_widget_class_bind_template_child (widget_class, RamusPlanPanel, target_list);
  gtk_widget_class_bind_template_child (widget_class, RamusPlanPanel, pain_button);
  gtk_widget_class_bind_template_child (widget_class, RamusPlanPanel, pain_list);
  gtk_widget_class_bind_template_child (widget_class, RamusPlanPanel, pain_radius_row);
  gtk_widget_class_bind_template_child (widget_class, RamusPlanPanel, pain_radius_spin);
  gtk_widget_class_bind_template_child (widget_class, RamusPlanPanel, candidate_list);
  gtk_widget_class_bind_template_child (widget_class, RamusPlanPanel, candidate_placeholder);
  gtk_widget_class_bind_template_child (widget_class, RamusPlanPanel, sheath_row);
  gtk_widget_class_bind_template_child (widget_class, RamusPlanPanel, catheter_row);
  gtk_widget_class_bind_template_child (widget_class, RamusPlanPanel, microcatheter_row);
  gtk_widget_class_bind_template_child (widget_class, RamusPlanPanel, guidewire_row);
  gtk_widget_class_bind_template_child (widget_class, RamusPlanPanel, device_list);
  gtk_widget_class_bind_template_child (widget_class, RamusPlanPanel, dose_list);
  gtk_widget_class_bind_template_child (widget_class, RamusPlanPanel, warning_list);
  gtk_widget_class_bind_template_callback (widget_class, side_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, puncture_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, target_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, compare_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, candidate_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, pain_toggled_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "ramus-plan-panel");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
ramus_plan_panel_init (RamusPlanPanel *self)
{
  AdwComboRow *rows[N_DEVICE_TYPES];

  self->style = ramus_name_style_from_setting ("auto");
  self->pain_radius = RAMUS_PLAN_PANEL_PAIN_RADIUS_MM;
  self->follow_target = -1;
  gtk_widget_init_template (GTK_WIDGET (self));

  rows[RAMUS_DEVICE_SHEATH] = self->sheath_row;
  rows[RAMUS_DEVICE_CATHETER] = self->catheter_row;
  rows[RAMUS_DEVICE_MICROCATHETER] = self->microcatheter_row;
  rows[RAMUS_DEVICE_GUIDEWIRE] = self->guidewire_row;
  for (guint type = 0; type < N_DEVICE_TYPES; type++)
    {
      adw_combo_row_set_use_subtitle (rows[type], TRUE);
      g_object_set_data (G_OBJECT (rows[type]), "device-type", GUINT_TO_POINTER (type));
      g_signal_connect_object (rows[type], "notify::selected", G_CALLBACK (device_selected_cb), self,
                               G_CONNECT_SWAPPED);
    }
  adw_combo_row_set_use_subtitle (self->access_row, TRUE);
  g_signal_connect_object (self->access_row, "notify::selected", G_CALLBACK (access_selected_cb), self,
                           G_CONNECT_SWAPPED);
  g_object_bind_property (self, "pain-radius", gtk_spin_button_get_adjustment (self->pain_radius_spin), "value",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);

  ramus_plan_history_add_window_shortcuts (GTK_WIDGET (self));

  rebuild (self);
}

/* --- public --------------------------------------------------------------- */

GtkWidget *
ramus_plan_panel_new (RamusPlan *plan)
{
  g_return_val_if_fail (plan == NULL || RAMUS_IS_PLAN (plan), NULL);

  return g_object_new (RAMUS_TYPE_PLAN_PANEL, "plan", plan, NULL);
}

RamusPlan *
ramus_plan_panel_get_plan (RamusPlanPanel *self)
{
  g_return_val_if_fail (RAMUS_IS_PLAN_PANEL (self), NULL);

  return self->plan;
}

void
ramus_plan_panel_set_plan (RamusPlanPanel *self,
                           RamusPlan      *plan)
{
  g_return_if_fail (RAMUS_IS_PLAN_PANEL (self));
  g_return_if_fail (plan == NULL || RAMUS_IS_PLAN (plan));

  if (self->plan == plan)
    return;
  if (self->plan)
    g_signal_handlers_disconnect_by_data (self->plan, self);
  g_set_object (&self->plan, plan);
  if (plan)
    {
      g_signal_connect_object (plan, "changed", G_CALLBACK (plan_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (plan, "notify::can-undo", G_CALLBACK (update_history_actions), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (plan, "notify::can-redo", G_CALLBACK (update_history_actions), self,
                               G_CONNECT_SWAPPED);
    }
  if (self->form_window)
    gtk_window_destroy (self->form_window);
  self->compare_target = 0;
  setup_access_model (self);
  setup_device_models (self);
  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAN]);
}

/* Vessel names in the name-language setting's language (and English
 * beneath, bilingual). */
void
ramus_plan_panel_set_name_style (RamusPlanPanel *self,
                                 RamusNameStyle  style)
{
  g_return_if_fail (RAMUS_IS_PLAN_PANEL (self));

  if (self->style.primary == style.primary && self->style.bilingual == style.bilingual)
    return;
  self->style = style;
  rebuild (self);
}

gboolean
ramus_plan_panel_get_pain_mode (RamusPlanPanel *self)
{
  g_return_val_if_fail (RAMUS_IS_PLAN_PANEL (self), FALSE);

  return self->pain_mode;
}

void
ramus_plan_panel_set_pain_mode (RamusPlanPanel *self,
                                gboolean        pain_mode)
{
  g_return_if_fail (RAMUS_IS_PLAN_PANEL (self));

  pain_mode = !!pain_mode;
  if (self->pain_mode == pain_mode)
    return;
  self->pain_mode = pain_mode;
  gtk_toggle_button_set_active (self->pain_button, pain_mode);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAIN_MODE]);
}

double
ramus_plan_panel_get_pain_radius (RamusPlanPanel *self)
{
  g_return_val_if_fail (RAMUS_IS_PLAN_PANEL (self), RAMUS_PLAN_PANEL_PAIN_RADIUS_MM);

  return self->pain_radius;
}

/* A click on a vessel of the canvas: adds it as the last target, or removes
 * it when it is one. A refusal (not a vessel of the region…) is shown in
 * the panel and returned. */
gboolean
ramus_plan_panel_toggle_target (RamusPlanPanel    *self,
                                const RamusVessel *vessel,
                                GError           **error)
{
  g_autoptr(GError) local_error = NULL;
  gboolean ok;

  g_return_val_if_fail (RAMUS_IS_PLAN_PANEL (self), FALSE);
  g_return_val_if_fail (vessel != NULL, FALSE);
  g_return_val_if_fail (self->plan != NULL, FALSE);

  ok = ramus_plan_toggle_target (self->plan, vessel->id, &local_error);
  report (self, ok, local_error);
  if (!ok && error)
    *error = g_steal_pointer (&local_error);
  return ok;
}

/* A pain mark at (x_mm, y_mm) of the region's drawing as authored (a click
 * on a mirrored left limb is un-mirrored first: ramus_viewport_to_world
 * does it). A radius ≤ 0 takes the panel's pain-radius. */
gboolean
ramus_plan_panel_add_pain_point (RamusPlanPanel *self,
                                 double          x_mm,
                                 double          y_mm,
                                 double          radius_mm,
                                 GError        **error)
{
  g_autoptr(GError) local_error = NULL;
  gboolean ok;

  g_return_val_if_fail (RAMUS_IS_PLAN_PANEL (self), FALSE);
  g_return_val_if_fail (self->plan != NULL, FALSE);

  if (!(radius_mm > 0))
    radius_mm = self->pain_radius;
  ok = ramus_plan_add_pain_point (self->plan, x_mm, y_mm, radius_mm, &local_error);
  report (self, ok, local_error);
  if (!ok && error)
    *error = g_steal_pointer (&local_error);
  return ok;
}

/**
 * ramus_plan_panel_get_overlay:
 * @route: (out) (transfer container) (element-type RamusVessel): the vessels of
 *   every target's route, each once, puncture first
 * @targets: (out) (transfer container) (element-type RamusVessel): the targets
 *   in plan order, numbered from 1 on the canvas
 *
 * What ramus_atlas_view_set_route() draws.
 */
void
ramus_plan_panel_get_overlay (RamusPlanPanel  *self,
                              GPtrArray      **route,
                              GPtrArray      **targets)
{
  g_autoptr(GPtrArray) r = g_ptr_array_new ();
  g_autoptr(GPtrArray) t = g_ptr_array_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

  g_return_if_fail (RAMUS_IS_PLAN_PANEL (self));

  for (guint i = 0; self->plan && i < ramus_plan_get_n_targets (self->plan); i++)
    {
      const RamusPlanTarget *pt = ramus_plan_get_target (self->plan, i);

      if (pt->vessel == NULL)
        continue;
      g_ptr_array_add (t, (gpointer) pt->vessel);
      for (guint s = 0; pt->route && s < pt->route->steps->len; s++)
        {
          const RamusVessel *v = g_array_index (pt->route->steps, RamusRouteStep, s).vessel;
          if (g_hash_table_add (seen, (gpointer) v))
            g_ptr_array_add (r, (gpointer) v);
        }
    }
  if (route)
    *route = g_steal_pointer (&r);
  if (targets)
    *targets = g_steal_pointer (&t);
}

/**
 * ramus_plan_panel_show_case_form:
 * @section: (nullable): "doses" to open the form at the dose inputs
 *
 * Opens the case details in a dialog over the window (or raises it).
 *
 * Returns: (transfer none): the form
 */
GtkWidget *
ramus_plan_panel_show_case_form (RamusPlanPanel *self,
                                 const char     *section)
{
  GtkRoot *root;
  GtkWidget *form;

  g_return_val_if_fail (RAMUS_IS_PLAN_PANEL (self), NULL);
  g_return_val_if_fail (self->plan != NULL, NULL);

  if (self->form_window == NULL)
    {
      root = gtk_widget_get_root (GTK_WIDGET (self));
      self->form_window = GTK_WINDOW (adw_window_new ());
      gtk_window_set_title (self->form_window, _("Case Details"));
      gtk_window_set_modal (self->form_window, TRUE);
      gtk_window_set_destroy_with_parent (self->form_window, TRUE);
      gtk_window_set_default_size (self->form_window, 520, 720);
      if (GTK_IS_WINDOW (root))
        gtk_window_set_transient_for (self->form_window, GTK_WINDOW (root));
      adw_window_set_content (ADW_WINDOW (self->form_window), ramus_case_form_new (self->plan));
      g_object_add_weak_pointer (G_OBJECT (self->form_window), (gpointer *) &self->form_window);
    }
  form = adw_window_get_content (ADW_WINDOW (self->form_window));
  if (section)
    ramus_case_form_scroll_to (RAMUS_CASE_FORM (form), section);
  gtk_window_present (self->form_window);
  return form;
}
