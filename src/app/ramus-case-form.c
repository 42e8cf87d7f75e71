/* ramus-case-form.c — the case details of a plan
 *
 * Every field writes through the plan's undoable edits and shows, beside
 * itself, what the core says about it: a refused value keeps what was typed
 * with the core's message in the row's subtitle (and the case keeps its
 * previous value); a value the case still needs or cannot keep (a stage
 * the indication requires, a score out of range in a loaded file) shows the
 * case check's message. Fields follow the region and the indication: the
 * stage fields of the indication, the scores of the region, the liver's
 * variant and tumours, the dose inputs of the procedure. A field that holds a
 * value stays visible even where it does not belong, so it can be cleared.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ramus-case-form"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "ramus-case-form.h"
#include "ramus-name-style.h"
#include "ramus-plan-format.h"
#include "ramus-plan-history.h"

/* Entries: numbers and free text. */
typedef struct
{
  const char *path;
  const char *name;                /* template ids NAME_row and NAME_entry */
  gboolean text;
  int decimals;
} FieldInfo;

static const FieldInfo field_infos[] = {
  { "pseudonym", "pseudonym", TRUE, 0 },
  { "indication.primary", "primary", TRUE, 0 },
  { "indication.lesion", "lesion", TRUE, 0 },
  { "patient.age_years", "age", FALSE, 0 },
  { "patient.height_cm", "height", FALSE, 1 },
  { "patient.weight_kg", "weight", FALSE, 1 },
  { "patient.egfr_ml_min", "egfr", FALSE, 0 },
  { "baseline.vas", "vas", FALSE, 1 },
  { "baseline.nrs", "nrs", FALSE, 1 },
  { "baseline.womac", "womac", FALSE, 1 },
  { "baseline.ases", "ases", FALSE, 1 },
  { "baseline.quickdash", "quickdash", FALSE, 1 },
  { "baseline.afp_ng_ml", "afp", FALSE, 2 },
  { "baseline.pivka_ii_mau_ml", "pivka", FALSE, 2 },
  { "doses.imipenem_g", "imipenem", FALSE, 2 },
  { "doses.imipenem_contrast_ml", "contrast_ml", FALSE, 1 },
  { "doses.doxorubicin_mg_per_m2", "doxorubicin", FALSE, 1 },
  { "doses.lipiodol_ml", "lipiodol", FALSE, 1 },
  { "doses.deb_loading_mg", "deb_loading", FALSE, 1 },
};

#define N_FIELDS G_N_ELEMENTS (field_infos)

/* Choosers. */
typedef struct
{
  const char *path;
  const char *name;                /* template id NAME_row */
  gboolean integer;
} ChoiceInfo;

static const ChoiceInfo choice_infos[] = {
  { "region", "region", FALSE },
  { "indication.id", "indication", FALSE },
  { "indication.kellgren_lawrence", "kellgren_lawrence", TRUE },
  { "indication.eaton_littler", "eaton_littler", TRUE },
  { "indication.bclc", "bclc", FALSE },
  { "indication.child_pugh", "child_pugh", FALSE },
  { "indication.level", "level", FALSE },
  { "patient.sex", "sex", FALSE },
  { "liver.michels", "michels", FALSE },
  { "doses.bsa_formula", "bsa_formula", FALSE },
};

#define N_CHOICES G_N_ELEMENTS (choice_infos)

typedef enum
{
  CHOICE_REGION,
  CHOICE_INDICATION,
  CHOICE_KL,
  CHOICE_EL,
  CHOICE_BCLC,
  CHOICE_CHILD_PUGH,
  CHOICE_LEVEL,
  CHOICE_SEX,
  CHOICE_MICHELS,
  CHOICE_BSA,
} ChoiceId;

/* What a row says under its title. */
typedef struct
{
  AdwActionRow *row;
  char *hint;                      /* the subtitle of the template */
  char *error;                     /* a refused edit, until the next edit */
  const char *shown_message;       /* error or problem now shown, or NULL */
} RowMessage;

typedef struct
{
  const FieldInfo *info;
  GtkEntry *entry;
  RowMessage msg;
  char *shown;                     /* the case's value as last shown */
  char *typed;                     /* the refused text */
} Field;

typedef struct
{
  const ChoiceInfo *info;
  AdwComboRow *combo;
  RowMessage msg;
  GPtrArray *values;               /* position → value (NULL: not recorded) */
  char *shown;
} Choice;

struct _RamusCaseForm
{
  GtkWidget parent_instance;

  RamusPlan *plan;
  gboolean syncing;
  guint sync_id;
  guint scroll_id;
  char *indication_region;         /* the region the indication list is for */
  char *pending_section;
  Field fields[N_FIELDS];
  Choice choices[N_CHOICES];
  RowMessage tumour_msg;

  AdwWindowTitle *window_title;
  GtkScrolledWindow *scroller;
  GtkWidget *content;
  GtkWidget *case_group;
  GtkWidget *patient_group;
  GtkWidget *allergy_group;
  GtkWidget *scores_group;
  GtkWidget *liver_group;
  GtkWidget *doses_group;
  GtkToggleButton *right_button;
  GtkToggleButton *left_button;
  GtkCheckButton *carbapenem_check;
  GtkCheckButton *beta_lactam_check;
  GtkCheckButton *contrast_check;
  AdwActionRow *tumour_add_row;
  GtkDropDown *segment_dropdown;
  GtkEntry *diameter_entry;
  GtkListBox *tumour_list;
};

G_DEFINE_FINAL_TYPE (RamusCaseForm, ramus_case_form, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_PLAN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void sync_form (RamusCaseForm *self);

/* --- reading the case by path -------------------------------------------- */

static double
case_number (const RamusCase *c,
             const char      *path)
{
  RamusScore score;

  if (g_str_has_prefix (path, "baseline.") && ramus_score_from_key (path + strlen ("baseline."), &score))
    return c->baseline.values[score];
  if (g_str_equal (path, "patient.age_years"))
    return c->patient.age_years == RAMUS_CASE_UNSET ? NAN : c->patient.age_years;
  if (g_str_equal (path, "patient.height_cm"))
    return c->patient.height_cm;
  if (g_str_equal (path, "patient.weight_kg"))
    return c->patient.weight_kg;
  if (g_str_equal (path, "patient.egfr_ml_min"))
    return c->patient.egfr_ml_min;
  if (g_str_equal (path, "indication.kellgren_lawrence"))
    return c->indication.kellgren_lawrence == RAMUS_CASE_UNSET ? NAN : c->indication.kellgren_lawrence;
  if (g_str_equal (path, "indication.eaton_littler"))
    return c->indication.eaton_littler == RAMUS_CASE_UNSET ? NAN : c->indication.eaton_littler;
  if (g_str_equal (path, "doses.imipenem_g"))
    return c->doses.imipenem_g;
  if (g_str_equal (path, "doses.imipenem_contrast_ml"))
    return c->doses.imipenem_contrast_ml;
  if (g_str_equal (path, "doses.doxorubicin_mg_per_m2"))
    return c->doses.doxorubicin_mg_per_m2;
  if (g_str_equal (path, "doses.lipiodol_ml"))
    return c->doses.lipiodol_ml;
  if (g_str_equal (path, "doses.deb_loading_mg"))
    return c->doses.deb_loading_mg;
  g_assert_not_reached ();
}

static const char *
case_text (const RamusCase *c,
           const char      *path)
{
  static const struct
  {
    const char *path;
    gsize offset;
  } texts[] = {
    { "pseudonym", G_STRUCT_OFFSET (RamusCase, pseudonym) },
    { "region", G_STRUCT_OFFSET (RamusCase, region) },
    { "indication.id", G_STRUCT_OFFSET (RamusCase, indication.id) },
    { "indication.primary", G_STRUCT_OFFSET (RamusCase, indication.primary) },
    { "indication.lesion", G_STRUCT_OFFSET (RamusCase, indication.lesion) },
    { "indication.bclc", G_STRUCT_OFFSET (RamusCase, indication.bclc) },
    { "indication.child_pugh", G_STRUCT_OFFSET (RamusCase, indication.child_pugh) },
    { "indication.level", G_STRUCT_OFFSET (RamusCase, indication.level) },
    { "patient.sex", G_STRUCT_OFFSET (RamusCase, patient.sex) },
    { "liver.michels", G_STRUCT_OFFSET (RamusCase, liver.michels) },
    { "doses.bsa_formula", G_STRUCT_OFFSET (RamusCase, doses.bsa_formula) },
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    if (g_str_equal (texts[i].path, path))
      return G_STRUCT_MEMBER (char *, c, texts[i].offset);
  g_assert_not_reached ();
}

/* The value as the field shows it. */
static char *
field_value_text (const RamusCase *c,
                  const Field     *f)
{
  if (f->info->text)
    return g_strdup (case_text (c, f->info->path) ? case_text (c, f->info->path) : "");
  return ramus_format_number (case_number (c, f->info->path), f->info->decimals);
}

static char *
choice_value (const RamusCase *c,
              const Choice    *ch)
{
  if (ch->info->integer)
    {
      double v = case_number (c, ch->info->path);
      return isnan (v) ? NULL : g_strdup_printf ("%d", (int) v);
    }
  return g_strdup (case_text (c, ch->info->path));
}

/* --- row messages --------------------------------------------------------- */

static const RamusCaseProblem *
find_problem (RamusCaseForm *self,
              const char    *path)
{
  GPtrArray *problems = ramus_plan_get_problems (self->plan);

  for (guint i = 0; i < problems->len; i++)
    {
      const RamusCaseProblem *p = g_ptr_array_index (problems, i);
      if (g_str_equal (p->path, path))
        return p;
    }
  return NULL;
}

static void
row_message_init (RowMessage   *msg,
                  AdwActionRow *row)
{
  msg->row = row;
  msg->hint = g_strdup (adw_action_row_get_subtitle (row));
}

static void
row_message_clear (RowMessage *msg)
{
  g_clear_pointer (&msg->hint, g_free);
  g_clear_pointer (&msg->error, g_free);
}

/* The refused edit's message, else the case check's, else the hint. */
static void
row_message_show (RamusCaseForm *self,
                  RowMessage    *msg,
                  const char    *path,
                  GtkWidget     *field)
{
  const RamusCaseProblem *problem = self->plan && path ? find_problem (self, path) : NULL;
  const char *text = msg->hint;
  g_autofree char *escaped = NULL;

  msg->shown_message = NULL;
  gtk_widget_remove_css_class (GTK_WIDGET (msg->row), "field-error");
  gtk_widget_remove_css_class (GTK_WIDGET (msg->row), "field-problem");
  if (field)
    gtk_widget_remove_css_class (field, "error");
  if (msg->error)
    {
      text = msg->shown_message = msg->error;
      gtk_widget_add_css_class (GTK_WIDGET (msg->row), "field-error");
      if (field)
        gtk_widget_add_css_class (field, "error");
    }
  else if (problem)
    {
      text = msg->shown_message = ramus_strip_path (problem->message, path);
      gtk_widget_add_css_class (GTK_WIDGET (msg->row), "field-problem");
    }
  escaped = g_markup_escape_text (text ? text : "", -1);
  adw_action_row_set_subtitle (msg->row, escaped);
  gtk_accessible_update_property (GTK_ACCESSIBLE (msg->row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  text ? text : "", -1);
}

static void
field_show (RamusCaseForm *self,
            Field         *f)
{
  row_message_show (self, &f->msg, f->info->path, GTK_WIDGET (f->entry));
}

static void
choice_show (RamusCaseForm *self,
             Choice        *ch)
{
  row_message_show (self, &ch->msg, ch->info->path, NULL);
}

/* --- entries -------------------------------------------------------------- */

static void
commit_field (RamusCaseForm *self,
              Field         *f)
{
  g_autoptr(GError) error = NULL;
  const char *text;
  gboolean ok;
  double value;

  if (self->plan == NULL || self->syncing || gtk_widget_in_destruction (GTK_WIDGET (self)))
    return;
  text = gtk_editable_get_text (GTK_EDITABLE (f->entry));
  /* Nothing new: the value shown, or the text already refused. */
  if (f->msg.error == NULL && g_strcmp0 (text, f->shown) == 0)
    return;
  if (f->msg.error != NULL && g_strcmp0 (text, f->typed) == 0)
    return;

  if (f->info->text)
    ok = ramus_plan_set_text (self->plan, f->info->path, text, &error);
  else if (!ramus_parse_number (text, &value))
    {
      ok = FALSE;
      /* Translators: %s is what was typed in a number field */
      g_set_error (&error, RAMUS_PLAN_ERROR, RAMUS_PLAN_ERROR_INVALID, _("“%s” is not a number"), text);
    }
  else
    ok = ramus_plan_set_number (self->plan, f->info->path, value, &error);

  g_clear_pointer (&f->msg.error, g_free);
  g_clear_pointer (&f->typed, g_free);
  if (!ok)
    {
      f->msg.error = g_strdup (ramus_strip_path (error->message, f->info->path));
      f->typed = g_strdup (text);
    }
  else
    {
      /* The case's own form of the value ("170.0" → "170"); an edit that
       * changed nothing emits no RamusPlan::changed. */
      g_autofree char *shown = field_value_text (ramus_plan_get_case (self->plan), f);
      g_free (f->shown);
      f->shown = g_strdup (shown);
      self->syncing = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (f->entry), shown);
      self->syncing = FALSE;
    }
  field_show (self, f);
}

static Field *
field_for_entry (RamusCaseForm *self,
                 gpointer       entry)
{
  for (guint i = 0; i < N_FIELDS; i++)
    if (self->fields[i].entry == entry)
      return &self->fields[i];
  return NULL;
}

static void
entry_activate_cb (RamusCaseForm *self,
                   GtkEntry      *entry)
{
  Field *f = field_for_entry (self, entry);

  if (f)
    commit_field (self, f);
}

static void
entry_leave_cb (RamusCaseForm            *self,
                GtkEventControllerFocus  *controller)
{
  entry_activate_cb (self, GTK_ENTRY (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller))));
}

static void
sync_field (RamusCaseForm *self,
            Field         *f)
{
  const RamusCase *c = ramus_plan_get_case (self->plan);
  g_autofree char *value = field_value_text (c, f);

  /* The case changed under a refused text (undo, another view): the case
   * wins. Otherwise a refused text stays for the person to correct. */
  if (f->msg.error && g_strcmp0 (value, f->shown) != 0)
    {
      g_clear_pointer (&f->msg.error, g_free);
      g_clear_pointer (&f->typed, g_free);
    }
  if (f->msg.error == NULL && g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (f->entry)), value) != 0)
    gtk_editable_set_text (GTK_EDITABLE (f->entry), value);
  g_free (f->shown);
  f->shown = g_steal_pointer (&value);
  field_show (self, f);
}

/* --- choosers ------------------------------------------------------------- */

/* @unset: the label of "no value", or NULL when the field needs one. */
static void
choice_set_items (RamusCaseForm      *self,
                  Choice             *ch,
                  const char         *unset,
                  const char * const *values,
                  const char * const *labels)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  gboolean was_syncing = self->syncing;

  g_clear_pointer (&ch->values, g_ptr_array_unref);
  ch->values = g_ptr_array_new_with_free_func (g_free);
  if (unset)
    {
      gtk_string_list_append (list, unset);
      g_ptr_array_add (ch->values, NULL);
    }
  for (guint i = 0; values[i]; i++)
    {
      gtk_string_list_append (list, labels ? labels[i] : values[i]);
      g_ptr_array_add (ch->values, g_strdup (values[i]));
    }
  self->syncing = TRUE;
  adw_combo_row_set_model (ch->combo, G_LIST_MODEL (list));
  self->syncing = was_syncing;
}

static const char *
level_label (const char *level)
{
  if (g_str_equal (level, "ilium"))
    return _("Ilium");
  if (g_str_equal (level, "acetabulum"))
    return _("Acetabulum");
  if (g_str_equal (level, "pubis"))
    return _("Pubis");
  if (g_str_equal (level, "ischium"))
    return _("Ischium");
  if (g_str_equal (level, "sacrum"))
    return _("Sacrum");
  return level;
}

static const char *
sex_label (const char *sex)
{
  if (g_str_equal (sex, "female"))
    return _("Female");
  if (g_str_equal (sex, "male"))
    return _("Male");
  return _("Other");
}

static const char *
bsa_label (const char *formula)
{
  if (g_str_equal (formula, "dubois"))
    return _("DuBois and DuBois");
  return _("Mosteller");
}

static void
setup_static_choices (RamusCaseForm *self)
{
  static const char * const kl[] = { "0", "1", "2", "3", "4", NULL };
  static const char * const el[] = { "1", "2", "3", "4", NULL };
  const char * const *levels = ramus_case_allowed_values ("indication.level");
  const char * const *sexes = ramus_case_allowed_values ("patient.sex");
  const char * const *bsa = ramus_case_allowed_values ("doses.bsa_formula");
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  choice_set_items (self, &self->choices[CHOICE_KL], _("Not recorded"), kl, NULL);
  choice_set_items (self, &self->choices[CHOICE_EL], _("Not recorded"), el, NULL);
  choice_set_items (self, &self->choices[CHOICE_BCLC], _("Not recorded"),
                    ramus_case_allowed_values ("indication.bclc"), NULL);
  choice_set_items (self, &self->choices[CHOICE_CHILD_PUGH], _("Not recorded"),
                    ramus_case_allowed_values ("indication.child_pugh"), NULL);
  for (guint i = 0; levels[i]; i++)
    g_ptr_array_add (labels, (gpointer) level_label (levels[i]));
  g_ptr_array_add (labels, NULL);
  choice_set_items (self, &self->choices[CHOICE_LEVEL], _("Not recorded"), levels,
                    (const char * const *) labels->pdata);
  g_ptr_array_set_size (labels, 0);
  for (guint i = 0; sexes[i]; i++)
    g_ptr_array_add (labels, (gpointer) sex_label (sexes[i]));
  g_ptr_array_add (labels, NULL);
  choice_set_items (self, &self->choices[CHOICE_SEX], _("Not recorded"), sexes,
                    (const char * const *) labels->pdata);
  g_ptr_array_set_size (labels, 0);
  for (guint i = 0; bsa[i]; i++)
    g_ptr_array_add (labels, (gpointer) bsa_label (bsa[i]));
  g_ptr_array_add (labels, NULL);
  choice_set_items (self, &self->choices[CHOICE_BSA], _("Mosteller (the default)"), bsa,
                    (const char * const *) labels->pdata);
}

/* Regions and the Michels variants come from the plan's atlas. */
static void
setup_atlas_choices (RamusCaseForm *self)
{
  RamusAtlas *atlas = ramus_plan_get_atlas (self->plan);
  RamusNameStyle ui = { ramus_name_style_ui_lang (), FALSE };
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GPtrArray) variants = ramus_atlas_get_variants (atlas, "michels");

  for (guint i = 0; i < ramus_atlas_get_n_regions (atlas); i++)
    {
      const RamusRegion *r = ramus_atlas_get_region (atlas, i);
      g_ptr_array_add (ids, r->id);
      g_ptr_array_add (names, (gpointer) ramus_name_style_pick (ui, r->names));
    }
  g_ptr_array_add (ids, NULL);
  g_ptr_array_add (names, NULL);
  choice_set_items (self, &self->choices[CHOICE_REGION], NULL, (const char * const *) ids->pdata,
                    (const char * const *) names->pdata);

  g_ptr_array_set_size (ids, 0);
  g_ptr_array_set_size (names, 0);
  for (guint i = 0; variants && i < variants->len; i++)
    {
      const RamusVariant *v = g_ptr_array_index (variants, i);
      g_ptr_array_add (ids, v->id);
      g_ptr_array_add (names, (gpointer) ramus_name_style_pick (ui, v->names));
    }
  g_ptr_array_add (ids, NULL);
  g_ptr_array_add (names, NULL);
  choice_set_items (self, &self->choices[CHOICE_MICHELS], _("Not recorded"), (const char * const *) ids->pdata,
                    (const char * const *) names->pdata);
  g_clear_pointer (&self->indication_region, g_free);
}

static void
setup_indications (RamusCaseForm *self,
                   const char    *region)
{
  g_autoptr(GPtrArray) list = ramus_indications_for_region (region);
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  if (g_strcmp0 (self->indication_region, region) == 0)
    return;
  g_free (self->indication_region);
  self->indication_region = g_strdup (region);
  for (guint i = 0; i < list->len; i++)
    {
      const RamusIndication *ind = g_ptr_array_index (list, i);
      g_ptr_array_add (ids, (gpointer) ind->id);
      g_ptr_array_add (names, (gpointer) ramus_indication_get_name (ind));
    }
  g_ptr_array_add (ids, NULL);
  g_ptr_array_add (names, NULL);
  choice_set_items (self, &self->choices[CHOICE_INDICATION], _("Not chosen"), (const char * const *) ids->pdata,
                    (const char * const *) names->pdata);
}

static void
choice_selected_cb (RamusCaseForm *self,
                    GParamSpec    *pspec,
                    AdwComboRow   *combo)
{
  g_autoptr(GError) error = NULL;
  Choice *ch = NULL;
  const char *value;
  guint pos;
  gboolean ok;

  if (self->syncing || self->plan == NULL)
    return;
  for (guint i = 0; i < N_CHOICES; i++)
    if (self->choices[i].combo == combo)
      ch = &self->choices[i];
  pos = adw_combo_row_get_selected (combo);
  if (ch == NULL || ch->values == NULL || pos >= ch->values->len)
    return;
  value = g_ptr_array_index (ch->values, pos);
  if (ch->info->integer)
    ok = ramus_plan_set_number (self->plan, ch->info->path, value ? g_ascii_strtod (value, NULL) : NAN, &error);
  else
    ok = ramus_plan_set_text (self->plan, ch->info->path, value, &error);
  g_clear_pointer (&ch->msg.error, g_free);
  if (!ok)
    ch->msg.error = g_strdup (ramus_strip_path (error->message, ch->info->path));
  choice_show (self, ch);
  /* A refused choice goes back to the case's value. */
  if (!ok)
    sync_form (self);
}

static void
sync_choice (RamusCaseForm *self,
             Choice        *ch)
{
  g_autofree char *value = choice_value (ramus_plan_get_case (self->plan), ch);
  guint pos = GTK_INVALID_LIST_POSITION;

  if (ch->msg.error && g_strcmp0 (value, ch->shown) != 0)
    g_clear_pointer (&ch->msg.error, g_free);
  for (guint i = 0; ch->values && i < ch->values->len; i++)
    if (g_strcmp0 (g_ptr_array_index (ch->values, i), value) == 0)
      pos = i;
  adw_combo_row_set_selected (ch->combo, pos);
  g_free (ch->shown);
  ch->shown = g_steal_pointer (&value);
  choice_show (self, ch);
}

/* --- side and allergies --------------------------------------------------- */

static void
side_toggled_cb (RamusCaseForm   *self,
                 GtkToggleButton *button)
{
  g_autoptr(GError) error = NULL;

  if (self->syncing || self->plan == NULL || !gtk_toggle_button_get_active (button))
    return;
  ramus_plan_set_side (self->plan, button == self->left_button ? RAMUS_SIDE_LEFT : RAMUS_SIDE_RIGHT, &error);
}

static void
allergy_toggled_cb (RamusCaseForm *self)
{
  const char *list[4];
  guint n = 0;

  if (self->syncing || self->plan == NULL)
    return;
  if (gtk_check_button_get_active (self->carbapenem_check))
    list[n++] = "carbapenem";
  if (gtk_check_button_get_active (self->beta_lactam_check))
    list[n++] = "beta-lactam";
  if (gtk_check_button_get_active (self->contrast_check))
    list[n++] = "iodinated-contrast";
  list[n] = NULL;
  ramus_plan_set_allergies (self->plan, list, NULL);
}

static gboolean
has_allergy (const RamusCase *c,
             const char      *allergy)
{
  return c->patient.allergies && g_strv_contains ((const char * const *) c->patient.allergies, allergy);
}

/* --- tumours -------------------------------------------------------------- */

static void
remove_tumour_cb (RamusCaseForm *self,
                  GtkButton     *button)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "tumour-index"));

  if (self->plan)
    ramus_plan_remove_tumour (self->plan, index, NULL);
}

static void
add_tumour_cb (RamusCaseForm *self)
{
  const char * const *segments = ramus_case_allowed_values ("liver.tumours.segment");
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->diameter_entry));
  guint pos = gtk_drop_down_get_selected (self->segment_dropdown);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  double diameter;
  gboolean ok = FALSE;

  if (self->plan == NULL || pos == GTK_INVALID_LIST_POSITION)
    return;
  path = g_strdup_printf ("liver.tumours[%u]", ramus_plan_get_case (self->plan)->liver.tumours->len);
  if (!ramus_parse_number (text, &diameter))
    g_set_error (&error, RAMUS_PLAN_ERROR, RAMUS_PLAN_ERROR_INVALID, _("“%s” is not a number"), text);
  else if (isnan (diameter))
    g_set_error_literal (&error, RAMUS_PLAN_ERROR, RAMUS_PLAN_ERROR_INVALID,
                         _("Enter the tumour’s largest diameter in mm."));
  else
    ok = ramus_plan_add_tumour (self->plan, segments[pos], diameter, &error);

  g_clear_pointer (&self->tumour_msg.error, g_free);
  if (!ok)
    {
      g_autofree char *dia = g_strconcat (path, ".diameter_mm", NULL);
      self->tumour_msg.error = g_strdup (ramus_strip_path (ramus_strip_path (error->message, dia), path));
      gtk_widget_add_css_class (GTK_WIDGET (self->diameter_entry), "error");
    }
  else
    {
      gtk_editable_set_text (GTK_EDITABLE (self->diameter_entry), "");
      gtk_widget_remove_css_class (GTK_WIDGET (self->diameter_entry), "error");
    }
  row_message_show (self, &self->tumour_msg, NULL, NULL);
}

static void
build_tumours (RamusCaseForm *self)
{
  const RamusCase *c = ramus_plan_get_case (self->plan);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->tumour_list)); child;)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (child);
      if (GTK_IS_LIST_BOX_ROW (child))
        gtk_list_box_remove (self->tumour_list, child);
      child = next;
    }
  for (guint i = 0; i < c->liver.tumours->len; i++)
    {
      const RamusTumour *t = &g_array_index (c->liver.tumours, RamusTumour, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = gtk_button_new_from_icon_name ("edit-delete-symbolic");
      g_autofree char *d = ramus_format_number (t->diameter_mm, 1);
      /* Translators: a liver tumour, "Segment VII, 30 mm" */
      g_autofree char *title = g_strdup_printf (_("Segment %s, %s mm"), t->segment ? t->segment : "?", d);
      g_autofree char *tooltip = g_strdup_printf (_("Remove tumour %u"), i + 1);
      g_autofree char *seg_path = g_strdup_printf ("liver.tumours[%u].segment", i);
      g_autofree char *dia_path = g_strdup_printf ("liver.tumours[%u].diameter_mm", i);
      const RamusCaseProblem *problem = find_problem (self, seg_path);

      if (problem == NULL)
        problem = find_problem (self, dia_path);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      if (problem)
        {
          g_autofree char *escaped = g_markup_escape_text (problem->message, -1);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
          gtk_widget_add_css_class (row, "field-problem");
        }
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (button, tooltip);
      gtk_widget_add_css_class (button, "flat");
      g_object_set_data (G_OBJECT (button), "tumour-index", GUINT_TO_POINTER (i));
      g_signal_connect_object (button, "clicked", G_CALLBACK (remove_tumour_cb), self, G_CONNECT_SWAPPED);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      gtk_list_box_append (self->tumour_list, row);
    }
}

/* --- the whole form ------------------------------------------------------- */

static gboolean
uses_embolic (const RamusCase *c,
              const char      *embolic)
{
  for (guint i = 0; i < c->targets->len; i++)
    if (g_strcmp0 (g_array_index (c->targets, RamusTarget, i).embolic, embolic) == 0)
      return TRUE;
  return FALSE;
}

static void
set_row_visible (RamusCaseForm *self,
                 const char    *path,
                 gboolean       visible)
{
  for (guint i = 0; i < N_FIELDS; i++)
    if (g_str_equal (self->fields[i].info->path, path))
      gtk_widget_set_visible (GTK_WIDGET (self->fields[i].msg.row), visible ||
                              *gtk_editable_get_text (GTK_EDITABLE (self->fields[i].entry)) != '\0');
  for (guint i = 0; i < N_CHOICES; i++)
    if (g_str_equal (self->choices[i].info->path, path))
      gtk_widget_set_visible (GTK_WIDGET (self->choices[i].combo), visible || self->choices[i].shown != NULL);
}

static void
update_visibility (RamusCaseForm *self)
{
  const RamusCase *c = ramus_plan_get_case (self->plan);
  const RamusIndication *ind = c->indication.id ? ramus_indication_lookup (c->indication.id) : NULL;
  RamusStageFields stage = ind ? ind->fields : 0;
  gboolean liver = g_strcmp0 (c->region, "liver") == 0;
  gboolean spine = g_strcmp0 (c->region, "spine-pelvis") == 0;
  gboolean imipenem = (!liver && !spine) || uses_embolic (c, "imipenem-cilastatin");

  set_row_visible (self, "indication.kellgren_lawrence", stage & RAMUS_STAGE_KELLGREN_LAWRENCE);
  set_row_visible (self, "indication.eaton_littler", stage & RAMUS_STAGE_EATON_LITTLER);
  set_row_visible (self, "indication.bclc", stage & RAMUS_STAGE_BCLC);
  set_row_visible (self, "indication.child_pugh", stage & RAMUS_STAGE_CHILD_PUGH);
  set_row_visible (self, "indication.primary", stage & RAMUS_STAGE_PRIMARY);
  set_row_visible (self, "indication.level", stage & RAMUS_STAGE_LEVEL);
  set_row_visible (self, "indication.lesion", stage & RAMUS_STAGE_LESION);
  for (guint i = 0; i < RAMUS_N_SCORES; i++)
    {
      g_autofree char *path = g_strconcat ("baseline.", ramus_score_get_info (i)->key, NULL);
      set_row_visible (self, path, c->region && ramus_score_in_region (i, c->region));
    }
  gtk_widget_set_visible (self->liver_group, liver || c->liver.michels || c->liver.tumours->len > 0);
  set_row_visible (self, "doses.imipenem_g", imipenem);
  set_row_visible (self, "doses.imipenem_contrast_ml", imipenem);
  set_row_visible (self, "doses.doxorubicin_mg_per_m2", liver);
  set_row_visible (self, "doses.lipiodol_ml", liver);
  set_row_visible (self, "doses.deb_loading_mg", liver);
}

static void
sync_form (RamusCaseForm *self)
{
  const RamusCase *c;

  g_clear_handle_id (&self->sync_id, g_source_remove);
  ramus_plan_history_update_actions (GTK_WIDGET (self), self->plan);
  gtk_widget_set_sensitive (GTK_WIDGET (self->scroller), self->plan != NULL);
  if (self->plan == NULL)
    return;

  c = ramus_plan_get_case (self->plan);
  self->syncing = TRUE;
  adw_window_title_set_subtitle (self->window_title, c->pseudonym ? c->pseudonym : "");
  setup_indications (self, c->region);
  for (guint i = 0; i < N_FIELDS; i++)
    sync_field (self, &self->fields[i]);
  for (guint i = 0; i < N_CHOICES; i++)
    sync_choice (self, &self->choices[i]);
  gtk_toggle_button_set_active (c->side == RAMUS_SIDE_LEFT ? self->left_button : self->right_button, TRUE);
  gtk_check_button_set_active (self->carbapenem_check, has_allergy (c, "carbapenem"));
  gtk_check_button_set_active (self->beta_lactam_check, has_allergy (c, "beta-lactam"));
  gtk_check_button_set_active (self->contrast_check, has_allergy (c, "iodinated-contrast"));
  build_tumours (self);
  update_visibility (self);
  self->syncing = FALSE;
}

static gboolean
sync_idle_cb (gpointer data)
{
  RamusCaseForm *self = data;

  self->sync_id = 0;
  sync_form (self);
  return G_SOURCE_REMOVE;
}

static void
plan_changed_cb (RamusCaseForm *self)
{
  if (self->sync_id == 0)
    self->sync_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 10, sync_idle_cb, self, NULL);
}

/* --- scrolling to a section ----------------------------------------------- */

static GtkWidget *
section_group (RamusCaseForm *self,
               const char    *section)
{
  if (g_strcmp0 (section, "patient") == 0)
    return self->patient_group;
  if (g_strcmp0 (section, "allergies") == 0)
    return self->allergy_group;
  if (g_strcmp0 (section, "scores") == 0)
    return self->scores_group;
  if (g_strcmp0 (section, "liver") == 0)
    return self->liver_group;
  if (g_strcmp0 (section, "doses") == 0)
    return self->doses_group;
  return self->case_group;
}

/* Once the group has its place (a frame after the dialog appears). */
static gboolean
scroll_tick_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       data)
{
  RamusCaseForm *self = RAMUS_CASE_FORM (widget);
  GtkWidget *group = section_group (self, self->pending_section);
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (self->scroller);
  graphene_point_t point;

  if (gtk_widget_get_width (group) == 0 ||
      !gtk_widget_compute_point (group, self->content, &GRAPHENE_POINT_INIT (0, 0), &point))
    return G_SOURCE_CONTINUE;
  gtk_adjustment_set_value (adj, MAX (0, point.y - 12));
  self->scroll_id = 0;
  g_clear_pointer (&self->pending_section, g_free);
  return G_SOURCE_REMOVE;
}

/* --- GObject -------------------------------------------------------------- */

static void
ramus_case_form_dispose (GObject *object)
{
  RamusCaseForm *self = RAMUS_CASE_FORM (object);
  GtkWidget *child;

  g_clear_handle_id (&self->sync_id, g_source_remove);
  if (self->scroll_id)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->scroll_id);
      self->scroll_id = 0;
    }
  if (self->plan)
    g_signal_handlers_disconnect_by_data (self->plan, self);
  g_clear_object (&self->plan);
  gtk_widget_dispose_template (GTK_WIDGET (object), RAMUS_TYPE_CASE_FORM);
  /* The template's top child has no id of its own to be disposed by. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (ramus_case_form_parent_class)->dispose (object);
}

static void
ramus_case_form_finalize (GObject *object)
{
  RamusCaseForm *self = RAMUS_CASE_FORM (object);

  for (guint i = 0; i < N_FIELDS; i++)
    {
      row_message_clear (&self->fields[i].msg);
      g_free (self->fields[i].shown);
      g_free (self->fields[i].typed);
    }
  for (guint i = 0; i < N_CHOICES; i++)
    {
      row_message_clear (&self->choices[i].msg);
      g_clear_pointer (&self->choices[i].values, g_ptr_array_unref);
      g_free (self->choices[i].shown);
    }
  row_message_clear (&self->tumour_msg);
  g_free (self->indication_region);
  g_free (self->pending_section);
  G_OBJECT_CLASS (ramus_case_form_parent_class)->finalize (object);
}

static void
ramus_case_form_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  RamusCaseForm *self = RAMUS_CASE_FORM (object);

  switch (prop_id)
    {
    case PROP_PLAN:
      g_value_set_object (value, self->plan);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ramus_case_form_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  RamusCaseForm *self = RAMUS_CASE_FORM (object);

  switch (prop_id)
    {
    case PROP_PLAN:
      ramus_case_form_set_plan (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ramus_case_form_class_init (RamusCaseFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ramus_case_form_dispose;
  object_class->finalize = ramus_case_form_finalize;
  object_class->get_property = ramus_case_form_get_property;
  object_class->set_property = ramus_case_form_set_property;

  properties[PROP_PLAN] =
    g_param_spec_object ("plan", NULL, NULL, RAMUS_TYPE_PLAN,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  ramus_plan_history_install_actions (widget_class);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/ramus-case-form.ui");
  gtk_widget_class_bind_template_child (widget_class, RamusCaseForm, window_title);
  gtk_widget_class_bind_template_child (widget_class, RamusCaseForm, scroller);
  gtk_widget_class_bind_template_child (widget_class, RamusCaseForm, content);
  gtk_widget_class_bind_template_child (widget_class, RamusCaseForm, case_group);
  gtk_widget_class_bind_template_child (widget_class, RamusCaseForm, patient_group);
  gtk_widget_class_bind_template_child (widget_class, RamusCaseForm, allergy_group);
  gtk_widget_class_bind_template_child (widget_class, RamusCaseForm, scores_group);
  gtk_widget_class_bind_template_child (widget_class, RamusCaseForm, liver_group);
  gtk_widget_class_bind_template_child (widget_class, RamusCaseForm, doses_group);
  gtk_widget_class_bind_template_child (widget_class, RamusCaseForm, right_button);
  gtk_widget_class_bind_template_child (widget_class, RamusCaseForm, left_button);
  gtk_widget_class_bind_template_child (widget_class, RamusCaseForm, carbapenem_check);
  gtk_widget_class_bind_template_child (widget_class, RamusCaseForm, beta_lactam_check);
  gtk_widget_class_bind_template_child (widget_class, RamusCaseForm, contrast_check);
  gtk_widget_class_bind_template_child (widget_class, RamusCaseForm, tumour_add_row);
  gtk_widget_class_bind_template_child (widget_class, RamusCaseForm, segment_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RamusCaseForm, diameter_entry);
  gtk_widget_class_bind_template_child (widget_class, RamusCaseForm, tumour_list);
  /* The rows of the tables above, looked up by name in init. */
  for (guint i = 0; i < N_FIELDS; i++)
    {
      g_autofree char *row = g_strconcat (field_infos[i].name, "_row", NULL);
      g_autofree char *entry = g_strconcat (field_infos[i].name, "_entry", NULL);
      gtk_widget_class_bind_template_child_full (widget_class, row, FALSE, 0);
      gtk_widget_class_bind_template_child_full (widget_class, entry, FALSE, 0);
    }
  for (guint i = 0; i < N_CHOICES; i++)
    {
      g_autofree char *row = g_strconcat (choice_infos[i].name, "_row", NULL);
      gtk_widget_class_bind_template_child_full (widget_class, row, FALSE, 0);
    }
  gtk_widget_class_bind_template_callback (widget_class, side_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, allergy_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_tumour_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "ramus-case-form");
}

static gpointer
template_child (RamusCaseForm *self,
                const char    *name,
                const char    *suffix)
{
  g_autofree char *id = g_strconcat (name, suffix, NULL);
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (self), RAMUS_TYPE_CASE_FORM, id);

  g_assert (child != NULL);
  return child;
}

static void
ramus_case_form_init (RamusCaseForm *self)
{
  g_autoptr(GtkStringList) segments = gtk_string_list_new ((const char * const *)
                                                           ramus_case_allowed_values ("liver.tumours.segment"));

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < N_FIELDS; i++)
    {
      Field *f = &self->fields[i];
      GtkEventController *focus = gtk_event_controller_focus_new ();

      f->info = &field_infos[i];
      f->entry = template_child (self, f->info->name, "_entry");
      row_message_init (&f->msg, template_child (self, f->info->name, "_row"));
      g_signal_connect_object (f->entry, "activate", G_CALLBACK (entry_activate_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (focus, "leave", G_CALLBACK (entry_leave_cb), self, G_CONNECT_SWAPPED);
      gtk_widget_add_controller (GTK_WIDGET (f->entry), focus);
      gtk_accessible_update_property (GTK_ACCESSIBLE (f->entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      adw_preferences_row_get_title (ADW_PREFERENCES_ROW (f->msg.row)), -1);
    }
  for (guint i = 0; i < N_CHOICES; i++)
    {
      Choice *ch = &self->choices[i];

      ch->info = &choice_infos[i];
      ch->combo = template_child (self, ch->info->name, "_row");
      row_message_init (&ch->msg, ADW_ACTION_ROW (ch->combo));
      g_signal_connect_object (ch->combo, "notify::selected", G_CALLBACK (choice_selected_cb), self,
                               G_CONNECT_SWAPPED);
    }
  row_message_init (&self->tumour_msg, self->tumour_add_row);
  gtk_drop_down_set_model (self->segment_dropdown, G_LIST_MODEL (segments));
  setup_static_choices (self);

  ramus_plan_history_add_window_shortcuts (GTK_WIDGET (self));
  sync_form (self);
}

/* --- public --------------------------------------------------------------- */

GtkWidget *
ramus_case_form_new (RamusPlan *plan)
{
  g_return_val_if_fail (plan == NULL || RAMUS_IS_PLAN (plan), NULL);

  return g_object_new (RAMUS_TYPE_CASE_FORM, "plan", plan, NULL);
}

RamusPlan *
ramus_case_form_get_plan (RamusCaseForm *self)
{
  g_return_val_if_fail (RAMUS_IS_CASE_FORM (self), NULL);

  return self->plan;
}

void
ramus_case_form_set_plan (RamusCaseForm *self,
                          RamusPlan     *plan)
{
  g_return_if_fail (RAMUS_IS_CASE_FORM (self));
  g_return_if_fail (plan == NULL || RAMUS_IS_PLAN (plan));

  if (self->plan == plan)
    return;
  if (self->plan)
    g_signal_handlers_disconnect_by_data (self->plan, self);
  g_set_object (&self->plan, plan);
  for (guint i = 0; i < N_FIELDS; i++)
    {
      g_clear_pointer (&self->fields[i].msg.error, g_free);
      g_clear_pointer (&self->fields[i].typed, g_free);
    }
  for (guint i = 0; i < N_CHOICES; i++)
    g_clear_pointer (&self->choices[i].msg.error, g_free);
  g_clear_pointer (&self->tumour_msg.error, g_free);
  if (plan)
    {
      g_signal_connect_object (plan, "changed", G_CALLBACK (plan_changed_cb), self, G_CONNECT_SWAPPED);
      setup_atlas_choices (self);
    }
  sync_form (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAN]);
}

/* @section: "case", "patient", "allergies", "scores", "liver" or "doses". */
void
ramus_case_form_scroll_to (RamusCaseForm *self,
                           const char    *section)
{
  g_return_if_fail (RAMUS_IS_CASE_FORM (self));

  g_free (self->pending_section);
  self->pending_section = g_strdup (section);
  if (self->scroll_id == 0)
    self->scroll_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), scroll_tick_cb, NULL, NULL);
}

/**
 * ramus_case_form_get_message:
 * @path: a case path as the plan's edits name it ("patient.height_cm"), or
 *   "liver.tumours" for the tumour being added
 *
 * Returns: (nullable): the message shown beside the field (a refused edit or
 * a problem of the case), or NULL when the field shows only its hint
 */
const char *
ramus_case_form_get_message (RamusCaseForm *self,
                             const char    *path)
{
  g_return_val_if_fail (RAMUS_IS_CASE_FORM (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  if (g_str_equal (path, "liver.tumours"))
    return self->tumour_msg.shown_message;
  for (guint i = 0; i < N_FIELDS; i++)
    if (g_str_equal (self->fields[i].info->path, path))
      return self->fields[i].msg.shown_message;
  for (guint i = 0; i < N_CHOICES; i++)
    if (g_str_equal (self->choices[i].info->path, path))
      return self->choices[i].msg.shown_message;
  return NULL;
}
