/* ramus-followup-view.c — the follow-up of one case: its baseline and
 * visits with the scores of its region, a chart of each score over time,
 * and an inline editor that refuses a score out of its range before
 * anything is saved
 *
 * Every change is saved through the store at once, applied to the case as
 * it is stored (so a plan saved meanwhile by the planner is kept). When the
 * save fails (a read-only place, a full disk) the change stays in memory, a
 * bar says why, and "Save As…" puts the case in another library, which then
 * becomes this view's library.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ramus-followup-view"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>

#include "ramus-followup-view.h"
#include "ramus-library-error.h"
#include "ramus-library-util.h"

typedef enum
{
  EDIT_NONE,
  EDIT_NEW,
  EDIT_VISIT,
  EDIT_BASELINE,
} EditMode;

/* mRECIST responses, by position in the editor's choice (0: not assessed). */
static const char * const mrecist_codes[] = { NULL, "CR", "PR", "SD", "PD" };

struct _RamusFollowupView
{
  GtkWidget parent_instance;

  RamusStore *store;
  RamusCase *kase;
  gboolean unsaved;                /* the case in memory differs from the store */
  GError *save_error;
  gboolean saving;
  GArray *scores;                  /* of RamusScore: the region's, as in score_dropdown */
  RamusScore score;                /* the one charted */
  RamusCohortFrame chart_frame;    /* where the last chart put its data */
  guint chart_points;
  EditMode edit_mode;
  guint edit_index;
  GPtrArray *score_rows;           /* AdwEntryRow, parallel to scores */
  GtkWidget *mrecist_row;          /* AdwComboRow, liver only */
  GCancellable *save_as_cancellable;

  AdwToastOverlay *toast_overlay;
  GtkRevealer *save_error_revealer;
  GtkLabel *save_error_label;
  GtkStack *stack;
  GtkLabel *title_label;
  GtkLabel *subtitle_label;
  GtkDropDown *score_dropdown;
  GtkDrawingArea *chart_area;
  GtkLabel *chart_hint;
  GtkRevealer *editor_revealer;
  GtkLabel *editor_title;
  GtkListBox *editor_list;
  AdwEntryRow *date_row;
  GtkMenuButton *calendar_button;
  GtkCalendar *calendar;
  GtkLabel *editor_message;
  GtkWidget *editor_save_button;
  GtkListBox *visits_list;
};

G_DEFINE_FINAL_TYPE (RamusFollowupView, ramus_followup_view, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_STORE,
  PROP_CASE_ID,
  PROP_UNSAVED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void refresh (RamusFollowupView *self);

/* ---------------------------------------------------------------------- */
/* Helpers                                                                */

static gboolean
parse_date (const char *text,
            GDate      *date)
{
  int y, m, d;
  char tail;

  if (text == NULL || sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 ||
      !g_date_valid_dmy (d, m, y))
    return FALSE;
  g_date_clear (date, 1);
  g_date_set_dmy (date, d, m, y);
  return TRUE;
}

/* Days from the procedure to a visit; FALSE when either date is unknown. */
static gboolean
visit_day (const RamusCase     *kase,
           const RamusFollowup *f,
           int                 *day)
{
  GDate procedure, visit;

  if (f->date == NULL && f->day != G_MININT)
    {
      *day = f->day;
      return TRUE;
    }
  if (!parse_date (kase->procedure_date, &procedure) || !parse_date (f->date, &visit))
    return FALSE;
  *day = g_date_days_between (&procedure, &visit);
  return TRUE;
}

static char *
format_value (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%g", value));
}

/* "VAS pain 3 · WOMAC 22", or NULL when nothing is recorded. */
static char *
format_scores (RamusFollowupView *self,
               const RamusScores *scores,
               const char        *mrecist)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < self->scores->len; i++)
    {
      RamusScore s = g_array_index (self->scores, RamusScore, i);
      const RamusScoreInfo *info = ramus_score_get_info (s);
      g_autofree char *value = NULL;

      if (isnan (scores->values[s]))
        continue;
      value = format_value (scores->values[s]);
      if (text->len)
        g_string_append (text, " · ");
      if (info->unit && *info->unit)
        /* TRANSLATORS: a score, its value and unit, e.g. "AFP 12 ng/mL" */
        g_string_append_printf (text, _("%s %s %s"), ramus_score_info_get_name (info), value, info->unit);
      else
        /* TRANSLATORS: a score and its value, e.g. "WOMAC 22" */
        g_string_append_printf (text, _("%s %s"), ramus_score_info_get_name (info), value);
    }
  if (mrecist)
    {
      if (text->len)
        g_string_append (text, " · ");
      /* TRANSLATORS: the mRECIST response of a liver tumour, e.g. "mRECIST PR" */
      g_string_append_printf (text, _("mRECIST %s"), mrecist);
    }
  if (text->len == 0)
    {
      g_string_free (text, TRUE);
      return NULL;
    }
  return g_string_free (text, FALSE);
}

static gint
compare_visits (gconstpointer a,
                gconstpointer b)
{
  const RamusFollowup *p = a, *q = b;

  if (p->date == NULL || q->date == NULL)
    {
      if (p->date != NULL)
        return -1;
      if (q->date != NULL)
        return 1;
      return p->day < q->day ? -1 : p->day > q->day;
    }
  return strcmp (p->date, q->date);
}

/* ---------------------------------------------------------------------- */
/* Saving                                                                 */

static void
set_unsaved (RamusFollowupView *self,
             gboolean           unsaved)
{
  if (self->unsaved == unsaved)
    return;
  self->unsaved = unsaved;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNSAVED]);
}

static void
update_save_error (RamusFollowupView *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "followup.retry-save", self->save_error != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "followup.save-as", self->save_error != NULL);
  if (self->save_error)
    {
      g_autofree char *text =
        /* TRANSLATORS: the reason a save failed, then what the user can do */
        g_strdup_printf (_("%s Nothing is lost: the change stays here until the case is saved."),
                         self->save_error->message);
      gtk_label_set_text (self->save_error_label, text);
    }
  gtk_revealer_set_reveal_child (self->save_error_revealer, self->save_error != NULL);
}

/* Makes @edited the case shown, and saves it. A failed save keeps it in
 * memory, marked unsaved, and shows why. */
static gboolean
save_case (RamusFollowupView *self,
           RamusCase         *edited)
{
  g_autoptr(GError) error = NULL;
  gboolean saved = FALSE;

  if (edited != NULL)
    {
      g_clear_pointer (&self->kase, ramus_case_free);
      self->kase = edited;
    }
  if (self->kase->followups)
    g_array_sort (self->kase->followups, compare_visits);

  self->saving = TRUE;
  if (self->store == NULL)
    g_set_error (&error, RAMUS_STORE_ERROR, RAMUS_STORE_ERROR_NOT_FOUND,
                 _("No case library is open."));
  else
    saved = ramus_store_save_case (self->store, self->kase, &error);
  self->saving = FALSE;

  g_clear_error (&self->save_error);
  if (!saved)
    {
      g_debug ("Not saved: %s", error->message);
      self->save_error = g_steal_pointer (&error);
    }
  set_unsaved (self, !saved);
  update_save_error (self);
  refresh (self);
  return saved;
}

/* The case to change: as stored (the planner may have saved it since), or
 * the one in memory when it has changes the store does not have. */
static RamusCase *
editable_copy (RamusFollowupView *self)
{
  if (!self->unsaved && self->store != NULL && self->kase->id != NULL)
    {
      RamusCase *stored = ramus_store_load_case (self->store, self->kase->id, NULL);

      if (stored != NULL && stored->followups->len == self->kase->followups->len)
        return stored;
      g_clear_pointer (&stored, ramus_case_free);
    }
  return ramus_case_copy (self->kase);
}

static void
retry_save_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  RamusFollowupView *self = RAMUS_FOLLOWUP_VIEW (widget);

  if (self->kase != NULL)
    save_case (self, NULL);
}

/**
 * ramus_followup_view_save_to:
 * @path: (type filename): another library; created when it does not exist
 *
 * Saves the case as it is in memory to the library at @path, which becomes
 * the view's library. What "Save As…" does once a file is chosen.
 */
gboolean
ramus_followup_view_save_to (RamusFollowupView  *self,
                             const char         *path,
                             GError            **error)
{
  g_autoptr(RamusStore) store = NULL;
  RamusCase *saved = NULL;

  g_return_val_if_fail (RAMUS_IS_FOLLOWUP_VIEW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (self->kase != NULL, FALSE);

  store = ramus_library_save_case_to (path, self->kase, &saved, error);
  if (store == NULL)
    return FALSE;
  g_clear_pointer (&self->kase, ramus_case_free);
  self->kase = saved;
  g_clear_error (&self->save_error);
  set_unsaved (self, FALSE);
  ramus_followup_view_set_store (self, store);
  update_save_error (self);
  refresh (self);
  return TRUE;
}

static void
save_as_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(RamusFollowupView) self = user_data;
  g_autoptr(RamusStore) store = NULL;
  g_autoptr(GError) error = NULL;
  RamusCase *saved = NULL;
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;

  store = ramus_library_error_save_elsewhere_finish (result, &saved, &error);
  if (store == NULL || self->kase == NULL)
    {
      g_clear_pointer (&saved, ramus_case_free);
      return;
    }
  g_clear_pointer (&self->kase, ramus_case_free);
  self->kase = saved;
  g_clear_error (&self->save_error);
  set_unsaved (self, FALSE);
  ramus_followup_view_set_store (self, store);
  update_save_error (self);
  refresh (self);

  name = g_filename_display_basename (ramus_store_get_path (store));
  /* TRANSLATORS: a toast; %s is a file name */
  title = g_markup_printf_escaped (_("Case saved to “%s”"), name);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
}

static void
save_as_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  RamusFollowupView *self = RAMUS_FOLLOWUP_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->kase == NULL || self->save_error == NULL)
    return;
  g_cancellable_cancel (self->save_as_cancellable);
  g_clear_object (&self->save_as_cancellable);
  self->save_as_cancellable = g_cancellable_new ();
  ramus_library_error_save_elsewhere (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                      self->kase, self->save_error, FALSE,
                                      self->save_as_cancellable, save_as_cb, g_object_ref (self));
}

/* ---------------------------------------------------------------------- */
/* The chart                                                              */

static void
draw_chart_cb (GtkDrawingArea *area,
               cairo_t        *cr,
               int             width,
               int             height,
               gpointer        user_data)
{
  RamusFollowupView *self = user_data;
  AdwStyleManager *style = adw_style_manager_get_default ();
  RamusThemeId theme = adw_style_manager_get_dark (style) ? RAMUS_THEME_DARK : RAMUS_THEME_LIGHT;
  g_autoptr(GPtrArray) scores = NULL;

  if (self->kase == NULL || self->scores->len == 0)
    return;
  ramus_cohort_draw_case (self->kase, cr, width, height, self->score, theme, &self->chart_frame);

  self->chart_points = 0;
  scores = ramus_cohort_scores_for_case (self->kase);
  for (guint i = 0; i < scores->len; i++)
    if (((RamusStoreScore *) g_ptr_array_index (scores, i))->score == self->score)
      self->chart_points++;
}

static void
dark_changed_cb (RamusFollowupView *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self->chart_area));
}

static void
score_changed_cb (RamusFollowupView *self)
{
  guint selected = gtk_drop_down_get_selected (self->score_dropdown);

  if (selected < self->scores->len)
    self->score = g_array_index (self->scores, RamusScore, selected);
  gtk_widget_queue_draw (GTK_WIDGET (self->chart_area));
}

RamusScore
ramus_followup_view_get_score (RamusFollowupView *self)
{
  g_return_val_if_fail (RAMUS_IS_FOLLOWUP_VIEW (self), RAMUS_SCORE_VAS);
  return self->score;
}

/* Charts @score when the case's region records it. */
void
ramus_followup_view_set_score (RamusFollowupView *self,
                               RamusScore         score)
{
  g_return_if_fail (RAMUS_IS_FOLLOWUP_VIEW (self));
  g_return_if_fail (score < RAMUS_N_SCORES);

  for (guint i = 0; i < self->scores->len; i++)
    if (g_array_index (self->scores, RamusScore, i) == score)
      gtk_drop_down_set_selected (self->score_dropdown, i);
}

/**
 * ramus_followup_view_get_chart_points:
 * @frame: (out) (optional): where the last drawing put its data
 *
 * Returns: how many values of the charted score the last drawing showed
 */
guint
ramus_followup_view_get_chart_points (RamusFollowupView *self,
                                      RamusCohortFrame  *frame)
{
  g_return_val_if_fail (RAMUS_IS_FOLLOWUP_VIEW (self), 0);

  if (frame)
    *frame = self->chart_frame;
  return self->chart_points;
}

/* ---------------------------------------------------------------------- */
/* The visits                                                             */

static void edit_visit (RamusFollowupView *self, EditMode mode, guint index);

static void
edit_clicked_cb (GtkButton         *button,
                 RamusFollowupView *self)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_LIST_BOX_ROW);

  gtk_widget_activate (row);
}

typedef struct
{
  char *date;
  int day;
  RamusScores scores;
  char *mrecist;
} DeletedVisit;

static void
deleted_visit_free (DeletedVisit *visit)
{
  g_free (visit->date);
  g_free (visit->mrecist);
  g_free (visit);
}

static void
undo_delete_visit_cb (AdwToast          *toast,
                      RamusFollowupView *self)
{
  DeletedVisit *visit = g_object_get_data (G_OBJECT (toast), "ramus-visit");
  const char *id = g_object_get_data (G_OBJECT (toast), "ramus-case-id");
  RamusCase *edited;
  RamusFollowup *f;

  if (self->kase == NULL || g_strcmp0 (self->kase->id, id) != 0)
    return;
  edited = editable_copy (self);
  f = ramus_case_add_followup (edited, visit->date);
  f->day = visit->day;
  f->scores = visit->scores;
  ramus_case_set_string (&f->mrecist, visit->mrecist);
  save_case (self, edited);
}

static void
delete_clicked_cb (GtkButton         *button,
                   RamusFollowupView *self)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_LIST_BOX_ROW);
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "ramus-visit-index"));
  RamusCase *edited;
  const RamusFollowup *f;
  DeletedVisit *visit;
  g_autofree char *title = NULL;
  AdwToast *toast;

  if (self->kase == NULL || index >= self->kase->followups->len)
    return;
  if (self->edit_mode == EDIT_VISIT)
    edit_visit (self, EDIT_NONE, 0);

  edited = editable_copy (self);
  f = &g_array_index (edited->followups, RamusFollowup, index);
  visit = g_new0 (DeletedVisit, 1);
  visit->date = g_strdup (f->date);
  visit->day = f->day;
  visit->scores = f->scores;
  visit->mrecist = g_strdup (f->mrecist);
  g_array_remove_index (edited->followups, index);

  if (visit->date)
    /* TRANSLATORS: a toast with an Undo button; %s is the date of the visit */
    title = g_markup_printf_escaped (_("Visit of %s deleted"), visit->date);
  else
    title = g_strdup (_("Visit deleted"));
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_object_set_data_full (G_OBJECT (toast), "ramus-visit", visit, (GDestroyNotify) deleted_visit_free);
  g_object_set_data_full (G_OBJECT (toast), "ramus-case-id", g_strdup (edited->id), g_free);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_delete_visit_cb), self, 0);

  save_case (self, edited);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static GtkWidget *
visit_row_new (RamusFollowupView *self,
               const char        *title,
               const char        *subtitle,
               int                index)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *edit = gtk_button_new_from_icon_name ("document-edit-symbolic");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data (G_OBJECT (row), "ramus-visit-index", GINT_TO_POINTER (index));

  gtk_widget_set_valign (edit, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (edit, "flat");
  gtk_widget_set_tooltip_text (edit, index < 0 ? _("Edit the baseline scores") : _("Edit the visit"));
  g_signal_connect_object (edit, "clicked", G_CALLBACK (edit_clicked_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), edit);

  if (index >= 0)
    {
      GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_tooltip_text (remove, _("Delete the visit"));
      g_signal_connect_object (remove, "clicked", G_CALLBACK (delete_clicked_cb), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
    }
  return row;
}

static void
fill_visits (RamusFollowupView *self)
{
  GtkWidget *child;
  g_autofree char *baseline = NULL;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->visits_list))) != NULL)
    gtk_list_box_remove (self->visits_list, child);
  if (self->kase == NULL)
    return;

  baseline = format_scores (self, &self->kase->baseline, NULL);
  gtk_list_box_append (self->visits_list,
                       visit_row_new (self, _("Baseline"),
                                      baseline ? baseline : _("No scores recorded before the procedure"),
                                      -1));

  for (guint i = 0; i < self->kase->followups->len; i++)
    {
      const RamusFollowup *f = &g_array_index (self->kase->followups, RamusFollowup, i);
      g_autofree char *scores = format_scores (self, &f->scores, f->mrecist);
      g_autofree char *when = NULL;
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;
      RamusTimepoint timepoint;
      int day;

      if (visit_day (self->kase, f, &day))
        {
          if (ramus_timepoint_for_day (day, &timepoint))
            /* TRANSLATORS: days from the procedure, then the time point it counts at */
            when = g_strdup_printf (_("day %d, %s"), day, ramus_timepoint_get_name (timepoint));
          else
            /* TRANSLATORS: days from the procedure */
            when = g_strdup_printf (_("day %d"), day);
        }
      if (f->date && when)
        /* TRANSLATORS: a visit's date, then e.g. "day 35, 1 month" */
        title = g_strdup_printf (_("%s (%s)"), f->date, when);
      else
        title = g_strdup (f->date ? f->date : when ? when : _("Undated visit"));
      subtitle = g_strdup (scores ? scores : _("No scores recorded"));
      gtk_list_box_append (self->visits_list, visit_row_new (self, title, subtitle, i));
    }
}

static void
visit_activated_cb (RamusFollowupView *self,
                    GtkListBoxRow     *row)
{
  int index = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "ramus-visit-index"));

  if (index < 0)
    edit_visit (self, EDIT_BASELINE, 0);
  else
    edit_visit (self, EDIT_VISIT, index);
}

/* ---------------------------------------------------------------------- */
/* The editor                                                             */

/* Reads one score row: TRUE with NAN for an empty row. */
static gboolean
read_score (AdwEntryRow  *row,
            RamusScore    score,
            double       *value,
            char        **message)
{
  const RamusScoreInfo *info = ramus_score_get_info (score);
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  char *end = NULL;

  *value = NAN;
  if (*text == '\0')
    return TRUE;
  g_strdelimit (text, ",", '.');
  *value = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0' || !isfinite (*value))
    {
      /* TRANSLATORS: a score, then what was typed in its field */
      *message = g_strdup_printf (_("%s: “%s” is not a number."), ramus_score_info_get_name (info),
                                  gtk_editable_get_text (GTK_EDITABLE (row)));
      return FALSE;
    }
  if (*value < info->min || *value > info->max)
    {
      g_autofree char *min = format_value (info->min);
      g_autofree char *max = format_value (info->max);

      if (info->max == G_MAXDOUBLE)
        /* TRANSLATORS: a score, then its lowest value */
        *message = g_strdup_printf (_("%s cannot be less than %s."), ramus_score_info_get_name (info), min);
      else
        /* TRANSLATORS: a score, then its range */
        *message = g_strdup_printf (_("%s must be between %s and %s."), ramus_score_info_get_name (info),
                                    min, max);
      return FALSE;
    }
  return TRUE;
}

/* Checks the editor; fills @scores, @date and @mrecist when it is valid.
 * Shows what is wrong under the fields and marks them. */
static gboolean
check_editor (RamusFollowupView  *self,
              RamusScores        *scores,
              char              **date,
              const char        **mrecist)
{
  g_autofree char *message = NULL;
  gboolean valid = TRUE, any = FALSE;
  GDate parsed;

  for (guint s = 0; s < RAMUS_N_SCORES; s++)
    scores->values[s] = NAN;

  for (guint i = 0; i < self->score_rows->len; i++)
    {
      AdwEntryRow *row = g_ptr_array_index (self->score_rows, i);
      RamusScore score = g_array_index (self->scores, RamusScore, i);
      g_autofree char *problem = NULL;

      if (read_score (row, score, &scores->values[score], &problem))
        {
          gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
          any |= !isnan (scores->values[score]);
        }
      else
        {
          gtk_widget_add_css_class (GTK_WIDGET (row), "error");
          if (message == NULL)
            message = g_steal_pointer (&problem);
          valid = FALSE;
        }
    }

  *mrecist = NULL;
  if (self->mrecist_row && self->edit_mode != EDIT_BASELINE)
    {
      guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (self->mrecist_row));

      if (selected < G_N_ELEMENTS (mrecist_codes))
        *mrecist = mrecist_codes[selected];
      any |= *mrecist != NULL;
    }

  *date = NULL;
  if (self->edit_mode != EDIT_BASELINE)
    {
      g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->date_row))));

      if (parse_date (text, &parsed))
        {
          *date = g_steal_pointer (&text);
          gtk_widget_remove_css_class (GTK_WIDGET (self->date_row), "error");
        }
      else
        {
          gtk_widget_add_css_class (GTK_WIDGET (self->date_row), "error");
          g_clear_pointer (&message, g_free);
          if (*text == '\0')
            message = g_strdup (_("Enter the date of the visit."));
          else
            /* TRANSLATORS: what was typed as a date */
            message = g_strdup_printf (_("“%s” is not a date. Write it as year-month-day, "
                                         "for example 2027-01-31."), text);
          valid = FALSE;
        }
    }

  gtk_widget_remove_css_class (GTK_WIDGET (self->editor_message), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->editor_message), "dim-label");
  if (!valid)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->editor_message), "error");
      gtk_label_set_text (self->editor_message, message);
    }
  else if (!any && self->edit_mode != EDIT_BASELINE)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->editor_message), "dim-label");
      gtk_label_set_text (self->editor_message, _("Enter at least one score for the visit."));
      valid = FALSE;
    }
  else
    gtk_label_set_text (self->editor_message, "");
  gtk_widget_set_visible (GTK_WIDGET (self->editor_message),
                          *gtk_label_get_text (self->editor_message) != '\0');
  if (!valid)
    g_clear_pointer (date, g_free);
  return valid;
}

static void
editor_changed_cb (RamusFollowupView *self)
{
  RamusScores scores;
  g_autofree char *date = NULL;
  const char *mrecist;

  if (self->edit_mode == EDIT_NONE)
    return;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "followup.save-edit",
                                 check_editor (self, &scores, &date, &mrecist));
}

static void
editor_activated_cb (RamusFollowupView *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "followup.save-edit", NULL);
}

static void
calendar_day_selected_cb (RamusFollowupView *self)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (self->calendar);
  g_autofree char *text = g_date_time_format (date, "%Y-%m-%d");

  gtk_editable_set_text (GTK_EDITABLE (self->date_row), text);
  gtk_menu_button_popdown (self->calendar_button);
}

static void
set_row_value (AdwEntryRow *row,
               double       value)
{
  g_autofree char *text = isnan (value) ? g_strdup ("") : format_value (value);

  gtk_editable_set_text (GTK_EDITABLE (row), text);
  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
}

/* Opens the editor on a new visit, a visit or the baseline, or closes it. */
static void
edit_visit (RamusFollowupView *self,
            EditMode           mode,
            guint              index)
{
  const RamusScores *scores = NULL;
  const char *mrecist = NULL;
  g_autofree char *date = NULL;
  GDateTime *when = NULL;

  if (self->kase == NULL || (mode == EDIT_VISIT && index >= self->kase->followups->len))
    mode = EDIT_NONE;
  self->edit_mode = mode;
  self->edit_index = index;
  gtk_revealer_set_reveal_child (self->editor_revealer, mode != EDIT_NONE);
  gtk_widget_set_visible (GTK_WIDGET (self->editor_revealer), mode != EDIT_NONE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "followup.cancel-edit", mode != EDIT_NONE);
  if (mode == EDIT_NONE)
    {
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "followup.save-edit", FALSE);
      return;
    }

  switch (mode)
    {
    case EDIT_NEW:
      gtk_label_set_text (self->editor_title, _("New Visit"));
      when = g_date_time_new_now_local ();
      date = g_date_time_format (when, "%Y-%m-%d");
      g_date_time_unref (when);
      break;
    case EDIT_VISIT:
      {
        const RamusFollowup *f = &g_array_index (self->kase->followups, RamusFollowup, index);

        gtk_label_set_text (self->editor_title, _("Edit Visit"));
        date = g_strdup (f->date);
        scores = &f->scores;
        mrecist = f->mrecist;
      }
      break;
    case EDIT_BASELINE:
      gtk_label_set_text (self->editor_title, _("Baseline Scores"));
      scores = &self->kase->baseline;
      break;
    case EDIT_NONE:
    default:
      g_assert_not_reached ();
    }

  gtk_widget_set_visible (GTK_WIDGET (self->date_row), mode != EDIT_BASELINE);
  gtk_editable_set_text (GTK_EDITABLE (self->date_row), date ? date : "");
  for (guint i = 0; i < self->score_rows->len; i++)
    set_row_value (g_ptr_array_index (self->score_rows, i),
                   scores ? scores->values[g_array_index (self->scores, RamusScore, i)] : NAN);
  if (self->mrecist_row)
    {
      guint selected = 0;

      for (guint i = 1; i < G_N_ELEMENTS (mrecist_codes); i++)
        if (g_strcmp0 (mrecist, mrecist_codes[i]) == 0)
          selected = i;
      adw_combo_row_set_selected (ADW_COMBO_ROW (self->mrecist_row), selected);
      gtk_widget_set_visible (self->mrecist_row, mode != EDIT_BASELINE);
    }
  gtk_button_set_label (GTK_BUTTON (self->editor_save_button),
                        mode == EDIT_BASELINE ? _("_Save Baseline") : _("_Save Visit"));
  editor_changed_cb (self);

  if (mode == EDIT_BASELINE && self->score_rows->len > 0)
    gtk_widget_grab_focus (g_ptr_array_index (self->score_rows, 0));
  else if (mode == EDIT_NEW && self->score_rows->len > 0)
    gtk_widget_grab_focus (g_ptr_array_index (self->score_rows, 0));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->date_row));
}

static void
add_visit_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  edit_visit (RAMUS_FOLLOWUP_VIEW (widget), EDIT_NEW, 0);
}

static void
cancel_edit_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  edit_visit (RAMUS_FOLLOWUP_VIEW (widget), EDIT_NONE, 0);
}

static void
save_edit_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  RamusFollowupView *self = RAMUS_FOLLOWUP_VIEW (widget);
  RamusScores scores;
  g_autofree char *date = NULL;
  const char *mrecist;
  RamusCase *edited;
  RamusFollowup *f;

  if (self->kase == NULL || self->edit_mode == EDIT_NONE ||
      !check_editor (self, &scores, &date, &mrecist))
    return;

  edited = editable_copy (self);
  switch (self->edit_mode)
    {
    case EDIT_NEW:
      f = ramus_case_add_followup (edited, date);
      f->scores = scores;
      ramus_case_set_string (&f->mrecist, mrecist);
      break;
    case EDIT_VISIT:
      if (self->edit_index >= edited->followups->len)
        {
          ramus_case_free (edited);
          return;
        }
      f = &g_array_index (edited->followups, RamusFollowup, self->edit_index);
      ramus_case_set_string (&f->date, date);
      f->day = G_MININT;
      f->scores = scores;
      ramus_case_set_string (&f->mrecist, mrecist);
      break;
    case EDIT_BASELINE:
      edited->baseline = scores;
      break;
    case EDIT_NONE:
    default:
      g_assert_not_reached ();
    }
  edit_visit (self, EDIT_NONE, 0);
  save_case (self, edited);

  /* Chart what was just recorded, when the chart shows none of it. */
  for (guint i = 0; i < self->scores->len; i++)
    {
      RamusScore s = g_array_index (self->scores, RamusScore, i);

      if (!isnan (scores.values[s]))
        {
          if (isnan (scores.values[self->score]))
            ramus_followup_view_set_score (self, s);
          break;
        }
    }
}

/* The editor's rows for the region's scores (and mRECIST in the liver). */
static void
build_editor (RamusFollowupView *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  for (guint i = 0; i < self->score_rows->len; i++)
    gtk_list_box_remove (self->editor_list, g_ptr_array_index (self->score_rows, i));
  g_ptr_array_set_size (self->score_rows, 0);
  if (self->mrecist_row)
    gtk_list_box_remove (self->editor_list, self->mrecist_row);
  self->mrecist_row = NULL;
  g_array_set_size (self->scores, 0);

  for (RamusScore s = 0; self->kase && s < RAMUS_N_SCORES; s++)
    {
      const RamusScoreInfo *info = ramus_score_get_info (s);
      g_autofree char *title = NULL;
      g_autofree char *min = format_value (info->min);
      g_autofree char *max = format_value (info->max);
      GtkWidget *row;

      if (!ramus_score_in_region (s, self->kase->region))
        continue;
      if (info->max == G_MAXDOUBLE)
        /* TRANSLATORS: a score and its unit, e.g. "AFP (ng/mL)" */
        title = g_strdup_printf (_("%s (%s)"), ramus_score_info_get_name (info), info->unit);
      else
        /* TRANSLATORS: a score and its range, e.g. "WOMAC (0–96)" */
        title = g_strdup_printf (_("%s (%s–%s)"), ramus_score_info_get_name (info), min, max);
      row = adw_entry_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      gtk_widget_set_name (row, info->key);
      g_object_set (row, "input-purpose", GTK_INPUT_PURPOSE_NUMBER, NULL);
      g_signal_connect_object (row, "changed", G_CALLBACK (editor_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (row, "entry-activated", G_CALLBACK (editor_activated_cb), self,
                               G_CONNECT_SWAPPED);
      gtk_list_box_append (self->editor_list, row);
      g_ptr_array_add (self->score_rows, row);
      g_array_append_val (self->scores, s);
      gtk_string_list_append (names, ramus_score_info_get_name (info));
    }

  if (self->kase && g_strcmp0 (self->kase->region, "liver") == 0)
    {
      const char * const choices[] = {
        /* TRANSLATORS: mRECIST response not assessed at this visit */
        _("Not assessed"),
        _("CR: complete response"),
        _("PR: partial response"),
        _("SD: stable disease"),
        _("PD: progressive disease"),
        NULL
      };
      g_autoptr(GtkStringList) model = gtk_string_list_new (choices);

      self->mrecist_row = adw_combo_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->mrecist_row), _("mRECIST response"));
      adw_combo_row_set_model (ADW_COMBO_ROW (self->mrecist_row), G_LIST_MODEL (model));
      gtk_widget_set_name (self->mrecist_row, "mrecist");
      g_signal_connect_object (self->mrecist_row, "notify::selected", G_CALLBACK (editor_changed_cb),
                               self, G_CONNECT_SWAPPED);
      gtk_list_box_append (self->editor_list, self->mrecist_row);
    }

  gtk_drop_down_set_model (self->score_dropdown, G_LIST_MODEL (names));
}

/* ---------------------------------------------------------------------- */
/* The case                                                               */

static void
refresh (RamusFollowupView *self)
{
  g_autofree char *subtitle = NULL;
  const RamusCaseTemplate *tmpl;
  const char *what;
  gboolean dated;
  GDate date;

  gtk_stack_set_visible_child_name (self->stack, self->kase ? "case" : "empty");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "followup.add-visit", self->kase != NULL);
  if (self->kase == NULL)
    return;

  gtk_label_set_text (self->title_label, self->kase->pseudonym && *self->kase->pseudonym
                                         ? self->kase->pseudonym : _("Untitled case"));
  tmpl = self->kase->template_id ? ramus_case_lookup_template (self->kase->template_id) : NULL;
  what = tmpl ? ramus_case_template_get_name (tmpl) : ramus_region_display_name (self->kase->region);
  dated = parse_date (self->kase->procedure_date, &date);
  if (dated)
    /* TRANSLATORS: the procedure, the patient side, then the date of the procedure */
    subtitle = g_strdup_printf (_("%s · %s side · procedure on %s"), what,
                                ramus_side_display_name (self->kase->side),
                                self->kase->procedure_date);
  else
    /* TRANSLATORS: the procedure, then the patient side */
    subtitle = g_strdup_printf (_("%s · %s side · no procedure date"), what,
                                ramus_side_display_name (self->kase->side));
  gtk_label_set_text (self->subtitle_label, subtitle);
  gtk_widget_set_visible (GTK_WIDGET (self->chart_hint),
                          !dated && self->kase->procedure_day == G_MININT &&
                          self->kase->followups->len > 0);

  fill_visits (self);
  gtk_widget_queue_draw (GTK_WIDGET (self->chart_area));
}

/* The first of the region's scores with a value, for the chart. */
static void
choose_score (RamusFollowupView *self)
{
  g_autoptr(GPtrArray) values = ramus_cohort_scores_for_case (self->kase);

  for (guint i = 0; i < self->scores->len; i++)
    for (guint j = 0; j < values->len; j++)
      if (((RamusStoreScore *) g_ptr_array_index (values, j))->score ==
          g_array_index (self->scores, RamusScore, i))
        {
          gtk_drop_down_set_selected (self->score_dropdown, i);
          score_changed_cb (self);
          return;
        }
  gtk_drop_down_set_selected (self->score_dropdown, 0);
  score_changed_cb (self);
}

static void
show_case (RamusFollowupView *self,
           RamusCase         *kase)
{
  gboolean same = self->kase && kase && g_strcmp0 (self->kase->id, kase->id) == 0 &&
                  g_strcmp0 (self->kase->region, kase->region) == 0;

  g_clear_pointer (&self->kase, ramus_case_free);
  self->kase = kase;
  g_clear_error (&self->save_error);
  set_unsaved (self, FALSE);
  update_save_error (self);
  if (!same)
    {
      edit_visit (self, EDIT_NONE, 0);
      build_editor (self);
      if (self->kase)
        choose_score (self);
    }
  else if (self->edit_mode == EDIT_VISIT && self->edit_index >= self->kase->followups->len)
    edit_visit (self, EDIT_NONE, 0);
  refresh (self);
  if (!same)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CASE_ID]);
}

/**
 * ramus_followup_view_load_case:
 * @id: a case of the view's library
 *
 * Shows the follow-up of the case @id as stored.
 */
gboolean
ramus_followup_view_load_case (RamusFollowupView  *self,
                               const char         *id,
                               GError            **error)
{
  RamusCase *kase;

  g_return_val_if_fail (RAMUS_IS_FOLLOWUP_VIEW (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->store == NULL)
    {
      g_set_error (error, RAMUS_STORE_ERROR, RAMUS_STORE_ERROR_NOT_FOUND, _("No case library is open."));
      return FALSE;
    }
  kase = ramus_store_load_case (self->store, id, error);
  if (kase == NULL)
    return FALSE;
  show_case (self, kase);
  return TRUE;
}

/* Shows no case. */
void
ramus_followup_view_clear (RamusFollowupView *self)
{
  g_return_if_fail (RAMUS_IS_FOLLOWUP_VIEW (self));

  show_case (self, NULL);
}

const RamusCase *
ramus_followup_view_get_case (RamusFollowupView *self)
{
  g_return_val_if_fail (RAMUS_IS_FOLLOWUP_VIEW (self), NULL);
  return self->kase;
}

const char *
ramus_followup_view_get_case_id (RamusFollowupView *self)
{
  g_return_val_if_fail (RAMUS_IS_FOLLOWUP_VIEW (self), NULL);
  return self->kase ? self->kase->id : NULL;
}

/* Whether the case shown has changes that could not be saved. */
gboolean
ramus_followup_view_get_unsaved (RamusFollowupView *self)
{
  g_return_val_if_fail (RAMUS_IS_FOLLOWUP_VIEW (self), FALSE);
  return self->unsaved;
}

/* Why the last save failed, or NULL. */
const GError *
ramus_followup_view_get_save_error (RamusFollowupView *self)
{
  g_return_val_if_fail (RAMUS_IS_FOLLOWUP_VIEW (self), NULL);
  return self->save_error;
}

/* Someone else (the planner, the library) changed the case: show it as
 * stored, unless this view holds changes the store could not take. */
static void
store_changed_cb (RamusFollowupView *self,
                  const char        *id)
{
  RamusCase *kase;

  if (self->saving || self->unsaved || self->kase == NULL || self->kase->id == NULL)
    return;
  if (id != NULL && g_strcmp0 (id, self->kase->id) != 0)
    return;
  kase = ramus_store_load_case (self->store, self->kase->id, NULL);
  if (kase == NULL)
    {
      /* Deleted: nothing left to follow up. */
      show_case (self, NULL);
      return;
    }
  if (ramus_case_equal (kase, self->kase))
    {
      ramus_case_free (kase);
      return;
    }
  show_case (self, kase);
}

RamusStore *
ramus_followup_view_get_store (RamusFollowupView *self)
{
  g_return_val_if_fail (RAMUS_IS_FOLLOWUP_VIEW (self), NULL);
  return self->store;
}

/**
 * ramus_followup_view_set_store:
 * @store: (nullable): the library the case is in
 *
 * A case shown stays shown when it is in @store too (after "Save As…" it
 * is the same case in its new library) or has unsaved changes; otherwise
 * the view shows no case.
 */
void
ramus_followup_view_set_store (RamusFollowupView *self,
                               RamusStore        *store)
{
  g_return_if_fail (RAMUS_IS_FOLLOWUP_VIEW (self));
  g_return_if_fail (store == NULL || RAMUS_IS_STORE (store));

  if (self->store == store)
    return;
  if (self->store)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_set_object (&self->store, store);
  if (store)
    g_signal_connect_object (store, "changed", G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);

  /* Another library was opened: a case that is not in it is not shown,
   * unless it holds changes no library has yet (then the bar's Try Again
   * saves it to this one). */
  if (self->kase != NULL && !self->unsaved)
    {
      g_autoptr(RamusCase) stored = NULL;

      if (store != NULL && self->kase->id != NULL)
        stored = ramus_store_load_case (store, self->kase->id, NULL);
      if (stored == NULL)
        show_case (self, NULL);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

GtkWidget *
ramus_followup_view_new (void)
{
  return g_object_new (RAMUS_TYPE_FOLLOWUP_VIEW, NULL);
}

/* ---------------------------------------------------------------------- */
/* GObject                                                                */

static void
ramus_followup_view_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  RamusFollowupView *self = RAMUS_FOLLOWUP_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_CASE_ID:
      g_value_set_string (value, ramus_followup_view_get_case_id (self));
      break;
    case PROP_UNSAVED:
      g_value_set_boolean (value, self->unsaved);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ramus_followup_view_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  RamusFollowupView *self = RAMUS_FOLLOWUP_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      ramus_followup_view_set_store (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ramus_followup_view_dispose (GObject *object)
{
  RamusFollowupView *self = RAMUS_FOLLOWUP_VIEW (object);

  g_cancellable_cancel (self->save_as_cancellable);
  g_clear_object (&self->save_as_cancellable);
  if (self->store)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), RAMUS_TYPE_FOLLOWUP_VIEW);

  G_OBJECT_CLASS (ramus_followup_view_parent_class)->dispose (object);
}

static void
ramus_followup_view_finalize (GObject *object)
{
  RamusFollowupView *self = RAMUS_FOLLOWUP_VIEW (object);

  g_clear_pointer (&self->kase, ramus_case_free);
  g_clear_error (&self->save_error);
  g_clear_pointer (&self->scores, g_array_unref);
  g_clear_pointer (&self->score_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (ramus_followup_view_parent_class)->finalize (object);
}

static void
ramus_followup_view_class_init (RamusFollowupViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = ramus_followup_view_get_property;
  object_class->set_property = ramus_followup_view_set_property;
  object_class->dispose = ramus_followup_view_dispose;
  object_class->finalize = ramus_followup_view_finalize;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, RAMUS_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CASE_ID] =
    g_param_spec_string ("case-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * RamusFollowupView:unsaved:
   *
   * The case shown has changes the store could not take (a read-only
   * place, a full disk); they are kept in memory until saved elsewhere.
   */
  properties[PROP_UNSAVED] =
    g_param_spec_boolean ("unsaved", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/ramus-followup-view.ui");
  gtk_widget_class_bind_template_child (widget_class, RamusFollowupView, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RamusFollowupView, save_error_revealer);
  gtk_widget_class_bind_template_child (widget_class, RamusFollowupView, save_error_label);
  gtk_widget_class_bind_template_child (widget_class, RamusFollowupView, stack);
  gtk_widget_class_bind_template_child (widget_class, RamusFollowupView, title_label);
  gtk_widget_class_bind_template_child (widget_class, RamusFollowupView, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, RamusFollowupView, score_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RamusFollowupView, chart_area);
  gtk_widget_class_bind_template_child (widget_class, RamusFollowupView, chart_hint);
  gtk_widget_class_bind_template_child (widget_class, RamusFollowupView, editor_revealer);
  gtk_widget_class_bind_template_child (widget_class, RamusFollowupView, editor_title);
  gtk_widget_class_bind_template_child (widget_class, RamusFollowupView, editor_list);
  gtk_widget_class_bind_template_child (widget_class, RamusFollowupView, date_row);
  gtk_widget_class_bind_template_child (widget_class, RamusFollowupView, calendar_button);
  gtk_widget_class_bind_template_child (widget_class, RamusFollowupView, calendar);
  gtk_widget_class_bind_template_child (widget_class, RamusFollowupView, editor_message);
  gtk_widget_class_bind_template_child (widget_class, RamusFollowupView, editor_save_button);
  gtk_widget_class_bind_template_child (widget_class, RamusFollowupView, visits_list);
  gtk_widget_class_bind_template_callback (widget_class, score_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, editor_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, editor_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, calendar_day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, visit_activated_cb);

  gtk_widget_class_install_action (widget_class, "followup.add-visit", NULL, add_visit_action);
  gtk_widget_class_install_action (widget_class, "followup.save-edit", NULL, save_edit_action);
  gtk_widget_class_install_action (widget_class, "followup.cancel-edit", NULL, cancel_edit_action);
  gtk_widget_class_install_action (widget_class, "followup.retry-save", NULL, retry_save_action);
  gtk_widget_class_install_action (widget_class, "followup.save-as", NULL, save_as_action);

  /* Escape closes the editor (only while it is open: the action is off). */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "followup.cancel-edit", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "ramus-followup-view");
}

static void
ramus_followup_view_init (RamusFollowupView *self)
{
  self->scores = g_array_new (FALSE, FALSE, sizeof (RamusScore));
  self->score_rows = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_drawing_area_set_draw_func (self->chart_area, draw_chart_cb, self, NULL);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (dark_changed_cb), self, G_CONNECT_SWAPPED);
  edit_visit (self, EDIT_NONE, 0);
  update_save_error (self);
  refresh (self);
}
