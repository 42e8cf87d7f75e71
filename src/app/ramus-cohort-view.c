/* ramus-cohort-view.c — the outcomes of a region and procedure: the chosen
 * score charted by the core (median, interquartile range, n) and a table of
 * the median and n of every score of the region at each time point
 *
 * The statistics come from the store's follow-up scores through
 * ramus_cohort_new_from_store(); the view recomputes them when the library
 * changes, once the burst of changes is over.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ramus-cohort-view"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "ramus-cohort-view.h"
#include "ramus-library-util.h"

/* The narrowest the core's cohort chart is drawn at, in pixels. */
#define CHART_MIN_WIDTH 440

struct _RamusCohortView
{
  GtkWidget parent_instance;

  RamusStore *store;
  RamusCohort *cohort;
  GPtrArray *region_ids;           /* by region_dropdown position */
  GPtrArray *template_ids;         /* by procedure_dropdown position; [0] NULL */
  GArray *scores;                  /* of RamusScore: the region's, as in score_dropdown */
  RamusScore score;
  guint refresh_source;
  gboolean filling;

  GtkWidget *scroller;
  GtkDropDown *region_dropdown;
  GtkDropDown *procedure_dropdown;
  GtkDropDown *score_dropdown;
  GtkLabel *summary_label;
  GtkDrawingArea *chart_area;
  GtkGrid *table_grid;
};

G_DEFINE_FINAL_TYPE (RamusCohortView, ramus_cohort_view, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
selected_id (GtkDropDown *dropdown,
             GPtrArray   *ids)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  return ids->len > 0 ? g_ptr_array_index (ids, MIN (selected, ids->len - 1)) : NULL;
}

static char *
format_median (double value)
{
  if (isnan (value))
    return g_strdup ("—");
  if (value == rint (value))
    return g_strdup_printf ("%.0f", value);
  return g_strdup_printf ("%.1f", value);
}

static GtkWidget *
table_label (const char *text,
             const char *css_class,
             float       xalign)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  if (css_class)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static void
fill_table (RamusCohortView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->table_grid))) != NULL)
    gtk_grid_remove (self->table_grid, child);

  gtk_grid_attach (self->table_grid, table_label (_("Score"), "heading", 0), 0, 0, 1, 1);
  for (guint t = 0; t < RAMUS_N_TIMEPOINTS; t++)
    gtk_grid_attach (self->table_grid, table_label (ramus_timepoint_get_name (t), "heading", 1),
                     t + 1, 0, 1, 1);

  for (guint i = 0; i < self->scores->len; i++)
    {
      RamusScore s = g_array_index (self->scores, RamusScore, i);
      const RamusScoreInfo *info = ramus_score_get_info (s);

      gtk_grid_attach (self->table_grid, table_label (ramus_score_info_get_name (info), NULL, 0),
                       0, i + 1, 1, 1);
      for (guint t = 0; t < RAMUS_N_TIMEPOINTS; t++)
        {
          const RamusCohortCell *cell = self->cohort ? &self->cohort->cells[s][t] : NULL;
          GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
          g_autofree char *median = format_median (cell && cell->n ? cell->median : NAN);
          g_autofree char *n = g_strdup_printf ("n = %u", cell ? cell->n : 0);

          gtk_box_append (GTK_BOX (box), table_label (median, "numeric", 1));
          gtk_box_append (GTK_BOX (box), table_label (n, "caption", 1));
          gtk_widget_add_css_class (gtk_widget_get_last_child (box), "dim-label");
          gtk_grid_attach (self->table_grid, box, t + 1, i + 1, 1, 1);
        }
    }
}

static void
update (RamusCohortView *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  g_clear_pointer (&self->cohort, ramus_cohort_free);
  if (self->store != NULL)
    self->cohort = ramus_cohort_new_from_store (self->store,
                                                selected_id (self->region_dropdown, self->region_ids),
                                                selected_id (self->procedure_dropdown, self->template_ids),
                                                &error);
  if (self->store == NULL)
    summary = g_strdup (_("No case library is open."));
  else if (self->cohort == NULL)
    summary = g_strdup (error->message);
  else if (self->cohort->n_cases == 0)
    summary = g_strdup (_("No case here has follow-up scores yet."));
  else
    summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u case with follow-up scores",
                                            "%u cases with follow-up scores", self->cohort->n_cases),
                               self->cohort->n_cases);
  gtk_label_set_text (self->summary_label, summary);
  fill_table (self);
  gtk_widget_queue_draw (GTK_WIDGET (self->chart_area));
}

static gboolean
refresh_idle_cb (gpointer user_data)
{
  RamusCohortView *self = user_data;

  self->refresh_source = 0;
  update (self);
  return G_SOURCE_REMOVE;
}

static void
store_changed_cb (RamusCohortView *self)
{
  if (self->refresh_source == 0)
    self->refresh_source = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, refresh_idle_cb, self, NULL);
}

void
ramus_cohort_view_refresh (RamusCohortView *self)
{
  g_return_if_fail (RAMUS_IS_COHORT_VIEW (self));

  update (self);
}

static void
draw_chart_cb (GtkDrawingArea *area,
               cairo_t        *cr,
               int             width,
               int             height,
               gpointer        user_data)
{
  RamusCohortView *self = user_data;
  AdwStyleManager *style = adw_style_manager_get_default ();
  RamusThemeId theme = adw_style_manager_get_dark (style) ? RAMUS_THEME_DARK : RAMUS_THEME_LIGHT;
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(RamusCohort) empty = NULL;
  double scale = 1;

  if (self->scores->len == 0)
    return;
  if (self->cohort == NULL)
    {
      none = g_ptr_array_new ();
      empty = ramus_cohort_new (none, NULL, NULL);
    }
  /* The core sizes its text to the chart: below this width the time
   * points' names would overlap, so draw it that wide and scale it down. */
  if (width < CHART_MIN_WIDTH)
    {
      scale = (double) width / CHART_MIN_WIDTH;
      cairo_scale (cr, scale, scale);
    }
  ramus_cohort_draw (self->cohort ? self->cohort : empty, cr, width / scale, height / scale,
                     self->score, theme, NULL);
}

static void
dark_changed_cb (RamusCohortView *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self->chart_area));
}

/* ---------------------------------------------------------------------- */
/* Choosers                                                               */

static void
fill_procedures_and_scores (RamusCohortView *self)
{
  const char *region = selected_id (self->region_dropdown, self->region_ids);
  g_autoptr(GtkStringList) procedures = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) scores = gtk_string_list_new (NULL);
  RamusScore score = self->score;
  guint score_position = 0;

  g_ptr_array_set_size (self->template_ids, 0);
  gtk_string_list_append (procedures, _("All procedures"));
  g_ptr_array_add (self->template_ids, NULL);
  for (guint i = 0; i < ramus_case_get_n_templates (); i++)
    {
      const RamusCaseTemplate *tmpl = ramus_case_get_template (i);

      if (g_strcmp0 (tmpl->region, region) != 0)
        continue;
      gtk_string_list_append (procedures, ramus_case_template_get_name (tmpl));
      g_ptr_array_add (self->template_ids, g_strdup (tmpl->id));
    }

  g_array_set_size (self->scores, 0);
  for (RamusScore s = 0; s < RAMUS_N_SCORES; s++)
    if (region != NULL && ramus_score_in_region (s, region))
      {
        if (s == score)
          score_position = self->scores->len;
        g_array_append_val (self->scores, s);
        gtk_string_list_append (scores, ramus_score_info_get_name (ramus_score_get_info (s)));
      }

  self->filling = TRUE;
  gtk_drop_down_set_model (self->procedure_dropdown, G_LIST_MODEL (procedures));
  gtk_drop_down_set_selected (self->procedure_dropdown, 0);
  gtk_drop_down_set_model (self->score_dropdown, G_LIST_MODEL (scores));
  gtk_drop_down_set_selected (self->score_dropdown, score_position);
  if (self->scores->len > 0)
    self->score = g_array_index (self->scores, RamusScore, score_position);
  self->filling = FALSE;
}

static void
region_changed_cb (RamusCohortView *self)
{
  if (self->filling)
    return;
  fill_procedures_and_scores (self);
  update (self);
}

static void
procedure_changed_cb (RamusCohortView *self)
{
  if (!self->filling)
    update (self);
}

static void
score_changed_cb (RamusCohortView *self)
{
  guint selected = gtk_drop_down_get_selected (self->score_dropdown);

  if (self->filling || selected >= self->scores->len)
    return;
  self->score = g_array_index (self->scores, RamusScore, selected);
  gtk_widget_queue_draw (GTK_WIDGET (self->chart_area));
}

static void
fill_regions (RamusCohortView *self)
{
  RamusAtlas *atlas = ramus_atlas_get_default (NULL);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  for (guint i = 0; atlas != NULL && i < ramus_atlas_get_n_regions (atlas); i++)
    {
      const RamusRegion *region = ramus_atlas_get_region (atlas, i);

      gtk_string_list_append (names, ramus_region_display_name (region->id));
      g_ptr_array_add (self->region_ids, g_strdup (region->id));
    }
  self->filling = TRUE;
  gtk_drop_down_set_model (self->region_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->region_dropdown, 0);
  self->filling = FALSE;
  fill_procedures_and_scores (self);
}

/* ---------------------------------------------------------------------- */
/* Public                                                                 */

RamusStore *
ramus_cohort_view_get_store (RamusCohortView *self)
{
  g_return_val_if_fail (RAMUS_IS_COHORT_VIEW (self), NULL);
  return self->store;
}

/**
 * ramus_cohort_view_set_store:
 * @store: (nullable): the library whose follow-up the view sums up
 */
void
ramus_cohort_view_set_store (RamusCohortView *self,
                             RamusStore      *store)
{
  g_return_if_fail (RAMUS_IS_COHORT_VIEW (self));
  g_return_if_fail (store == NULL || RAMUS_IS_STORE (store));

  if (self->store == store)
    return;
  if (self->store)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_set_object (&self->store, store);
  if (store)
    g_signal_connect_object (store, "changed", G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

const char *
ramus_cohort_view_get_region (RamusCohortView *self)
{
  g_return_val_if_fail (RAMUS_IS_COHORT_VIEW (self), NULL);
  return selected_id (self->region_dropdown, self->region_ids);
}

/* FALSE when @region is not an atlas region. */
gboolean
ramus_cohort_view_set_region (RamusCohortView *self,
                              const char      *region)
{
  g_return_val_if_fail (RAMUS_IS_COHORT_VIEW (self), FALSE);

  for (guint i = 0; i < self->region_ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->region_ids, i), region) == 0)
      {
        if (gtk_drop_down_get_selected (self->region_dropdown) != i)
          gtk_drop_down_set_selected (self->region_dropdown, i);
        return TRUE;
      }
  return FALSE;
}

const char *
ramus_cohort_view_get_template (RamusCohortView *self)
{
  g_return_val_if_fail (RAMUS_IS_COHORT_VIEW (self), NULL);
  return selected_id (self->procedure_dropdown, self->template_ids);
}

/* @template_id: (nullable): a procedure of the region, or NULL for all.
 * FALSE when it is not one of the region's. */
gboolean
ramus_cohort_view_set_template (RamusCohortView *self,
                                const char      *template_id)
{
  g_return_val_if_fail (RAMUS_IS_COHORT_VIEW (self), FALSE);

  for (guint i = 0; i < self->template_ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->template_ids, i), template_id) == 0)
      {
        if (gtk_drop_down_get_selected (self->procedure_dropdown) != i)
          gtk_drop_down_set_selected (self->procedure_dropdown, i);
        return TRUE;
      }
  return FALSE;
}

RamusScore
ramus_cohort_view_get_score (RamusCohortView *self)
{
  g_return_val_if_fail (RAMUS_IS_COHORT_VIEW (self), RAMUS_SCORE_VAS);
  return self->score;
}

/* Charts @score when the region records it. */
void
ramus_cohort_view_set_score (RamusCohortView *self,
                             RamusScore       score)
{
  g_return_if_fail (RAMUS_IS_COHORT_VIEW (self));

  for (guint i = 0; i < self->scores->len; i++)
    if (g_array_index (self->scores, RamusScore, i) == score)
      gtk_drop_down_set_selected (self->score_dropdown, i);
}

/* The statistics shown, or NULL with no library. */
const RamusCohort *
ramus_cohort_view_get_cohort (RamusCohortView *self)
{
  g_return_val_if_fail (RAMUS_IS_COHORT_VIEW (self), NULL);
  return self->cohort;
}

GtkWidget *
ramus_cohort_view_new (void)
{
  return g_object_new (RAMUS_TYPE_COHORT_VIEW, NULL);
}

/* ---------------------------------------------------------------------- */
/* GObject                                                                */

static void
ramus_cohort_view_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  RamusCohortView *self = RAMUS_COHORT_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ramus_cohort_view_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  RamusCohortView *self = RAMUS_COHORT_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      ramus_cohort_view_set_store (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ramus_cohort_view_dispose (GObject *object)
{
  RamusCohortView *self = RAMUS_COHORT_VIEW (object);

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  if (self->store)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), RAMUS_TYPE_COHORT_VIEW);

  G_OBJECT_CLASS (ramus_cohort_view_parent_class)->dispose (object);
}

static void
ramus_cohort_view_finalize (GObject *object)
{
  RamusCohortView *self = RAMUS_COHORT_VIEW (object);

  g_clear_pointer (&self->cohort, ramus_cohort_free);
  g_clear_pointer (&self->region_ids, g_ptr_array_unref);
  g_clear_pointer (&self->template_ids, g_ptr_array_unref);
  g_clear_pointer (&self->scores, g_array_unref);

  G_OBJECT_CLASS (ramus_cohort_view_parent_class)->finalize (object);
}

static void
ramus_cohort_view_class_init (RamusCohortViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = ramus_cohort_view_get_property;
  object_class->set_property = ramus_cohort_view_set_property;
  object_class->dispose = ramus_cohort_view_dispose;
  object_class->finalize = ramus_cohort_view_finalize;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, RAMUS_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/ramus-cohort-view.ui");
  gtk_widget_class_bind_template_child (widget_class, RamusCohortView, scroller);
  gtk_widget_class_bind_template_child (widget_class, RamusCohortView, region_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RamusCohortView, procedure_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RamusCohortView, score_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RamusCohortView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, RamusCohortView, chart_area);
  gtk_widget_class_bind_template_child (widget_class, RamusCohortView, table_grid);
  gtk_widget_class_bind_template_callback (widget_class, region_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, procedure_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, score_changed_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "ramus-cohort-view");
}

static void
ramus_cohort_view_init (RamusCohortView *self)
{
  self->region_ids = g_ptr_array_new_with_free_func (g_free);
  self->template_ids = g_ptr_array_new_with_free_func (g_free);
  self->scores = g_array_new (FALSE, FALSE, sizeof (RamusScore));

  gtk_widget_init_template (GTK_WIDGET (self));

  ramus_drop_down_set_compact (self->region_dropdown);
  ramus_drop_down_set_compact (self->procedure_dropdown);
  ramus_drop_down_set_compact (self->score_dropdown);
  gtk_drawing_area_set_draw_func (self->chart_area, draw_chart_cb, self, NULL);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (dark_changed_cb), self, G_CONNECT_SWAPPED);
  fill_regions (self);
  update (self);
}
