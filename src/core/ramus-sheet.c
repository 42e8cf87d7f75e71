/* ramus-sheet.c — the procedure sheet laid out onto pages
 *
 * The sheet is built in three steps. ramus_sheet_new() asks the plan
 * (ramus-plan) for what the planner shows — routes, devices, doses,
 * warnings — once, whatever the paper. ramus_sheet_layout() turns that into
 * blocks for a page width: each block is a small display list (paragraphs
 * laid out by Pango, rules, boxes, the figure) with a measured height, and
 * the blocks are placed page by page. A block never straddles a page: one
 * that does not fit starts the next page, a section title stays with what
 * follows it, and a table row that starts a page brings its table's header
 * along. ramus_sheet_draw_page() only replays the display lists, so the PDF
 * and the printer get the same page.
 *
 * Text is measured with unhinted metrics at 72 dpi, so a line breaks in the
 * same place on a PDF surface, a printer's surface or an image.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ramus-sheet"

#include "config.h"

#include "ramus-sheet.h"
#include "ramus-plan.h"
#include "ramus-render.h"
#include "ramus-scene.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

G_DEFINE_QUARK (ramus-sheet-error-quark, ramus_sheet_error)

/* Type sizes in points. Body text at 8 pt is what printed clinical forms
 * use; references are smaller, as in a journal's footnotes. */
#define SIZE_TITLE   12.5
#define SIZE_SECTION 8.5
#define SIZE_BODY    7.5
#define SIZE_TABLE   7.0
#define SIZE_SMALL   6.5
#define SIZE_TINY    5.8

#define GAP          5.0     /* between blocks */
#define PAD          2.5     /* inside table cells */
#define RULE         0.6     /* line width of rules and boxes */
#define TICK_SIZE    7.5     /* a tick box's side */
#define HEADER_GAP   8.0
#define FOOTER_GAP   6.0
#define SIDE_GAP     12.0    /* between the figure and what stands beside it */

/* The figure takes at most this share of the content height, so a tall
 * drawing (the spine) still leaves room for the table on the first page. */
#define FIGURE_MAX_SHARE_PORTRAIT  0.36
#define FIGURE_MIN_SHARE_PORTRAIT  0.24
#define FIGURE_MAX_SHARE_LANDSCAPE 0.62
#define FIGURE_MIN_SHARE_LANDSCAPE 0.40
#define FIGURE_MAX_WIDTH_SHARE     0.46
#define FIGURE_MIN_SIDE_PT         150.0
/* The renderer sizes route lines and target discs in device units, for a
 * screen; on paper they are drawn this many times smaller. */
#define FIGURE_OVERLAY_SCALE       1.7

typedef enum
{
  FONT_BODY,
  FONT_BOLD,
  FONT_TABLE,
  FONT_TABLE_BOLD,
  FONT_SMALL,
  FONT_TINY,
  FONT_SECTION,
  FONT_TITLE,
  N_FONTS
} FontStyle;

typedef enum
{
  OP_TEXT,         /* a paragraph */
  OP_LINES,        /* some lines of a paragraph too long for one page */
  OP_STROKE,       /* a rectangle's outline */
  OP_FILL,         /* a shaded rectangle */
  OP_WRITE_LINE,   /* a line to write on */
  OP_FIGURE,
} OpKind;

typedef struct
{
  OpKind kind;
  double x, y, width, height;  /* relative to the block */
  double grey;                 /* 0 black … 1 white */
  PangoLayout *layout;         /* OP_TEXT, OP_LINES: owned */
  guint first_line;            /* OP_LINES */
  guint n_lines;
  double first_baseline;       /* OP_LINES: the first line's baseline below the block's top */
} Op;

typedef struct
{
  RamusSheetBoxKind kind;
  double height;
  gboolean keep_with_next;     /* never the last block of a page */
  gint target;                 /* TARGET rows: index into the targets */
  gint header;                 /* rows: index of their table's header block, else -1 */
  GArray *ops;                 /* of Op */
  GArray *parts;               /* of RamusSheetBox: what was merged in, relative to the block */
} Block;

typedef struct
{
  guint block;
  guint page;
  double y;
  gboolean repeated;
} Placement;

/* One warning as printed: the plan's, a target's, a route's, a dose's or a
 * device conflict. */
typedef struct
{
  RamusSeverity severity;
  guint target;                /* 1-based target number; 0 for the plan */
  char *message;
  char **sources;              /* source ids, or NULL */
} SheetWarning;

struct _RamusSheet
{
  GObject parent_instance;

  RamusAtlas *atlas;
  RamusPlan *plan;
  const RamusCase *kase;       /* the plan's */
  char *institution;
  char *operator_name;
  char *date;
  RamusLang lang;

  const RamusRegion *region;
  const RamusVariant *variant;
  const RamusCaseTemplate *tmpl;
  const RamusIndication *indication;
  const RamusAccessSite *access;
  RamusSide puncture_side;
  RamusScene *scene;
  RamusRenderer *renderer;
  GArray *route_indices;       /* scene vessels of every route, for the overlay */
  GArray *target_indices;      /* scene vessel per target, -1 when not drawn */
  RamusDeviceSet devices;
  gboolean devices_proposed;
  GPtrArray *warnings;         /* SheetWarning * */
  GPtrArray *sources;          /* char * source ids, in order of first citation */
  GHashTable *source_numbers;  /* id -> number */

  PangoContext *pango;
  PangoFontDescription *fonts[N_FONTS];
  RamusSheetPage page;
  double content_x;
  double content_width;
  double content_top;
  double content_bottom;
  GPtrArray *blocks;           /* Block *, the body in reading order */
  Block *header;
  GPtrArray *footers;          /* Block * per page */
  GArray *placements;          /* of Placement */
  GArray *boxes;               /* of RamusSheetBox */
  guint n_pages;
};

G_DEFINE_FINAL_TYPE (RamusSheet, ramus_sheet, G_TYPE_OBJECT)

/* ---------------------------------------------------------------------------
 * Blocks and their display lists
 * ------------------------------------------------------------------------ */

static void
op_clear (gpointer data)
{
  Op *op = data;
  g_clear_object (&op->layout);
}

static Block *
block_new (RamusSheetBoxKind kind)
{
  Block *b = g_new0 (Block, 1);

  b->kind = kind;
  b->target = -1;
  b->header = -1;
  b->ops = g_array_new (FALSE, TRUE, sizeof (Op));
  g_array_set_clear_func (b->ops, op_clear);
  b->parts = g_array_new (FALSE, FALSE, sizeof (RamusSheetBox));
  return b;
}

static void
block_free (Block *b)
{
  if (b == NULL)
    return;
  g_array_unref (b->ops);
  g_array_unref (b->parts);
  g_free (b);
}

/* Adds a paragraph at (x, y); returns its height. Takes the layout. */
static double
block_add_text (Block       *b,
                PangoLayout *layout,
                double       x,
                double       y)
{
  Op op = { OP_TEXT, x, y, 0, 0, 0, layout, 0, 0, 0 };
  int w, h;

  pango_layout_get_size (layout, &w, &h);
  op.width = (double) w / PANGO_SCALE;
  op.height = (double) h / PANGO_SCALE;
  g_array_append_val (b->ops, op);
  return op.height;
}

static void
block_add_shape (Block  *b,
                 OpKind  kind,
                 double  x,
                 double  y,
                 double  width,
                 double  height,
                 double  grey)
{
  Op op = { kind, x, y, width, height, grey, NULL, 0, 0, 0 };
  g_array_append_val (b->ops, op);
}

/* Moves the ops of @from, @width wide, into @to, shifted by (dx, dy); it
 * stays a box of its own in the page model. @from is freed. */
static void
block_merge (Block  *to,
             Block  *from,
             double  dx,
             double  dy,
             double  width)
{
  RamusSheetBox part = { from->kind, 0, { dx, dy, width, from->height }, from->target, FALSE };

  g_array_append_val (to->parts, part);
  for (guint i = 0; i < from->parts->len; i++)
    {
      RamusSheetBox inner = g_array_index (from->parts, RamusSheetBox, i);
      inner.rect.x += dx;
      inner.rect.y += dy;
      g_array_append_val (to->parts, inner);
    }
  for (guint i = 0; i < from->ops->len; i++)
    {
      Op *op = &g_array_index (from->ops, Op, i);
      Op moved = *op;

      moved.x += dx;
      moved.y += dy;
      op->layout = NULL;
      g_array_append_val (to->ops, moved);
    }
  block_free (from);
}

static void
sheet_warning_free (SheetWarning *w)
{
  g_free (w->message);
  g_strfreev (w->sources);
  g_free (w);
}

/* ---------------------------------------------------------------------------
 * Object
 * ------------------------------------------------------------------------ */

static void
clear_layout (RamusSheet *self)
{
  g_clear_pointer (&self->blocks, g_ptr_array_unref);
  g_clear_pointer (&self->header, block_free);
  g_clear_pointer (&self->footers, g_ptr_array_unref);
  g_clear_pointer (&self->placements, g_array_unref);
  g_clear_pointer (&self->boxes, g_array_unref);
  self->n_pages = 0;
}

static void
ramus_sheet_finalize (GObject *object)
{
  RamusSheet *self = RAMUS_SHEET (object);

  clear_layout (self);
  for (guint i = 0; i < N_FONTS; i++)
    g_clear_pointer (&self->fonts[i], pango_font_description_free);
  g_clear_object (&self->pango);
  g_clear_pointer (&self->route_indices, g_array_unref);
  g_clear_pointer (&self->target_indices, g_array_unref);
  g_clear_pointer (&self->warnings, g_ptr_array_unref);
  g_clear_pointer (&self->sources, g_ptr_array_unref);
  g_clear_pointer (&self->source_numbers, g_hash_table_unref);
  g_clear_object (&self->renderer);
  g_clear_object (&self->scene);
  g_clear_object (&self->plan);
  g_clear_object (&self->atlas);
  g_free (self->institution);
  g_free (self->operator_name);
  g_free (self->date);

  G_OBJECT_CLASS (ramus_sheet_parent_class)->finalize (object);
}

static void
ramus_sheet_class_init (RamusSheetClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ramus_sheet_finalize;
}

static void
ramus_sheet_init (RamusSheet *self)
{
  self->route_indices = g_array_new (FALSE, FALSE, sizeof (gint));
  self->target_indices = g_array_new (FALSE, FALSE, sizeof (gint));
  self->warnings = g_ptr_array_new_with_free_func ((GDestroyNotify) sheet_warning_free);
  self->sources = g_ptr_array_new_with_free_func (g_free);
  self->source_numbers = g_hash_table_new (g_str_hash, g_str_equal);
}

/* ---------------------------------------------------------------------------
 * References
 *
 * Sources are kept as ids and numbered as the blocks are built, so the list
 * runs in reading order; numbering is idempotent, so a second layout (other
 * paper) keeps the numbers.
 * ------------------------------------------------------------------------ */

/* The number of a source in the sheet's reference list, adding it on first
 * use; 0 for an id nothing resolves (never printed as a reference). */
static guint
cite (RamusSheet *self,
      const char *id)
{
  gpointer number;

  if (id == NULL || *id == '\0')
    return 0;
  if (g_hash_table_lookup_extended (self->source_numbers, id, NULL, &number))
    return GPOINTER_TO_UINT (number);
  if (ramus_warnings_lookup_source (self->atlas, id) == NULL)
    return 0;
  g_ptr_array_add (self->sources, g_strdup (id));
  g_hash_table_insert (self->source_numbers, g_ptr_array_index (self->sources, self->sources->len - 1),
                       GUINT_TO_POINTER (self->sources->len));
  return self->sources->len;
}

/* " [2, 5]" for the given ids, or "" when none resolves. */
static char *
cite_all (RamusSheet         *self,
          const char * const *ids)
{
  g_autoptr(GString) s = g_string_new (NULL);
  g_autoptr(GArray) numbers = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; ids && ids[i]; i++)
    {
      guint n = cite (self, ids[i]);
      gboolean seen = FALSE;

      for (guint k = 0; k < numbers->len; k++)
        seen |= g_array_index (numbers, guint, k) == n;
      if (n > 0 && !seen)
        g_array_append_val (numbers, n);
    }
  for (guint k = 0; k < numbers->len; k++)
    g_string_append_printf (s, "%s%u", k == 0 ? " [" : ",", g_array_index (numbers, guint, k));
  if (numbers->len > 0)
    g_string_append_c (s, ']');
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static char *
cite_one (RamusSheet *self,
          const char *id)
{
  const char *ids[] = { id, NULL };
  return cite_all (self, ids);
}

/* ---------------------------------------------------------------------------
 * Names
 * ------------------------------------------------------------------------ */

static const char *
side_name (RamusSide side)
{
  return side == RAMUS_SIDE_LEFT ? _("Left") : _("Right");
}

static const char *
sex_name (const char *sex)
{
  if (sex == NULL)
    return NULL;
  if (g_str_equal (sex, "female"))
    return _("Female");
  if (g_str_equal (sex, "male"))
    return _("Male");
  return _("Other");
}

static const char *
severity_name (RamusSeverity severity)
{
  switch (severity)
    {
    case RAMUS_SEVERITY_DANGER:
      return _("Danger");
    case RAMUS_SEVERITY_CAUTION:
      return _("Caution");
    case RAMUS_SEVERITY_INFO:
    default:
      return _("Note");
    }
}

static const char *
lang_name (const char * const *names,
           RamusLang           lang)
{
  return names[lang] ? names[lang] : names[RAMUS_LANG_EN];
}

/* The short name of a vessel for a route line: its first abbreviation, or
 * its name in the sheet's language. */
static const char *
short_name (RamusSheet        *self,
            const RamusVessel *v)
{
  if (v->abbreviations && v->abbreviations[0])
    return v->abbreviations[0];
  return ramus_vessel_get_name (v, self->lang);
}

/* Numbers as people write them: no trailing zeros. */
static char *
format_number (double value,
               int    max_decimals)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  char *text, *dot;

  g_ascii_formatd (buffer, sizeof buffer, max_decimals <= 0 ? "%.0f" : max_decimals == 1 ? "%.1f"
                                                          : max_decimals == 2 ? "%.2f" : "%.3f", value);
  text = g_strdup (buffer);
  dot = strchr (text, '.');
  if (dot)
    {
      char *end = text + strlen (text) - 1;
      while (end > dot && *end == '0')
        *end-- = '\0';
      if (end == dot)
        *end = '\0';
    }
  return text;
}

static char *
calibre_text (const RamusVessel *v)
{
  g_autofree char *lo = NULL, *hi = NULL;

  if (v->diameter_min <= 0 && v->diameter_max <= 0)
    return NULL;
  lo = format_number (v->diameter_min > 0 ? v->diameter_min : v->diameter_max, 1);
  hi = format_number (v->diameter_max, 1);
  if (v->diameter_max <= 0 || v->diameter_min == v->diameter_max || v->diameter_min <= 0)
    return g_strdup_printf (_("%s mm"), lo);
  return g_strdup_printf (_("%s–%s mm"), lo, hi);
}

/* The device's name, with its size and length when the name does not
 * already say them. */
static char *
device_text (const RamusDevice *d)
{
  g_autofree char *length = d->length_cm > 0 ? format_number (d->length_cm, 0) : NULL;
  g_autofree char *french = d->french > 0 ? format_number (d->french, 1) : NULL;
  g_autofree char *length_cm = length ? g_strdup_printf ("%s cm", length) : NULL;
  g_autofree char *french_f = french ? g_strdup_printf ("%s F", french) : NULL;

  if (d->type == RAMUS_DEVICE_GUIDEWIRE && d->wire_in > 0)
    {
      g_autofree char *wire = format_number (d->wire_in, 3);
      if (strstr (d->name, wire) && (length_cm == NULL || strstr (d->name, length_cm)))
        return g_strdup (d->name);
      return length ? g_strdup_printf (_("%s (%s inch, %s cm)"), d->name, wire, length)
                    : g_strdup_printf (_("%s (%s inch)"), d->name, wire);
    }
  if ((french_f == NULL || strstr (d->name, french_f)) && (length_cm == NULL || strstr (d->name, length_cm)))
    return g_strdup (d->name);
  if (french && length)
    return g_strdup_printf (_("%s (%s F, %s cm)"), d->name, french, length);
  if (french)
    return g_strdup_printf (_("%s (%s F)"), d->name, french);
  return g_strdup (d->name);
}

/* ---------------------------------------------------------------------------
 * What the sheet says
 * ------------------------------------------------------------------------ */

static void
add_warning (RamusSheet         *self,
             RamusSeverity       severity,
             guint               target,
             const char         *message,
             const char * const *sources)
{
  SheetWarning *w;

  /* The same sentence from two rules is one line. */
  for (guint i = 0; i < self->warnings->len; i++)
    {
      SheetWarning *o = g_ptr_array_index (self->warnings, i);
      if (o->target == target && g_str_equal (o->message, message))
        return;
    }
  w = g_new0 (SheetWarning, 1);
  w->severity = severity;
  w->target = target;
  w->message = g_strdup (message);
  w->sources = g_strdupv ((char **) sources);
  g_ptr_array_add (self->warnings, w);
}

/* The 1-based number of the first target on @vessel, 0 if none. */
static guint
target_number (RamusSheet *self,
               const char *vessel)
{
  for (guint i = 0; vessel && i < self->kase->targets->len; i++)
    if (g_strcmp0 (g_array_index (self->kase->targets, RamusTarget, i).vessel, vessel) == 0)
      return i + 1;
  return 0;
}

/* The devices printed: the case's own, or what Ramus proposes for the
 * longest route (the one that needs the longest devices). */
static void
prepare_devices (RamusSheet *self)
{
  const RamusCaseDevices *d = &self->kase->devices;
  const RamusPlanTarget *longest = NULL;

  if ((d->sheath || d->catheter || d->microcatheter || d->guidewire) &&
      ramus_devices_set_from_ids (self->atlas, d->sheath, d->catheter, d->microcatheter, d->guidewire,
                                  &self->devices, NULL))
    return;
  memset (&self->devices, 0, sizeof self->devices);
  for (guint i = 0; i < ramus_plan_get_n_targets (self->plan); i++)
    {
      const RamusPlanTarget *pt = ramus_plan_get_target (self->plan, i);
      if (pt->route && pt->device_conflicts && (longest == NULL || pt->route->length_cm > longest->route->length_cm))
        longest = pt;
    }
  if (longest)
    {
      self->devices = longest->proposed;
      self->devices_proposed = TRUE;
    }
}

static void
prepare_warnings (RamusSheet *self)
{
  GPtrArray *warnings = ramus_plan_get_warnings (self->plan);
  GPtrArray *doses = ramus_plan_get_doses (self->plan);

  for (guint i = 0; i < warnings->len; i++)
    {
      RamusWarning *w = g_ptr_array_index (warnings, i);
      add_warning (self, w->severity, target_number (self, w->vessel), w->message,
                   (const char * const *) w->sources);
    }

  for (guint i = 0; i < ramus_plan_get_n_targets (self->plan); i++)
    {
      const RamusPlanTarget *pt = ramus_plan_get_target (self->plan, i);

      /* A target with no route is a danger on a sheet: the team would
       * find out in the lab. */
      if (pt->route == NULL && pt->refusal && self->access)
        add_warning (self, RAMUS_SEVERITY_DANGER, i + 1, pt->refusal, NULL);
      if (pt->route && !pt->route->feasible && pt->route->reason)
        add_warning (self, RAMUS_SEVERITY_DANGER, i + 1, pt->route->reason, NULL);
      for (guint k = 0; pt->route && pt->route->warnings && k < pt->route->warnings->len; k++)
        add_warning (self, RAMUS_SEVERITY_CAUTION, i + 1, g_ptr_array_index (pt->route->warnings, k), NULL);
      if (pt->device_conflicts == NULL)
        continue;
      /* A target's conflicts are those of its own proposal when the case
       * names no devices: they hold for the devices printed only when that
       * proposal is the one printed. */
      if (self->devices_proposed && memcmp (&pt->proposed, &self->devices, sizeof self->devices) != 0)
        {
          g_autoptr(GString) other = g_string_new (NULL);
          const RamusDevice *slots[4] = { pt->proposed.sheath, pt->proposed.catheter,
                                          pt->proposed.microcatheter, pt->proposed.guidewire };
          const RamusDevice *shown[4] = { self->devices.sheath, self->devices.catheter,
                                          self->devices.microcatheter, self->devices.guidewire };
          g_autofree char *message = NULL;

          for (guint k = 0; k < 4; k++)
            if (slots[k] && slots[k] != shown[k])
              g_string_append_printf (other, "%s%s", other->len ? ", " : "", slots[k]->name);
          message = g_strdup_printf (_("Ramus proposes other devices for this target’s route: %s."), other->str);
          add_warning (self, RAMUS_SEVERITY_INFO, i + 1, message, NULL);
          continue;
        }
      for (guint k = 0; k < pt->device_conflicts->len; k++)
        {
          RamusDeviceConflict *c = g_ptr_array_index (pt->device_conflicts, k);
          add_warning (self, RAMUS_SEVERITY_CAUTION, i + 1, c->message, NULL);
        }
    }

  for (guint i = 0; i < doses->len; i++)
    {
      RamusPlanDose *d = g_ptr_array_index (doses, i);
      if (d->error)
        add_warning (self, RAMUS_SEVERITY_CAUTION, 0, d->error, NULL);
      for (guint k = 0; d->result && k < d->result->warnings->len; k++)
        add_warning (self, RAMUS_SEVERITY_CAUTION, 0, g_ptr_array_index (d->result->warnings, k),
                     (const char * const *) d->result->sources);
    }

  if (self->access == NULL && self->kase->targets->len > 0)
    add_warning (self, RAMUS_SEVERITY_CAUTION, 0, _("No access site chosen: the sheet shows no route."), NULL);
}

/* What the figure's overlay draws: every route, and the targets numbered. */
static void
prepare_overlay (RamusSheet *self)
{
  for (guint i = 0; i < ramus_plan_get_n_targets (self->plan); i++)
    {
      const RamusPlanTarget *pt = ramus_plan_get_target (self->plan, i);
      gint index = pt->vessel ? ramus_scene_find_vessel (self->scene, pt->vessel) : -1;

      /* The paired instance on the patient's side of a midline drawing. */
      if (index >= 0 && ramus_scene_is_midline (self->scene) && self->kase->side == RAMUS_SIDE_LEFT &&
          pt->vessel->laterality == RAMUS_LATERALITY_PAIRED &&
          (guint) index + 1 < ramus_scene_get_n_vessels (self->scene) &&
          ramus_scene_get_vessel (self->scene, index + 1)->mirror_copy)
        index++;
      g_array_append_val (self->target_indices, index);
      if (pt->route)
        {
          g_autoptr(GArray) indices = ramus_route_scene_indices (pt->route, self->scene);
          g_array_append_vals (self->route_indices, indices->data, indices->len);
        }
    }
}

/* ---------------------------------------------------------------------------
 * Construction
 * ------------------------------------------------------------------------ */

/**
 * ramus_sheet_new:
 * @atlas: the atlas the case refers to
 * @kase: the case; copied
 * @info: institution, operator, date and language
 *
 * Works out what the sheet says. The case must pass ramus_case_validate():
 * a sheet is what the team acts on, so a case with an unknown vessel or an
 * out-of-range number is refused rather than printed.
 *
 * Returns: (transfer full): the sheet, or %NULL with @error set
 */
RamusSheet *
ramus_sheet_new (RamusAtlas           *atlas,
                 const RamusCase      *kase,
                 const RamusSheetInfo *info,
                 GError              **error)
{
  g_autoptr(RamusSheet) self = NULL;
  g_autoptr(GError) local_error = NULL;
  const RamusCase *k;

  g_return_val_if_fail (RAMUS_IS_ATLAS (atlas), NULL);
  g_return_val_if_fail (kase != NULL, NULL);
  g_return_val_if_fail (info != NULL, NULL);
  g_return_val_if_fail (info->lang < RAMUS_N_LANGS, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!ramus_case_validate (kase, atlas, &local_error))
    {
      g_set_error (error, RAMUS_SHEET_ERROR, RAMUS_SHEET_ERROR_INVALID_CASE,
                   _("The case cannot be printed: %s"), local_error->message);
      return NULL;
    }

  self = g_object_new (RAMUS_TYPE_SHEET, NULL);
  self->atlas = g_object_ref (atlas);
  self->plan = ramus_plan_new (atlas, kase);
  self->kase = k = ramus_plan_get_case (self->plan);
  self->institution = g_strdup (info->institution);
  self->operator_name = g_strdup (info->operator_name);
  self->lang = info->lang;
  if (info->date)
    self->date = g_strdup (info->date);
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      self->date = g_date_time_format (now, "%Y-%m-%d");
    }

  self->region = ramus_atlas_lookup_region (atlas, k->region);
  self->tmpl = k->template_id ? ramus_case_lookup_template (k->template_id) : NULL;
  self->indication = k->indication.id ? ramus_indication_lookup (k->indication.id) : NULL;
  if (k->liver.michels)
    self->variant = ramus_atlas_lookup_variant (atlas, k->liver.michels);
  if (k->access)
    {
      self->access = ramus_atlas_lookup_access_site (atlas, k->access);
      if (self->access)
        self->puncture_side = ramus_plan_get_puncture_side (self->plan);
    }

  self->scene = ramus_scene_new_for_region (atlas, self->region->id, self->variant, &local_error);
  if (self->scene == NULL)
    {
      g_set_error (error, RAMUS_SHEET_ERROR, RAMUS_SHEET_ERROR_INVALID_CASE,
                   _("The case cannot be printed: %s"), local_error->message);
      return NULL;
    }
  self->renderer = ramus_renderer_new (self->scene);

  prepare_devices (self);
  prepare_warnings (self);
  prepare_overlay (self);

  return g_steal_pointer (&self);
}

/* ---------------------------------------------------------------------------
 * Text
 * ------------------------------------------------------------------------ */

static void
ensure_fonts (RamusSheet *self)
{
  static const struct { double size; PangoWeight weight; } styles[N_FONTS] = {
    [FONT_BODY] = { SIZE_BODY, PANGO_WEIGHT_NORMAL },
    [FONT_BOLD] = { SIZE_BODY, PANGO_WEIGHT_BOLD },
    [FONT_TABLE] = { SIZE_TABLE, PANGO_WEIGHT_NORMAL },
    [FONT_TABLE_BOLD] = { SIZE_TABLE, PANGO_WEIGHT_BOLD },
    [FONT_SMALL] = { SIZE_SMALL, PANGO_WEIGHT_NORMAL },
    [FONT_TINY] = { SIZE_TINY, PANGO_WEIGHT_NORMAL },
    [FONT_SECTION] = { SIZE_SECTION, PANGO_WEIGHT_BOLD },
    [FONT_TITLE] = { SIZE_TITLE, PANGO_WEIGHT_BOLD },
  };
  /* Latin in a condensed face (a CJK face sets quotes and apostrophes
   * full-width), Chinese in Noto Sans CJK with the Han forms of the
   * sheet's language: Taiwan's or the mainland's. */
  const char *family = self->lang == RAMUS_LANG_ZH_TW
                       ? "DejaVu Sans Condensed, Noto Sans CJK TC, Noto Sans CJK SC, sans-serif"
                       : "DejaVu Sans Condensed, Noto Sans CJK SC, Noto Sans CJK TC, sans-serif";
  const char *language = self->lang == RAMUS_LANG_ZH_TW ? "zh-tw" : self->lang == RAMUS_LANG_ZH_CN ? "zh-cn" : "en";
  cairo_font_options_t *options;

  if (self->pango)
    return;
  self->pango = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  /* Points at 72 dpi, unhinted: the same line breaks on every surface. */
  pango_cairo_context_set_resolution (self->pango, 72);
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (self->pango, options);
  cairo_font_options_destroy (options);
  pango_context_set_round_glyph_positions (self->pango, FALSE);
  pango_context_set_language (self->pango, pango_language_from_string (language));

  for (guint i = 0; i < N_FONTS; i++)
    {
      self->fonts[i] = pango_font_description_from_string (family);
      pango_font_description_set_size (self->fonts[i], (int) (styles[i].size * PANGO_SCALE));
      pango_font_description_set_weight (self->fonts[i], styles[i].weight);
    }
}

/* A paragraph of Pango markup wrapped at @width points (0: unwrapped). */
static PangoLayout *
text_layout (RamusSheet     *self,
             FontStyle       font,
             const char     *markup,
             double          width,
             PangoAlignment  align)
{
  PangoLayout *layout = pango_layout_new (self->pango);

  pango_layout_set_font_description (layout, self->fonts[font]);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  if (width > 0)
    pango_layout_set_width (layout, (int) floor (width * PANGO_SCALE));
  pango_layout_set_alignment (layout, align);
  pango_layout_set_markup (layout, markup, -1);
  return layout;
}

static PangoLayout *
plain_layout (RamusSheet     *self,
              FontStyle       font,
              const char     *text,
              double          width,
              PangoAlignment  align)
{
  g_autofree char *markup = g_markup_escape_text (text, -1);
  return text_layout (self, font, markup, width, align);
}

static double
layout_height (PangoLayout *layout)
{
  int w, h;
  pango_layout_get_size (layout, &w, &h);
  return (double) h / PANGO_SCALE;
}

static double
layout_width (PangoLayout *layout)
{
  int w, h;
  pango_layout_get_size (layout, &w, &h);
  return (double) w / PANGO_SCALE;
}

#define LABEL_COLOUR "#4d4d4d"

/* "Label value" lines: a grey label, the value after a tab, wrapped lines
 * hanging under the value. @value is markup. */
static void
append_field_markup (GString    *s,
                     const char *label,
                     const char *value)
{
  g_autofree char *escaped = g_markup_printf_escaped ("<span foreground='" LABEL_COLOUR "'>%s</span>\t", label);

  if (s->len > 0)
    g_string_append_c (s, '\n');
  g_string_append (s, escaped);
  g_string_append (s, value && *value ? value : "—");
}

static void
append_field (GString    *s,
              const char *label,
              const char *value)
{
  g_autofree char *escaped = value ? g_markup_escape_text (value, -1) : NULL;
  append_field_markup (s, label, escaped);
}

static PangoLayout *
fields_layout (RamusSheet *self,
               FontStyle   font,
               const char *markup,
               double      width,
               double      label_width)
{
  PangoLayout *layout = text_layout (self, font, markup, width, PANGO_ALIGN_LEFT);
  PangoTabArray *tabs = pango_tab_array_new_with_positions (1, TRUE, PANGO_TAB_LEFT, (int) label_width);

  pango_layout_set_tabs (layout, tabs);
  pango_layout_set_indent (layout, (int) (-label_width * PANGO_SCALE));
  pango_tab_array_free (tabs);
  return layout;
}

/* ---------------------------------------------------------------------------
 * Building the blocks
 * ------------------------------------------------------------------------ */

static Block *
add_block (RamusSheet        *self,
           RamusSheetBoxKind  kind)
{
  Block *b = block_new (kind);
  g_ptr_array_add (self->blocks, b);
  return b;
}

static void
add_title (RamusSheet *self,
           const char *title)
{
  Block *b = add_block (self, RAMUS_SHEET_BOX_TITLE);
  double h = block_add_text (b, plain_layout (self, FONT_SECTION, title, self->content_width, PANGO_ALIGN_LEFT), 0, 0);

  block_add_shape (b, OP_FILL, 0, h + 0.5, self->content_width, RULE, 0.0);
  b->height = h + 0.5 + RULE + 2;
  b->keep_with_next = TRUE;
}

static char *
procedure_name (RamusSheet *self)
{
  if (self->tmpl)
    return g_strdup (ramus_case_template_get_name (self->tmpl));
  if (self->region->procedures[self->lang])
    return g_strdup (self->region->procedures[self->lang]);
  return g_strdup (lang_name ((const char * const *) self->region->names, self->lang));
}

static const char *
region_name (RamusSheet *self)
{
  return lang_name ((const char * const *) self->region->names, self->lang);
}

static const char *
access_name (RamusSheet *self)
{
  return lang_name ((const char * const *) self->access->names, self->lang);
}

static void
build_header (RamusSheet *self)
{
  Block *b = block_new (RAMUS_SHEET_BOX_HEADER);
  double w = self->content_width, right = w * 0.34, left = w - right - 8, h1, h2, y;
  g_autofree char *procedure = procedure_name (self);
  g_autofree char *title = g_markup_printf_escaped ("%s  <span weight='normal' size='smaller'>%s</span>",
                                                    _("Procedure sheet"), procedure);
  g_autofree char *facts = NULL;
  g_autofree char *who = NULL;
  const char *blank = "________________";

  facts = g_markup_printf_escaped ("<span foreground='" LABEL_COLOUR "'>%s</span> <b>%s</b>\n"
                                   "<span foreground='" LABEL_COLOUR "'>%s</span> <b>%s</b> · %s, %s",
                                   _("Date"), self->date,
                                   _("Case"), self->kase->pseudonym,
                                   region_name (self), self->kase->side == RAMUS_SIDE_LEFT ? _("left") : _("right"));
  who = g_markup_printf_escaped ("<span foreground='" LABEL_COLOUR "'>%s</span> %s    "
                                 "<span foreground='" LABEL_COLOUR "'>%s</span> %s",
                                 _("Institution"), self->institution && *self->institution ? self->institution : blank,
                                 _("Operator"), self->operator_name && *self->operator_name ? self->operator_name : blank);

  h1 = block_add_text (b, text_layout (self, FONT_TITLE, title, left, PANGO_ALIGN_LEFT), 0, 0);
  h2 = block_add_text (b, text_layout (self, FONT_BODY, who, left, PANGO_ALIGN_LEFT), 0, h1 + 1);
  y = MAX (h1 + 1 + h2, block_add_text (b, text_layout (self, FONT_BODY, facts, right, PANGO_ALIGN_RIGHT),
                                        w - right, 0));
  block_add_shape (b, OP_FILL, 0, y + 3, w, 1.2, 0.0);
  b->height = y + 3 + 1.2;
  self->header = b;
}

static Block *
build_footer (RamusSheet *self,
              guint       page)
{
  Block *b = block_new (RAMUS_SHEET_BOX_FOOTER);
  double w = self->content_width, h;
  g_autofree char *left = g_markup_printf_escaped ("<b>%s</b> %s",
                                                   _("Planning aid, not a certified medical device."),
                                                   _("Check every value against the patient and the images."));
  g_autofree char *number = g_strdup_printf (_("Page %u of %u"), page + 1, self->n_pages);
  g_autofree char *right = g_markup_printf_escaped ("<b>%s</b> · Ramus %s", number, PACKAGE_VERSION);

  block_add_shape (b, OP_FILL, 0, 0, w, RULE, 0.0);
  h = block_add_text (b, text_layout (self, FONT_SMALL, left, w * 0.70, PANGO_ALIGN_LEFT), 0, 2);
  h = MAX (h, block_add_text (b, text_layout (self, FONT_SMALL, right, w * 0.30, PANGO_ALIGN_RIGHT), w * 0.70, 2));
  b->height = 2 + h;
  return b;
}

static double
footer_height (RamusSheet *self)
{
  /* Measured on the real text: a translation may wrap it. */
  Block *probe = build_footer (self, 0);
  double h = probe->height;

  block_free (probe);
  return h;
}

static char *
score_value (const RamusScoreInfo *info,
             double                value)
{
  g_autofree char *number = format_number (value, 1);

  if (info->unit && *info->unit)
    return g_strdup_printf ("%s %s", number, info->unit);
  return g_steal_pointer (&number);
}

static char *
indication_text (RamusSheet *self)
{
  const RamusCaseIndication *ind = &self->kase->indication;
  g_autoptr(GString) s = g_string_new (self->indication ? ramus_indication_get_name (self->indication) : ind->id);

  if (ind->kellgren_lawrence != RAMUS_CASE_UNSET)
    g_string_append_printf (s, _(", Kellgren–Lawrence %d"), ind->kellgren_lawrence);
  if (ind->eaton_littler != RAMUS_CASE_UNSET)
    g_string_append_printf (s, _(", Eaton–Littler %d"), ind->eaton_littler);
  if (ind->bclc)
    g_string_append_printf (s, _(", BCLC %s"), ind->bclc);
  if (ind->child_pugh)
    g_string_append_printf (s, _(", Child–Pugh %s"), ind->child_pugh);
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static char *
allergies_text (RamusSheet *self)
{
  char **allergies = self->kase->patient.allergies;
  g_autoptr(GString) s = g_string_new (NULL);

  for (guint i = 0; allergies && allergies[i]; i++)
    g_string_append_printf (s, "%s%s", i ? ", " : "", ramus_allergy_label (allergies[i]));
  return s->len ? g_string_free (g_steal_pointer (&s), FALSE) : g_strdup (_("none recorded"));
}

static void
build_patient (RamusSheet *self)
{
  Block *b = add_block (self, RAMUS_SHEET_BOX_PATIENT);
  const RamusCase *k = self->kase;
  const RamusPatient *p = &k->patient;
  double col = (self->content_width - 2 * PAD - 2 * 10) / 3, h = 0, label = 58;
  g_autoptr(GString) a = g_string_new (NULL);
  g_autoptr(GString) m = g_string_new (NULL);
  g_autoptr(GString) c = g_string_new (NULL);
  g_autoptr(GString) scores = g_string_new (NULL);
  g_autofree char *age = p->age_years != RAMUS_CASE_UNSET ? g_strdup_printf (_("%d years"), p->age_years) : NULL;
  g_autofree char *indication = indication_text (self);
  g_autofree char *allergies = allergies_text (self);
  g_autofree char *height = NULL, *weight = NULL, *egfr = NULL;
  g_autofree char *side = g_strdup_printf ("%s (%s)", side_name (k->side), region_name (self));

  append_field (a, _("Pseudonym"), k->pseudonym);
  append_field (a, _("Age"), age);
  append_field (a, _("Sex"), sex_name (p->sex));
  append_field (a, _("Side"), side);

  append_field (m, _("Indication"), indication);
  for (guint i = 0; i < RAMUS_N_SCORES; i++)
    if (!isnan (k->baseline.values[i]))
      {
        const RamusScoreInfo *info = ramus_score_get_info (i);
        g_autofree char *value = score_value (info, k->baseline.values[i]);
        g_string_append_printf (scores, "%s%s %s", scores->len ? ", " : "", ramus_score_info_get_name (info), value);
      }
  append_field (m, _("Baseline"), scores->str);
  if (k->indication.primary)
    append_field (m, _("Primary tumour"), k->indication.primary);
  if (k->indication.level)
    append_field (m, _("Level"), k->indication.level);
  if (k->indication.lesion)
    append_field (m, _("Lesion"), k->indication.lesion);
  if (self->variant)
    append_field (m, _("Variant"), lang_name ((const char * const *) self->variant->names, self->lang));
  if (k->liver.tumours && k->liver.tumours->len > 0)
    {
      g_autoptr(GString) t = g_string_new (NULL);
      for (guint i = 0; i < k->liver.tumours->len; i++)
        {
          const RamusTumour *tu = &g_array_index (k->liver.tumours, RamusTumour, i);
          g_autofree char *d = format_number (tu->diameter_mm, 0);
          if (i)
            g_string_append (t, "; ");
          g_string_append_printf (t, _("segment %s, %s mm"), tu->segment, d);
        }
      append_field (m, _("Tumours"), t->str);
    }
  append_field (m, _("Procedure date"), k->procedure_date);

  append_field (c, _("Allergies"), allergies);
  if (!isnan (p->egfr_ml_min))
    {
      g_autofree char *n = format_number (p->egfr_ml_min, 0);
      egfr = g_strdup_printf (_("%s mL/min/1.73 m²"), n);
    }
  append_field (c, _("eGFR"), egfr);
  if (!isnan (p->height_cm))
    {
      g_autofree char *n = format_number (p->height_cm, 1);
      height = g_strdup_printf (_("%s cm"), n);
    }
  append_field (c, _("Height"), height);
  if (!isnan (p->weight_kg))
    {
      g_autofree char *n = format_number (p->weight_kg, 1);
      weight = g_strdup_printf (_("%s kg"), n);
    }
  append_field (c, _("Weight"), weight);

  h = MAX (h, block_add_text (b, fields_layout (self, FONT_BODY, a->str, col, label), PAD, PAD));
  h = MAX (h, block_add_text (b, fields_layout (self, FONT_BODY, m->str, col, label), PAD + col + 10, PAD));
  h = MAX (h, block_add_text (b, fields_layout (self, FONT_BODY, c->str, col, label), PAD + 2 * (col + 10), PAD));
  block_add_shape (b, OP_STROKE, 0, 0, self->content_width, h + 2 * PAD, 0.0);
  b->height = h + 2 * PAD;
}

/* Items that stand beside the figure when there is room, and below it when
 * there is not: each is built for the width it gets. */
typedef Block *(*SideItem) (RamusSheet *self,
                            double      width,
                            guint       index);

static Block *side_checklist_and_record (RamusSheet *self,
                                         double      width,
                                         guint       index);

typedef struct
{
  SideItem build;
  guint index;
} SideSpec;

static Block *
side_access (RamusSheet *self,
             double      width,
             guint       index)
{
  Block *b = block_new (RAMUS_SHEET_BOX_PLAN);
  g_autoptr(GString) s = g_string_new (NULL);
  g_autofree char *head = g_markup_printf_escaped ("<b>%s</b>\n", _("Access"));

  g_string_append (s, head);
  if (self->access)
    {
      g_autofree char *line = g_markup_printf_escaped (_("%s; puncture on the patient’s %s"), access_name (self),
                                                       self->puncture_side == RAMUS_SIDE_LEFT ? _("left") : _("right"));
      g_string_append (s, line);
    }
  else
    {
      g_autofree char *line = g_markup_escape_text (_("No access site chosen."), -1);
      g_string_append (s, line);
    }
  b->height = block_add_text (b, text_layout (self, FONT_BODY, s->str, width, PANGO_ALIGN_LEFT), 0, 0);
  return b;
}

static Block *
side_devices (RamusSheet *self,
              double      width,
              guint       index)
{
  Block *b = block_new (RAMUS_SHEET_BOX_PLAN);
  const RamusDevice *slots[4] = { self->devices.sheath, self->devices.catheter,
                                  self->devices.microcatheter, self->devices.guidewire };
  const char *slot_names[4] = { _("Sheath"), _("Catheter"), _("Microcatheter"), _("Guidewire") };
  g_autoptr(GString) s = g_string_new (NULL);
  g_autofree char *head = g_markup_printf_escaped ("<b>%s</b>%s", _("Devices"),
                                                   self->devices_proposed ? _(" (proposed by Ramus)") : "");
  gboolean any = FALSE;

  g_string_append (s, head);
  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *text = NULL, *refs = NULL, *value = NULL;

      if (slots[i] == NULL)
        continue;
      text = device_text (slots[i]);
      refs = cite_all (self, (const char * const *) slots[i]->sources);
      value = g_markup_printf_escaped ("%s%s", text, refs);
      append_field_markup (s, slot_names[i], value);
      any = TRUE;
    }
  if (!any)
    {
      g_autofree char *none = g_markup_printf_escaped ("\n%s", _("None chosen."));
      g_string_append (s, none);
    }
  b->height = block_add_text (b, fields_layout (self, FONT_BODY, s->str, width, 64), 0, 0);
  return b;
}

static char *
dose_value (const RamusDoseResult *r)
{
  const RamusDoseValue *v;
  g_autofree char *number = NULL;

  if (r->values->len == 0)
    return g_strdup ("");
  v = &g_array_index (r->values, RamusDoseValue, 0);
  number = format_number (v->value, fabs (v->value) >= 100 ? 0 : fabs (v->value) >= 10 ? 1 : 2);
  return v->unit && *v->unit ? g_strdup_printf ("%s %s", number, v->unit) : g_steal_pointer (&number);
}

/* The doses the sheet shows, in the plan's order. */
static GPtrArray *
shown_doses (RamusSheet *self)
{
  GPtrArray *doses = ramus_plan_get_doses (self->plan);
  GPtrArray *shown = g_ptr_array_new ();
  gboolean doxorubicin = FALSE;

  for (guint i = 0; i < doses->len; i++)
    doxorubicin |= g_str_equal (((RamusPlanDose *) g_ptr_array_index (doses, i))->what, "doxorubicin");
  for (guint i = 0; i < doses->len; i++)
    {
      RamusPlanDose *d = g_ptr_array_index (doses, i);
      /* Why a dose could not be worked out is in the warnings; the
       * body-surface area matters on the sheet only for a drug dosed by it. */
      if (d->result == NULL || (g_str_equal (d->what, "bsa") && !doxorubicin))
        continue;
      g_ptr_array_add (shown, d);
    }
  return shown;
}

/* One dose with its formula, the working and the notes; the first under
 * the section's title. */
static Block *
side_dose (RamusSheet *self,
           double      width,
           guint       index)
{
  g_autoptr(GPtrArray) doses = shown_doses (self);
  Block *b = block_new (RAMUS_SHEET_BOX_PLAN);
  const RamusDoseResult *r;
  g_autofree char *value = NULL, *refs = NULL, *line = NULL;
  double y = 0;

  if (index >= doses->len)
    return b;
  r = ((RamusPlanDose *) g_ptr_array_index (doses, index))->result;
  if (index == 0)
    {
      g_autofree char *head = g_markup_printf_escaped ("<b>%s</b>", _("Doses"));
      y = block_add_text (b, text_layout (self, FONT_BODY, head, width, PANGO_ALIGN_LEFT), 0, 0);
    }
  refs = cite_all (self, (const char * const *) r->sources);
  if (r->stages)
    {
      /* A staged plan has no single answer: its title, then each stage
       * with its embolic and the doses the plan gives it. */
      line = g_markup_printf_escaped ("<b>%s</b>%s\n<span size='smaller'>%s</span>",
                                      r->title, refs, r->formula ? r->formula : "");
      y += block_add_text (b, text_layout (self, FONT_BODY, line, width, PANGO_ALIGN_LEFT), 0, y) + 1;
      for (guint i = 0; i < r->stages->len; i++)
        {
          const RamusTaceStage *st = &g_array_index (r->stages, RamusTaceStage, i);
          g_autofree char *stage = NULL;

          if (st->dose_text)
            /* Translators: a stage of the TACE plan: its number, where, the embolic and its doses */
            stage = g_markup_printf_escaped (_("%d. %s — %s: %s"), st->stage, st->target,
                                             ramus_embolic_label (st->embolic), st->dose_text);
          else
            stage = g_markup_printf_escaped ("%d. %s — %s", st->stage, st->target,
                                             ramus_embolic_label (st->embolic));
          y += block_add_text (b, text_layout (self, FONT_SMALL, stage, width, PANGO_ALIGN_LEFT), 0, y);
        }
    }
  else
    {
      value = dose_value (r);
      line = g_markup_printf_escaped ("<b>%s: %s</b>%s\n<span size='smaller'>%s\n%s</span>",
                                      r->title, value, refs, r->formula ? r->formula : "",
                                      r->working ? r->working : "");
      y += block_add_text (b, text_layout (self, FONT_BODY, line, width, PANGO_ALIGN_LEFT), 0, y) + 1;
    }
  for (guint n = 0; n < r->notes->len; n++)
    {
      g_autofree char *note = g_markup_printf_escaped ("• %s", (char *) g_ptr_array_index (r->notes, n));
      y += block_add_text (b, text_layout (self, FONT_SMALL, note, width, PANGO_ALIGN_LEFT), 0, y);
    }
  b->height = y;
  return b;
}

static Block *
side_checklist (RamusSheet *self,
                double      width)
{
  Block *b = block_new (RAMUS_SHEET_BOX_CHECKLIST);
  const RamusCase *k = self->kase;
  g_autofree char *allergies = allergies_text (self);
  g_autofree char *sheath = NULL, *puncture = NULL, *labs = NULL, *allergy = NULL;
  const char *items[6];
  double y;

  if (self->devices.sheath)
    {
      g_autofree char *f = format_number (self->devices.sheath->french, 1);
      sheath = g_strdup_printf (_("Sheath size: %s F (%s)"), f, self->devices.sheath->name);
    }
  else
    sheath = g_strdup (_("Sheath size: ____ F"));
  if (self->access)
    puncture = g_strdup_printf (_("Ultrasound-guided puncture: %s, %s"), access_name (self),
                                self->puncture_side == RAMUS_SIDE_LEFT ? _("left") : _("right"));
  else
    puncture = g_strdup (_("Ultrasound-guided puncture"));
  if (!isnan (k->patient.egfr_ml_min))
    {
      g_autofree char *n = format_number (k->patient.egfr_ml_min, 0);
      labs = g_strdup_printf (_("Labs reviewed: eGFR %s, coagulation, platelets"), n);
    }
  else
    labs = g_strdup (_("Labs reviewed: eGFR, coagulation, platelets"));
  allergy = g_strdup_printf (_("Allergy check: %s"), allergies);

  items[0] = _("Informed consent signed");
  items[1] = allergy;
  items[2] = labs;
  items[3] = puncture;
  items[4] = sheath;
  items[5] = _("Time-out: patient, side, procedure");

  y = block_add_text (b, plain_layout (self, FONT_SECTION, _("Before the procedure"), width, PANGO_ALIGN_LEFT), 0, 0) + 2;
  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      double h;

      block_add_shape (b, OP_STROKE, 0, y + 0.5, TICK_SIZE, TICK_SIZE, 0.0);
      h = block_add_text (b, plain_layout (self, FONT_BODY, items[i], width - TICK_SIZE - 5, PANGO_ALIGN_LEFT),
                          TICK_SIZE + 5, y);
      y += MAX (h, TICK_SIZE + 1) + 2;
    }
  b->height = y - 2;
  return b;
}

static void
build_figure (RamusSheet *self,
              double      share)
{
  g_autoptr(GPtrArray) doses = shown_doses (self);
  g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (SideSpec));
  Block *b = add_block (self, RAMUS_SHEET_BOX_FIGURE);
  double page_h = self->content_bottom - self->content_top;
  double fh = MAX (FIGURE_MIN_SIDE_PT, page_h * share), fw, side_x, side_w, y = 0, caption_h;
  g_autofree char *caption = NULL;
  RamusRect bounds;
  guint placed = 0;

  /* In reading order: where to go, with what, how much, and the checks. */
  g_array_append_val (items, ((SideSpec) { side_access, 0 }));
  g_array_append_val (items, ((SideSpec) { side_devices, 0 }));
  for (guint i = 0; i < doses->len; i++)
    g_array_append_val (items, ((SideSpec) { side_dose, i }));
  g_array_append_val (items, ((SideSpec) { side_checklist_and_record, 0 }));

  ramus_scene_get_bounds (self->scene, &bounds);
  fw = fh * bounds.width / bounds.height;
  if (fw > self->content_width * FIGURE_MAX_WIDTH_SHARE)
    {
      fw = self->content_width * FIGURE_MAX_WIDTH_SHARE;
      fh = fw * bounds.height / bounds.width;
    }

  caption = g_strdup_printf (_("%s, %s side, AP view. Dashed: route; discs: targets as numbered in the table."),
                             region_name (self), self->kase->side == RAMUS_SIDE_LEFT ? _("left") : _("right"));
  block_add_shape (b, OP_FIGURE, 0, 0, fw, fh, 0);
  block_add_shape (b, OP_STROKE, 0, 0, fw, fh, 0.5);
  caption_h = block_add_text (b, plain_layout (self, FONT_SMALL, caption, fw, PANGO_ALIGN_LEFT), 0, fh + 2);

  /* Beside the figure while there is room; the rest follows below. */
  side_x = fw + SIDE_GAP;
  side_w = self->content_width - side_x;
  for (; placed < items->len; placed++)
    {
      const SideSpec *spec = &g_array_index (items, SideSpec, placed);
      Block *item = spec->build (self, side_w, spec->index);

      if (item->height <= 0)
        {
          block_free (item);
          continue;
        }
      if (placed > 0 && y + item->height > fh + 2 + caption_h)
        {
          block_free (item);
          break;
        }
      y += item->height + 5;
      block_merge (b, item, side_x, y - item->height - 5, side_w);
    }
  b->height = MAX (fh + 2 + caption_h, y - 5);

  for (; placed < items->len; placed++)
    {
      const SideSpec *spec = &g_array_index (items, SideSpec, placed);
      Block *item = spec->build (self, self->content_width, spec->index);
      if (item->height > 0)
        g_ptr_array_add (self->blocks, item);
      else
        block_free (item);
    }
}

enum { COL_NUMBER, COL_VESSEL, COL_CALIBRE, COL_MICRO, COL_EMBOLIC, COL_PLANNED, COL_ACTUAL, N_COLS };

typedef struct
{
  double x[N_COLS];
  double w[N_COLS];
} Columns;

static void
target_columns (RamusSheet *self,
                Columns    *c)
{
  double width = self->content_width;

  double fixed = 14 + 60 + 70 + 38 + 48;

  c->w[COL_NUMBER] = 14;
  c->w[COL_CALIBRE] = 60;
  c->w[COL_MICRO] = 70;
  c->w[COL_PLANNED] = 38;
  c->w[COL_ACTUAL] = 48;
  c->w[COL_EMBOLIC] = (width - fixed) * 0.35;
  c->w[COL_VESSEL] = width - fixed - c->w[COL_EMBOLIC];
  c->x[0] = 0;
  for (guint i = 1; i < N_COLS; i++)
    c->x[i] = c->x[i - 1] + c->w[i - 1];
}

static char *
route_line (RamusSheet *self,
            guint       index)
{
  const RamusPlanTarget *pt = ramus_plan_get_target (self->plan, index);
  RamusRoute *r = pt->route;
  g_autoptr(GString) s = g_string_new (NULL);
  g_autofree char *refs = NULL, *text = NULL, *length = NULL, *narrow = NULL;

  if (r == NULL)
    {
      g_autofree char *why = g_markup_escape_text (pt->refusal ? pt->refusal : _("no route"), -1);
      return g_strdup_printf ("<span foreground='" LABEL_COLOUR "'>%s</span> %s", _("Route"), why);
    }

  if (r->antegrade_injection)
    g_string_append_printf (s, "%s · ", _("direct puncture and injection, no catheter"));
  for (guint i = 0; i < r->steps->len; i++)
    {
      const RamusRouteStep *step = &g_array_index (r->steps, RamusRouteStep, i);
      g_string_append_printf (s, "%s%s", i ? " › " : "", short_name (self, step->vessel));
    }
  length = format_number (r->length_cm, 0);
  g_string_append (s, " · ");
  g_string_append_printf (s, r->length_complete ? _("about %s cm (estimate)") : _("at least %s cm (estimate)"), length);
  if (r->min_diameter_mm > 0)
    {
      narrow = format_number (r->min_diameter_mm, 1);
      g_string_append (s, " · ");
      g_string_append_printf (s, _("narrowest %s mm"), narrow);
    }
  g_string_append (s, " · ");
  g_string_append_printf (s, g_dngettext (GETTEXT_PACKAGE, "%u branch point", "%u branch points", r->branch_points),
                          r->branch_points);
  if (!r->feasible)
    g_string_append_printf (s, " · %s", _("NOT FEASIBLE"));

  {
    g_autoptr(GPtrArray) ids = g_ptr_array_new ();
    for (guint i = 0; r->sources && i < r->sources->len; i++)
      g_ptr_array_add (ids, g_ptr_array_index (r->sources, i));
    g_ptr_array_add (ids, NULL);
    refs = cite_all (self, (const char * const *) ids->pdata);
  }
  text = g_markup_escape_text (s->str, -1);
  return g_strdup_printf ("<span foreground='" LABEL_COLOUR "'>%s</span> %s%s", _("Route"), text, refs);
}

static void
build_targets (RamusSheet *self)
{
  const RamusCase *k = self->kase;
  Columns c;
  Block *header;
  gint header_index;
  const char *heads[N_COLS] = {
    "#", _("Vessel"), _("Calibre"), _("Microcatheter"), _("Embolic"), _("Planned"), _("Actual")
  };
  double h = 0;

  add_title (self, _("Targets"));
  target_columns (self, &c);

  header = add_block (self, RAMUS_SHEET_BOX_TABLE_HEADER);
  header_index = self->blocks->len - 1;
  block_add_shape (header, OP_FILL, 0, 0, self->content_width, 0, 0.88);
  for (guint i = 0; i < N_COLS; i++)
    h = MAX (h, block_add_text (header, plain_layout (self, FONT_TABLE_BOLD, heads[i], c.w[i] - 2 * PAD,
                                                      PANGO_ALIGN_LEFT), c.x[i] + PAD, PAD));
  header->height = h + 2 * PAD;
  g_array_index (header->ops, Op, 0).height = header->height;
  header->keep_with_next = TRUE;

  if (k->targets->len == 0)
    {
      Block *row = add_block (self, RAMUS_SHEET_BOX_PLAN);
      row->height = block_add_text (row, plain_layout (self, FONT_TABLE, _("No targets chosen."),
                                                       self->content_width - 2 * PAD, PANGO_ALIGN_LEFT),
                                    PAD, PAD) + 2 * PAD;
      return;
    }

  for (guint i = 0; i < k->targets->len; i++)
    {
      const RamusTarget *t = &g_array_index (k->targets, RamusTarget, i);
      const RamusPlanTarget *pt = ramus_plan_get_target (self->plan, i);
      const RamusVessel *v = pt->vessel;
      Block *row = add_block (self, RAMUS_SHEET_BOX_TARGET);
      g_autofree char *number = g_strdup_printf ("<b>%u</b>", i + 1);
      g_autofree char *vessel = NULL, *calibre = NULL, *micro = NULL, *embolic = NULL, *planned = NULL;
      g_autofree char *route = NULL, *cal = NULL, *cal_refs = NULL;
      double cells = 0, route_h;

      row->target = i;
      row->header = header_index;

      /* The name in English and, on a sheet in Chinese, in Chinese beneath. */
      if (self->lang != RAMUS_LANG_EN && v->names[self->lang])
        vessel = g_markup_printf_escaped ("<b>%s</b>\n%s", v->names[RAMUS_LANG_EN], v->names[self->lang]);
      else
        vessel = g_markup_printf_escaped ("<b>%s</b>", v->names[RAMUS_LANG_EN]);
      cal = calibre_text (v);
      cal_refs = cal ? cite_one (self, v->diameter_source) : NULL;
      calibre = cal ? g_markup_printf_escaped ("%s%s", cal, cal_refs) : g_strdup ("—");
      if (self->devices.microcatheter)
        {
          g_autofree char *f = format_number (self->devices.microcatheter->french, 1);
          g_autofree char *mm = format_number (ramus_device_tip_mm (self->devices.microcatheter), 2);
          micro = g_markup_printf_escaped (_("%s F (%s mm)"), f, mm);
        }
      else
        micro = g_strdup ("—");
      if (t->note && *t->note)
        embolic = g_markup_printf_escaped ("%s\n<i>%s</i>", ramus_embolic_label (t->embolic), t->note);
      else
        embolic = g_markup_escape_text (ramus_embolic_label (t->embolic), -1);
      if (!isnan (t->planned_volume_ml))
        {
          g_autofree char *n = format_number (t->planned_volume_ml, 2);
          planned = g_markup_printf_escaped (_("%s mL"), n);
        }
      else
        planned = g_strdup ("—");

      {
        const char *texts[N_COLS] = { number, vessel, calibre, micro, embolic, planned, NULL };
        for (guint col = 0; col < COL_ACTUAL; col++)
          cells = MAX (cells, block_add_text (row, text_layout (self, FONT_TABLE, texts[col], c.w[col] - 2 * PAD,
                                                                PANGO_ALIGN_LEFT), c.x[col] + PAD, PAD));
      }
      /* The volume actually given is written in by hand. */
      {
        PangoLayout *unit = plain_layout (self, FONT_SMALL, _("mL"), 0, PANGO_ALIGN_LEFT);
        double box_h = MAX (12, layout_height (unit) + 3);

        block_add_shape (row, OP_STROKE, c.x[COL_ACTUAL] + PAD, PAD, c.w[COL_ACTUAL] - 2 * PAD, box_h, 0.0);
        block_add_text (row, unit, c.x[COL_ACTUAL] + c.w[COL_ACTUAL] - PAD - 2 - layout_width (unit),
                        PAD + (box_h - layout_height (unit)) / 2);
        cells = MAX (cells, box_h);
      }
      route = route_line (self, i);
      route_h = block_add_text (row, text_layout (self, FONT_SMALL, route,
                                                  self->content_width - c.x[COL_VESSEL] - 2 * PAD, PANGO_ALIGN_LEFT),
                                c.x[COL_VESSEL] + PAD, PAD + cells + 1);
      row->height = PAD + cells + 1 + route_h + PAD;
      block_add_shape (row, OP_FILL, 0, row->height - 0.4, self->content_width, 0.4, 0.55);
    }
}

static void
build_warnings (RamusSheet *self)
{
  add_title (self, _("Warnings"));
  if (self->warnings->len == 0)
    {
      Block *b = add_block (self, RAMUS_SHEET_BOX_WARNING);
      b->height = block_add_text (b, plain_layout (self, FONT_BODY, _("Ramus found nothing to warn about in this plan."),
                                                   self->content_width, PANGO_ALIGN_LEFT), 0, 0);
      return;
    }
  /* Dangers first, then cautions, then notes; in plan order within each. */
  for (int severity = RAMUS_SEVERITY_DANGER; severity >= RAMUS_SEVERITY_INFO; severity--)
    for (guint i = 0; i < self->warnings->len; i++)
      {
        SheetWarning *w = g_ptr_array_index (self->warnings, i);
        g_autofree char *refs = NULL, *target = NULL, *markup = NULL;
        Block *b;
        double h;

        if ((int) w->severity != severity)
          continue;
        b = add_block (self, RAMUS_SHEET_BOX_WARNING);
        refs = cite_all (self, (const char * const *) w->sources);
        target = w->target ? g_strdup_printf (_("Target %u"), w->target) : g_strdup (_("Plan"));
        markup = g_markup_printf_escaped ("<b>%s</b> · %s — %s%s", severity_name (w->severity), target,
                                          w->message, refs);
        h = block_add_text (b, text_layout (self, FONT_TABLE, markup, self->content_width - 7, PANGO_ALIGN_LEFT), 7, 0);
        /* Not colour alone: the weight of the bar says how serious. */
        block_add_shape (b, OP_FILL, 0, 0.5,
                         severity == RAMUS_SEVERITY_DANGER ? 3.0 : severity == RAMUS_SEVERITY_CAUTION ? 1.5 : 0.6,
                         h - 1, 0.0);
        b->height = h + 2;
      }
}

/* What is written in by hand during the case, each field with its unit. */
static Block *
record_column (RamusSheet *self,
               double      width)
{
  Block *b = block_new (RAMUS_SHEET_BOX_CHECKLIST);
  static const char *fields[][2] = {
    { N_("Fluoroscopy time"), N_("min") },
    { N_("Dose–area product"), N_("Gy·cm²") },
    { N_("Contrast volume"), N_("mL") },
    { N_("Complications"), "" },
  };
  double y, label_w = 0;
  GPtrArray *labels = g_ptr_array_new ();

  y = block_add_text (b, plain_layout (self, FONT_SECTION, _("During the procedure (write in)"), width,
                                       PANGO_ALIGN_LEFT), 0, 0) + 2;
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      PangoLayout *label = plain_layout (self, FONT_BODY, _(fields[i][0]), width * 0.45, PANGO_ALIGN_LEFT);
      label_w = MAX (label_w, layout_width (label));
      g_ptr_array_add (labels, label);
    }
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      PangoLayout *label = g_ptr_array_index (labels, i);
      double h = layout_height (label), unit_w = 0, line_x = label_w + 6;

      block_add_text (b, label, 0, y + 1);
      if (*fields[i][1])
        {
          PangoLayout *unit = plain_layout (self, FONT_BODY, _(fields[i][1]), 0, PANGO_ALIGN_LEFT);
          unit_w = layout_width (unit);
          block_add_text (b, unit, width - unit_w, y + 1);
          block_add_shape (b, OP_WRITE_LINE, line_x, y + h, width - line_x - unit_w - 4, 0, 0.0);
          y += h + 4.5;
        }
      else
        {
          /* Complications need room: three lines. */
          for (guint k = 0; k < 3; k++)
            block_add_shape (b, OP_WRITE_LINE, k == 0 ? line_x : 0, y + h + k * (h + 4),
                             k == 0 ? width - line_x : width, 0, 0.0);
          y += 3 * (h + 4);
        }
    }
  g_ptr_array_free (labels, TRUE);
  b->height = y;
  return b;
}

/* The checklist before the case beside the record kept during it. */
static Block *
side_checklist_and_record (RamusSheet *self,
                           double      width,
                           guint       index)
{
  Block *b = block_new (RAMUS_SHEET_BOX_CHECKLIST);
  double col = (width - 16) / 2;
  Block *left = side_checklist (self, col);
  Block *right = record_column (self, col);

  b->height = MAX (left->height, right->height);
  block_merge (b, left, 0, 0, col);
  block_merge (b, right, col + 16, 0, col);
  /* One box for the pair: the halves are not boxes of their own. */
  g_array_set_size (b->parts, 0);
  return b;
}

static void
build_scores (RamusSheet *self)
{
  Block *b = add_block (self, RAMUS_SHEET_BOX_SCORES);
  const RamusCase *k = self->kase;
  const char *columns[] = { _("Baseline"), _("After the procedure"), _("1 month"), _("3 months"),
                            _("6 months"), _("12 months") };
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) scores = g_array_new (FALSE, FALSE, sizeof (gint));
  double name_w = 96, cell_w = (self->content_width - name_w) / G_N_ELEMENTS (columns), y, row_h = 12, hh = 0;
  gint date_row = -1, mrecist_row = -2;

  y = block_add_text (b, plain_layout (self, FONT_SECTION, _("Scores after the procedure and at follow-up"),
                                       self->content_width, PANGO_ALIGN_LEFT), 0, 0) + 3;

  g_ptr_array_add (rows, g_strdup (_("Date")));
  g_array_append_val (scores, date_row);
  for (guint i = 0; i < RAMUS_N_SCORES; i++)
    if (ramus_score_in_region (i, k->region))
      {
        const RamusScoreInfo *info = ramus_score_get_info (i);
        gint index = i;

        /* NRS and VAS measure the same pain: the one recorded, else VAS. */
        if (i == RAMUS_SCORE_NRS && isnan (k->baseline.values[RAMUS_SCORE_NRS]))
          continue;
        if (i == RAMUS_SCORE_VAS && isnan (k->baseline.values[RAMUS_SCORE_VAS]) &&
            !isnan (k->baseline.values[RAMUS_SCORE_NRS]))
          continue;
        g_ptr_array_add (rows, info->unit && *info->unit
                                 ? g_strdup_printf ("%s (%s)", ramus_score_info_get_name (info), info->unit)
                                 : g_strdup (ramus_score_info_get_name (info)));
        g_array_append_val (scores, index);
      }
  if (g_str_equal (k->region, "liver"))
    {
      g_ptr_array_add (rows, g_strdup (_("mRECIST response")));
      g_array_append_val (scores, mrecist_row);
    }

  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    hh = MAX (hh, block_add_text (b, plain_layout (self, FONT_TABLE_BOLD, columns[c], cell_w - 2 * PAD,
                                                   PANGO_ALIGN_CENTER), name_w + c * cell_w + PAD, y));
  y += hh + 2;
  for (guint r = 0; r < rows->len; r++)
    {
      gint score = g_array_index (scores, gint, r);
      g_autofree char *known = NULL;

      {
        PangoLayout *name = plain_layout (self, FONT_TABLE, g_ptr_array_index (rows, r), name_w - PAD, PANGO_ALIGN_LEFT);
        block_add_text (b, name, 0, y + MAX (0, (row_h - layout_height (name)) / 2));
      }
      for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
        block_add_shape (b, OP_STROKE, name_w + c * cell_w, y, cell_w, row_h, 0.0);
      /* What is known already is printed; the rest is written in. */
      if (score >= 0 && !isnan (k->baseline.values[score]))
        known = format_number (k->baseline.values[score], 1);
      else if (score == date_row && k->procedure_date)
        known = g_strdup (k->procedure_date);
      if (known)
        {
          PangoLayout *value = plain_layout (self, FONT_TABLE, known, cell_w - 2 * PAD, PANGO_ALIGN_CENTER);
          block_add_text (b, value, name_w + PAD, y + MAX (0, (row_h - layout_height (value)) / 2));
        }
      y += row_h;
    }
  b->height = y;
}

/* A paragraph as blocks: one block, or several of whole lines when it would
 * not fit on a page. Takes the layout. */
static void
add_paragraph (RamusSheet        *self,
               RamusSheetBoxKind  kind,
               PangoLayout       *layout)
{
  double limit = (self->content_bottom - self->content_top) / 2;
  PangoLayoutIter *iter;
  Block *b = NULL;
  double top = 0;
  guint line = 0;

  if (layout_height (layout) <= limit)
    {
      Block *one = add_block (self, kind);
      one->height = block_add_text (one, layout, 0, 0);
      return;
    }
  iter = pango_layout_get_iter (layout);
  do
    {
      PangoRectangle logical;
      double y0, y1;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      y0 = (double) logical.y / PANGO_SCALE;
      y1 = (double) (logical.y + logical.height) / PANGO_SCALE;
      if (b == NULL || y1 - top > limit)
        {
          Op op = { OP_LINES, 0, 0, 0, 0, 0, g_object_ref (layout), line, 0, 0 };
          b = add_block (self, kind);
          top = y0;
          op.first_baseline = (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE - y0;
          g_array_append_val (b->ops, op);
        }
      g_array_index (b->ops, Op, 0).n_lines++;
      g_array_index (b->ops, Op, 0).height = y1 - top;
      b->height = y1 - top;
      line++;
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
  g_object_unref (layout);
}

static void
build_notes (RamusSheet *self)
{
  g_auto(GStrv) paragraphs = NULL;
  g_autofree char *notes = g_strstrip (g_strdup (self->kase->notes ? self->kase->notes : ""));
  gboolean first = TRUE;

  if (*notes == '\0')
    return;
  paragraphs = g_strsplit (notes, "\n", -1);
  for (guint i = 0; paragraphs[i]; i++)
    {
      g_autofree char *markup = NULL;

      if (*g_strstrip (paragraphs[i]) == '\0')
        continue;
      if (first)
        markup = g_markup_printf_escaped ("<b>%s</b>  %s", _("Notes"), paragraphs[i]);
      else
        markup = g_markup_escape_text (paragraphs[i], -1);
      first = FALSE;
      add_paragraph (self, RAMUS_SHEET_BOX_NOTE,
                     text_layout (self, FONT_BODY, markup, self->content_width, PANGO_ALIGN_LEFT));
    }
}

/* "Kweon M", "Du Bois D": a first author as citations write them. */
static gboolean
looks_like_author (const char *text)
{
  g_autoptr(GRegex) regex = g_regex_new ("^[^,.;:()0-9]{1,40} [A-Z]{1,3}$", 0, 0, NULL);
  return g_regex_match (regex, text, 0, NULL);
}

/* At most @max_width columns, a wide (CJK) character counting two. */
static char *
shorten (const char *text,
         guint       max_width)
{
  g_autofree char *cut = NULL;
  guint width = 0;
  const char *p;

  for (p = text; *p; p = g_utf8_next_char (p))
    {
      width += g_unichar_iswide (g_utf8_get_char (p)) ? 2 : 1;
      if (width > max_width)
        break;
    }
  if (*p == '\0')
    return g_strdup (text);
  cut = g_strndup (text, g_utf8_prev_char (p) - text);
  return g_strdup_printf ("%s…", g_strchomp (cut));
}

/* A reference in a line: the first author and year, or the start of the
 * citation. The full citation (and DOI) is in the atlas and shown in the
 * application; the sheet points to it. */
static char *
source_markup (RamusSheet *self,
               guint       number)
{
  const char *id = g_ptr_array_index (self->sources, number - 1);
  const RamusSource *src = ramus_warnings_lookup_source (self->atlas, id);
  const char *citation = src && src->citation ? src->citation : id;
  g_autoptr(GString) s = g_string_new (NULL);
  g_autoptr(GRegex) year_regex = g_regex_new ("\\b(1[89]|20)[0-9][0-9]\\b", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *lead = NULL, *text = NULL, *year = NULL, *escaped = NULL;
  const char *stop = strstr (citation, ". ");
  char *comma;

  /* "U.S. Food and Drug Administration": a stop that ends an initialism
   * does not end the lead. */
  while (stop && stop - citation < 5)
    stop = strstr (stop + 2, ". ");
  lead = stop ? g_strndup (citation, stop - citation) : g_strdup (citation);
  comma = strchr (lead, ',');
  if (comma)
    *comma = '\0';
  if (looks_like_author (lead))
    text = g_strdup_printf (comma ? _("%s et al.") : "%s", lead);
  else
    {
      if (comma)
        *comma = ',';
      text = shorten (citation, 24);
    }
  if (g_regex_match (year_regex, citation, 0, &match))
    year = g_match_info_fetch (match, 0);

  escaped = g_markup_escape_text (text, -1);
  g_string_append_printf (s, "<b>%u</b> %s", number, escaped);
  if (year && strstr (text, year) == NULL)
    g_string_append_printf (s, " %s", year);
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* References in columns of small type, a row to a block. */
static void
build_sources (RamusSheet *self)
{
  const guint n_cols = self->content_width > 640 ? 6 : 5;
  double col = (self->content_width - (n_cols - 1) * 8) / n_cols;

  if (self->sources->len == 0)
    return;
  add_title (self, _("References"));
  for (guint i = 1; i <= self->sources->len; i += n_cols)
    {
      Block *b = add_block (self, RAMUS_SHEET_BOX_SOURCE);
      double h = 0;

      for (guint c = 0; c < n_cols && i + c <= self->sources->len; c++)
        {
          g_autofree char *markup = source_markup (self, i + c);
          h = MAX (h, block_add_text (b, text_layout (self, FONT_TINY, markup, col, PANGO_ALIGN_LEFT),
                                      c * (col + 8), 0));
        }
      b->height = h + 0.5;
    }
}

/* ---------------------------------------------------------------------------
 * Pagination
 * ------------------------------------------------------------------------ */

static void
place (RamusSheet *self,
       guint       index,
       guint       page,
       double      y,
       gboolean    repeated)
{
  Block *b = g_ptr_array_index (self->blocks, index);
  Placement p = { index, page, y, repeated };
  RamusSheetBox box = { b->kind, page, { self->content_x, y, self->content_width, b->height }, b->target, repeated };

  g_array_append_val (self->placements, p);
  g_array_append_val (self->boxes, box);
  for (guint i = 0; i < b->parts->len; i++)
    {
      RamusSheetBox part = g_array_index (b->parts, RamusSheetBox, i);
      part.page = page;
      part.rect.x += self->content_x;
      part.rect.y += y;
      g_array_append_val (self->boxes, part);
    }
}

/* No gap inside a table or a list that reads as one. */
static double
gap_before (const Block *b)
{
  switch (b->kind)
    {
    case RAMUS_SHEET_BOX_TARGET:
    case RAMUS_SHEET_BOX_TABLE_HEADER:
    case RAMUS_SHEET_BOX_SOURCE:
    case RAMUS_SHEET_BOX_WARNING:
      return 1;
    case RAMUS_SHEET_BOX_NOTE:
    case RAMUS_SHEET_BOX_PLAN:
      return 3;
    default:
      return GAP;
    }
}

/* The height a block needs at the bottom of a page: its own and that of
 * every block it keeps with, up to the first that ends the chain. */
static double
chain_height (RamusSheet *self,
              guint       index)
{
  double h = 0;

  for (guint i = index; i < self->blocks->len; i++)
    {
      Block *b = g_ptr_array_index (self->blocks, i);
      h += b->height + (i > index ? gap_before (b) : 0);
      if (!b->keep_with_next)
        break;
    }
  return h;
}

static void
paginate (RamusSheet *self)
{
  double top = self->content_top, bottom = self->content_bottom, y = top;
  guint page = 0;
  gboolean empty = TRUE;
  gint header_on_page = -1;    /* the table header placed on this page */

  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *b = g_ptr_array_index (self->blocks, i);
      double need = chain_height (self, i), gap = empty ? 0 : gap_before (b);
      double repeat = 0;

      /* A row that starts a page needs room for its repeated header too. */
      if (b->header >= 0)
        repeat = ((Block *) g_ptr_array_index (self->blocks, b->header))->height;
      /* A chain longer than a page breaks where it must: the block alone
       * then decides. */
      if (need + repeat > bottom - top)
        need = b->height;
      if (!empty && y + gap + need > bottom)
        {
          page++;
          y = top;
          empty = TRUE;
          gap = 0;
          header_on_page = -1;
        }
      if (empty && b->header >= 0 && header_on_page != b->header)
        {
          place (self, b->header, page, y, TRUE);
          y += repeat;
          header_on_page = b->header;
          gap = 0;
        }
      if (b->kind == RAMUS_SHEET_BOX_TABLE_HEADER)
        header_on_page = i;
      place (self, i, page, y + gap, FALSE);
      y += gap + b->height;
      empty = FALSE;
    }
  self->n_pages = page + 1;
}

/* One layout with the figure at @share of the content height. */
static void
layout_once (RamusSheet *self,
             double      share)
{
  RamusSheetPage *p = &self->page;
  double footer_h;

  clear_layout (self);
  self->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) block_free);
  self->footers = g_ptr_array_new_with_free_func ((GDestroyNotify) block_free);
  self->placements = g_array_new (FALSE, FALSE, sizeof (Placement));
  self->boxes = g_array_new (FALSE, FALSE, sizeof (RamusSheetBox));
  self->content_x = p->margin_left;
  self->content_width = p->width - p->margin_left - p->margin_right;

  build_header (self);
  footer_h = footer_height (self);
  self->content_top = p->margin_top + self->header->height + HEADER_GAP;
  self->content_bottom = p->height - p->margin_bottom - footer_h - FOOTER_GAP;

  build_patient (self);
  build_figure (self, share);
  build_targets (self);
  build_warnings (self);
  build_scores (self);
  build_notes (self);
  build_sources (self);

  paginate (self);

  for (guint i = 0; i < self->n_pages; i++)
    {
      Block *f = build_footer (self, i);
      RamusSheetBox head = { RAMUS_SHEET_BOX_HEADER, i,
                             { self->content_x, p->margin_top, self->content_width, self->header->height }, -1, FALSE };
      RamusSheetBox foot = { RAMUS_SHEET_BOX_FOOTER, i,
                             { self->content_x, p->height - p->margin_bottom - f->height, self->content_width, f->height },
                             -1, FALSE };

      g_ptr_array_add (self->footers, f);
      g_array_append_val (self->boxes, head);
      g_array_append_val (self->boxes, foot);
    }
}

/**
 * ramus_sheet_layout:
 * @page: the page size and the margins the printer needs
 *
 * Lays the sheet out for @page. Margins narrower than
 * %RAMUS_SHEET_MIN_MARGIN_PT are widened to it.
 *
 * Returns: %FALSE with @error set when the page is too small to hold the
 * sheet's columns
 */
gboolean
ramus_sheet_layout (RamusSheet           *self,
                    const RamusSheetPage *page,
                    GError              **error)
{
  RamusSheetPage p;
  gboolean landscape;
  double hi, lo;
  guint pages;

  g_return_val_if_fail (RAMUS_IS_SHEET (self), FALSE);
  g_return_val_if_fail (page != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  p = *page;
  p.margin_top = MAX (p.margin_top, RAMUS_SHEET_MIN_MARGIN_PT);
  p.margin_right = MAX (p.margin_right, RAMUS_SHEET_MIN_MARGIN_PT);
  p.margin_bottom = MAX (p.margin_bottom, RAMUS_SHEET_MIN_MARGIN_PT);
  p.margin_left = MAX (p.margin_left, RAMUS_SHEET_MIN_MARGIN_PT);
  if (p.width - p.margin_left - p.margin_right < RAMUS_SHEET_MIN_WIDTH_PT - 2 * RAMUS_SHEET_MIN_MARGIN_PT ||
      p.height - p.margin_top - p.margin_bottom < RAMUS_SHEET_MIN_HEIGHT_PT - 2 * RAMUS_SHEET_MIN_MARGIN_PT)
    {
      g_set_error (error, RAMUS_SHEET_ERROR, RAMUS_SHEET_ERROR_PAGE,
                   _("The page is too small for the sheet: %.0f × %.0f pt inside the margins; "
                     "it needs at least %.0f × %.0f pt."),
                   p.width - p.margin_left - p.margin_right, p.height - p.margin_top - p.margin_bottom,
                   RAMUS_SHEET_MIN_WIDTH_PT - 2 * RAMUS_SHEET_MIN_MARGIN_PT,
                   RAMUS_SHEET_MIN_HEIGHT_PT - 2 * RAMUS_SHEET_MIN_MARGIN_PT);
      return FALSE;
    }

  ensure_fonts (self);
  self->page = p;
  landscape = p.width > p.height;
  hi = landscape ? FIGURE_MAX_SHARE_LANDSCAPE : FIGURE_MAX_SHARE_PORTRAIT;
  lo = landscape ? FIGURE_MIN_SHARE_LANDSCAPE : FIGURE_MIN_SHARE_PORTRAIT;

  /* The largest figure that does not cost a page: when the sheet runs
   * over, a smaller figure may bring it back; find the largest that does. */
  layout_once (self, hi);
  pages = self->n_pages;
  if (pages > 1)
    {
      gboolean laid_out_lo;

      layout_once (self, lo);
      if (self->n_pages < pages)
        {
          /* Three halvings find it within 1.5% of the content height. */
          pages = self->n_pages;
          laid_out_lo = TRUE;
          for (guint i = 0; i < 3; i++)
            {
              double mid = (lo + hi) / 2;
              layout_once (self, mid);
              laid_out_lo = self->n_pages <= pages;
              if (laid_out_lo)
                lo = mid;
              else
                hi = mid;
            }
          if (!laid_out_lo)
            layout_once (self, lo);
        }
      else
        layout_once (self, hi);
    }
  return TRUE;
}

guint
ramus_sheet_get_n_pages (RamusSheet *self)
{
  g_return_val_if_fail (RAMUS_IS_SHEET (self), 0);
  return self->n_pages;
}

guint
ramus_sheet_get_n_boxes (RamusSheet *self)
{
  g_return_val_if_fail (RAMUS_IS_SHEET (self), 0);
  return self->boxes ? self->boxes->len : 0;
}

const RamusSheetBox *
ramus_sheet_get_box (RamusSheet *self,
                     guint       index)
{
  g_return_val_if_fail (RAMUS_IS_SHEET (self), NULL);
  g_return_val_if_fail (self->boxes && index < self->boxes->len, NULL);
  return &g_array_index (self->boxes, RamusSheetBox, index);
}

/* ---------------------------------------------------------------------------
 * Drawing
 * ------------------------------------------------------------------------ */

static void
draw_figure (RamusSheet *self,
             cairo_t    *cr,
             const Op   *op,
             double      x,
             double      y)
{
  RamusStyle style = { RAMUS_THEME_PRINT, RAMUS_LAYER_ARTWORK | RAMUS_LAYER_VESSELS | RAMUS_LAYER_MINOR, self->lang };
  RamusOverlay overlay = RAMUS_OVERLAY_INIT;
  RamusViewport vp = { 0 };
  RamusRect bounds;
  const RamusCase *k = self->kase;
  double s = FIGURE_OVERLAY_SCALE;

  ramus_scene_get_bounds (self->scene, &bounds);
  vp.width = op->width * s;
  vp.height = op->height * s;
  /* The drawings show the right side; a left case is its mirror image. */
  vp.mirror = k->side == RAMUS_SIDE_LEFT && !ramus_scene_is_midline (self->scene);
  vp.mirror_axis = bounds.x + bounds.width / 2;
  ramus_viewport_fit (&vp, &bounds, 4 * s);

  overlay.route = (const gint *) self->route_indices->data;
  overlay.n_route = self->route_indices->len;
  overlay.targets = (const gint *) self->target_indices->data;
  overlay.n_targets = self->target_indices->len;

  cairo_save (cr);
  cairo_translate (cr, x + op->x, y + op->y);
  cairo_rectangle (cr, 0, 0, op->width, op->height);
  cairo_clip (cr);
  cairo_scale (cr, 1 / s, 1 / s);
  ramus_renderer_draw (self->renderer, cr, &vp, &style, &overlay);

  /* The pain the operator marked, as dashed rings. */
  for (guint i = 0; k->pain_points && i < k->pain_points->len; i++)
    {
      const RamusPainPoint *p = &g_array_index (k->pain_points, RamusPainPoint, i);
      double sx, sy, dash[] = { 2.5 * s, 2 * s };

      ramus_viewport_to_screen (&vp, p->x_mm, p->y_mm, &sx, &sy);
      cairo_new_path (cr);
      cairo_arc (cr, sx, sy, p->radius_mm * vp.scale, 0, 2 * G_PI);
      cairo_set_dash (cr, dash, 2, 0);
      cairo_set_line_width (cr, 0.8 * s);
      cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }
  cairo_restore (cr);
}

static void
draw_lines (cairo_t  *cr,
            const Op *op,
            double    x,
            double    y)
{
  PangoLayoutIter *iter = pango_layout_get_iter (op->layout);
  double shift = 0;
  guint line = 0;

  do
    {
      double baseline = (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE;
      PangoRectangle logical;

      if (line >= op->first_line + op->n_lines)
        break;
      if (line == op->first_line)
        shift = baseline - op->first_baseline;
      if (line >= op->first_line)
        {
          pango_layout_iter_get_line_extents (iter, NULL, &logical);
          cairo_move_to (cr, x + op->x + (double) logical.x / PANGO_SCALE, y + op->y + baseline - shift);
          pango_cairo_show_layout_line (cr, pango_layout_iter_get_line_readonly (iter));
        }
      line++;
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
}

static void
draw_block (RamusSheet  *self,
            cairo_t     *cr,
            const Block *b,
            double       x,
            double       y)
{
  for (guint i = 0; i < b->ops->len; i++)
    {
      const Op *op = &g_array_index (b->ops, Op, i);

      switch (op->kind)
        {
        case OP_TEXT:
          cairo_set_source_rgb (cr, 0, 0, 0);
          cairo_move_to (cr, x + op->x, y + op->y);
          pango_cairo_show_layout (cr, op->layout);
          break;

        case OP_LINES:
          cairo_set_source_rgb (cr, 0, 0, 0);
          draw_lines (cr, op, x, y);
          break;

        case OP_STROKE:
          cairo_rectangle (cr, x + op->x + RULE / 2, y + op->y + RULE / 2, op->width - RULE, op->height - RULE);
          cairo_set_source_rgb (cr, op->grey, op->grey, op->grey);
          cairo_set_line_width (cr, RULE);
          cairo_stroke (cr);
          break;

        case OP_FILL:
          cairo_rectangle (cr, x + op->x, y + op->y, op->width, op->height);
          cairo_set_source_rgb (cr, op->grey, op->grey, op->grey);
          cairo_fill (cr);
          break;

        case OP_WRITE_LINE:
          cairo_move_to (cr, x + op->x, y + op->y);
          cairo_rel_line_to (cr, op->width, 0);
          cairo_set_source_rgb (cr, op->grey, op->grey, op->grey);
          cairo_set_line_width (cr, 0.5);
          cairo_stroke (cr);
          break;

        case OP_FIGURE:
          draw_figure (self, cr, op, x, y);
          break;

        default:
          g_assert_not_reached ();
        }
    }
}

/**
 * ramus_sheet_draw_page:
 * @cr: a context whose user space is the page, in points, origin top-left
 *
 * Draws one page of the last layout. The context's state is kept.
 */
void
ramus_sheet_draw_page (RamusSheet *self,
                       cairo_t    *cr,
                       guint       page)
{
  Block *footer;

  g_return_if_fail (RAMUS_IS_SHEET (self));
  g_return_if_fail (cr != NULL);
  g_return_if_fail (page < self->n_pages);

  cairo_save (cr);
  draw_block (self, cr, self->header, self->content_x, self->page.margin_top);
  for (guint i = 0; i < self->placements->len; i++)
    {
      const Placement *p = &g_array_index (self->placements, Placement, i);
      if (p->page == page)
        draw_block (self, cr, g_ptr_array_index (self->blocks, p->block), self->content_x, p->y);
    }
  footer = g_ptr_array_index (self->footers, page);
  draw_block (self, cr, footer, self->content_x, self->page.height - self->page.margin_bottom - footer->height);
  cairo_restore (cr);
}

/**
 * ramus_sheet_write_pdf:
 *
 * Writes every page of the last layout to @path, vectors and text kept as
 * such (cairo embeds the subsets of the fonts it uses).
 */
gboolean
ramus_sheet_write_pdf (RamusSheet  *self,
                       const char  *path,
                       GError     **error)
{
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  g_autofree char *title = NULL;

  g_return_val_if_fail (RAMUS_IS_SHEET (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (self->n_pages > 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  surface = cairo_pdf_surface_create (path, self->page.width, self->page.height);
  title = g_strdup_printf ("%s – %s", _("Procedure sheet"), self->kase->pseudonym);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Ramus " PACKAGE_VERSION);
  if (self->operator_name && *self->operator_name)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, self->operator_name);
  cr = cairo_create (surface);
  for (guint i = 0; i < self->n_pages; i++)
    {
      ramus_sheet_draw_page (self, cr, i);
      cairo_show_page (cr);
    }
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, RAMUS_SHEET_ERROR, RAMUS_SHEET_ERROR_WRITE,
                   _("Could not write %s: %s"), path, cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

/* ---------------------------------------------------------------------------
 * Paper
 * ------------------------------------------------------------------------ */

/* ISO 216 A4 is 210 × 297 mm; US Letter 8.5 × 11 inches. */
void
ramus_sheet_page_init (RamusSheetPage *page,
                       RamusPaper      paper,
                       gboolean        landscape)
{
  double w = paper == RAMUS_PAPER_LETTER ? 8.5 * 72 : 210 / 25.4 * 72;
  double h = paper == RAMUS_PAPER_LETTER ? 11 * 72 : 297 / 25.4 * 72;

  g_return_if_fail (page != NULL);

  page->width = landscape ? h : w;
  page->height = landscape ? w : h;
  page->margin_top = page->margin_right = page->margin_bottom = page->margin_left = RAMUS_SHEET_MIN_MARGIN_PT;
}

gboolean
ramus_paper_from_string (const char *text,
                         RamusPaper *paper)
{
  g_return_val_if_fail (paper != NULL, FALSE);

  if (text && g_ascii_strcasecmp (text, "a4") == 0)
    *paper = RAMUS_PAPER_A4;
  else if (text && g_ascii_strcasecmp (text, "letter") == 0)
    *paper = RAMUS_PAPER_LETTER;
  else
    return FALSE;
  return TRUE;
}

const char *
ramus_paper_to_string (RamusPaper paper)
{
  return paper == RAMUS_PAPER_LETTER ? "letter" : "a4";
}
