/* ramus-tile-cache.c — the static layers rasterised into tiles per zoom
 * level on worker threads, kept under a memory budget
 *
 * Zoom levels are half an octave apart (scale 2^(level/2) px/mm), and a view
 * uses the first level at or above its scale, so a tile is never enlarged
 * and never shrunk below 0.71×. Tiles are in "level space": the mirrored
 * world times the level's scale, so a pan is a translation of whole tiles.
 * While a zoom settles, tiles of neighbouring levels stand in, scaled, until
 * the exact ones arrive. Least recently used tiles go when over budget.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ramus-tile-cache"

#include "ramus-tile-cache.h"

#include "ramus-tile-blit.h"

#include <math.h>
#include <string.h>

typedef struct
{
  gpointer renderer;
  guint theme;
  guint layers;
  guint lang;                   /* the artwork's own labels are in it */
  gboolean mirror;
  gint level;
  gint tx;
  gint ty;
} TileKey;

typedef struct
{
  TileKey key;
  cairo_surface_t *surface;
  guint64 serial;               /* unique for the life of the process */
  GList link;                   /* in the LRU list; data points here */
} Tile;

typedef struct
{
  TileKey key;
  RamusRenderer *renderer;
  RamusStyle style;
  RamusTileCache *cache;
  gboolean cancelled;
  gboolean sync;                /* counted by render_sync */
} Job;

struct _RamusTileCache
{
  GMutex lock;
  GCond done_cond;
  GHashTable *tiles;            /* TileKey* -> Tile* */
  GHashTable *pending;          /* TileKey* -> Job* */
  guint64 next_serial;
  GQueue lru;                   /* most recent at the head */
  gsize bytes;
  gsize budget;
  GThreadPool *pool;
  guint sync_outstanding;
  RamusTileBlitter *blitter;    /* composes frames on every core */

  GMainContext *context;
  RamusTileReadyFunc ready_func;
  gpointer ready_data;
  guint ready_source;
};

static guint
key_hash (gconstpointer p)
{
  const TileKey *k = p;
  guint h = GPOINTER_TO_UINT (k->renderer);
  h = h * 31 + k->theme;
  h = h * 31 + k->layers;
  h = h * 31 + k->lang;
  h = h * 31 + k->mirror;
  h = h * 31 + (guint) k->level;
  h = h * 1000003 + (guint) k->tx;
  h = h * 1000003 + (guint) k->ty;
  return h;
}

static gboolean
key_equal (gconstpointer a,
           gconstpointer b)
{
  const TileKey *x = a, *y = b;
  return x->renderer == y->renderer && x->theme == y->theme && x->layers == y->layers && x->lang == y->lang &&
         x->mirror == y->mirror && x->level == y->level && x->tx == y->tx && x->ty == y->ty;
}

gint
ramus_tile_level_for_scale (double scale)
{
  return (gint) ceil (2.0 * log2 (scale) - 1e-9);
}

double
ramus_tile_level_scale (gint level)
{
  return exp2 (level / 2.0);
}

static gsize
tile_bytes (void)
{
  return (gsize) RAMUS_TILE_SIZE * RAMUS_TILE_SIZE * 4;
}

static void
tile_free (Tile *tile)
{
  cairo_surface_destroy (tile->surface);
  g_free (tile);
}

/* The viewport that draws exactly one tile. */
static void
tile_viewport (const TileKey *key,
               RamusViewport *vp)
{
  double s = ramus_tile_level_scale (key->level);
  double m = key->mirror ? -1.0 : 1.0;

  vp->width = vp->height = RAMUS_TILE_SIZE;
  vp->scale = s;
  vp->mirror = key->mirror;
  vp->mirror_axis = 0;
  vp->cx = m * (key->tx + 0.5) * RAMUS_TILE_SIZE / s;
  vp->cy = (key->ty + 0.5) * RAMUS_TILE_SIZE / s;
}

static void
evict_over_budget (RamusTileCache *self)
{
  while (self->bytes > self->budget && self->lru.tail != NULL)
    {
      Tile *tile = self->lru.tail->data;
      g_queue_unlink (&self->lru, &tile->link);
      g_hash_table_remove (self->tiles, &tile->key);
      self->bytes -= tile_bytes ();
    }
}

static gboolean
ready_idle (gpointer data)
{
  RamusTileCache *self = data;
  RamusTileReadyFunc func;
  gpointer user_data;

  g_mutex_lock (&self->lock);
  self->ready_source = 0;
  func = self->ready_func;
  user_data = self->ready_data;
  g_mutex_unlock (&self->lock);
  if (func)
    func (user_data);
  return G_SOURCE_REMOVE;
}

static void
render_job (gpointer data,
            gpointer pool_data)
{
  Job *job = data;
  RamusTileCache *self = job->cache;
  cairo_surface_t *surface = NULL;
  gboolean cancelled;

  g_mutex_lock (&self->lock);
  cancelled = job->cancelled;
  g_mutex_unlock (&self->lock);

  if (!cancelled)
    {
      RamusViewport vp;
      cairo_t *cr;

      tile_viewport (&job->key, &vp);
      /* ARGB32 though opaque: it uploads to the GPU as it is. */
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, RAMUS_TILE_SIZE, RAMUS_TILE_SIZE);
      cr = cairo_create (surface);
      ramus_renderer_draw_static (job->renderer, cr, &vp, &job->style);
      cairo_destroy (cr);
      cairo_surface_flush (surface);
    }

  g_mutex_lock (&self->lock);
  g_hash_table_remove (self->pending, &job->key);
  if (surface && !job->cancelled)
    {
      Tile *tile = g_new0 (Tile, 1);
      tile->key = job->key;
      tile->surface = surface;
      tile->serial = ++self->next_serial;
      tile->link.data = tile;
      g_hash_table_replace (self->tiles, &tile->key, tile);
      g_queue_push_head_link (&self->lru, &tile->link);
      self->bytes += tile_bytes ();
      evict_over_budget (self);
      surface = NULL;
      if (self->ready_func && self->ready_source == 0)
        {
          GSource *source = g_idle_source_new ();
          g_source_set_callback (source, ready_idle, self, NULL);
          g_source_set_priority (source, G_PRIORITY_DEFAULT);
          self->ready_source = g_source_attach (source, self->context);
          g_source_unref (source);
        }
    }
  if (job->sync && --self->sync_outstanding == 0)
    g_cond_broadcast (&self->done_cond);
  g_mutex_unlock (&self->lock);

  g_clear_pointer (&surface, cairo_surface_destroy);
  g_object_unref (job->renderer);
  g_free (job);
}

RamusTileCache *
ramus_tile_cache_new (gsize budget_bytes,
                      guint n_threads)
{
  RamusTileCache *self = g_new0 (RamusTileCache, 1);

  g_mutex_init (&self->lock);
  g_cond_init (&self->done_cond);
  self->tiles = g_hash_table_new_full (key_hash, key_equal, NULL, (GDestroyNotify) tile_free);
  self->pending = g_hash_table_new (key_hash, key_equal);
  g_queue_init (&self->lru);
  self->budget = MAX (budget_bytes, tile_bytes () * 16);
  self->pool = g_thread_pool_new (render_job, NULL, MAX (1, n_threads), FALSE, NULL);
  self->blitter = ramus_tile_blitter_new (n_threads);
  self->context = g_main_context_ref_thread_default ();
  return self;
}

void
ramus_tile_cache_free (RamusTileCache *self)
{
  GHashTableIter iter;
  gpointer job;

  if (self == NULL)
    return;
  g_mutex_lock (&self->lock);
  g_hash_table_iter_init (&iter, self->pending);
  while (g_hash_table_iter_next (&iter, NULL, &job))
    ((Job *) job)->cancelled = TRUE;
  self->ready_func = NULL;
  if (self->ready_source)
    {
      GSource *source = g_main_context_find_source_by_id (self->context, self->ready_source);
      if (source)
        g_source_destroy (source);
      self->ready_source = 0;
    }
  g_mutex_unlock (&self->lock);

  /* Wait for the workers: they hold pointers to the cache. */
  g_thread_pool_free (self->pool, FALSE, TRUE);
  ramus_tile_blitter_free (self->blitter);
  g_hash_table_unref (self->pending);
  g_hash_table_unref (self->tiles);
  g_main_context_unref (self->context);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->done_cond);
  g_free (self);
}

void
ramus_tile_cache_set_ready_func (RamusTileCache     *self,
                                 RamusTileReadyFunc  func,
                                 gpointer            user_data)
{
  g_mutex_lock (&self->lock);
  self->ready_func = func;
  self->ready_data = user_data;
  g_mutex_unlock (&self->lock);
}

static void
key_for (TileKey             *key,
         RamusRenderer       *renderer,
         const RamusStyle    *style,
         gboolean             mirror,
         gint                 level,
         gint                 tx,
         gint                 ty)
{
  key->renderer = renderer;
  key->theme = style->theme;
  key->layers = style->layers & RAMUS_LAYERS_STATIC;
  key->lang = style->lang;
  key->mirror = mirror;
  key->level = level;
  key->tx = tx;
  key->ty = ty;
}

/* Called with the lock held. */
static void
request (RamusTileCache   *self,
         const TileKey    *key,
         RamusRenderer    *renderer,
         const RamusStyle *style,
         gboolean          sync)
{
  Job *job = g_hash_table_lookup (self->pending, key);

  if (job)
    {
      job->cancelled = FALSE;
      if (sync && !job->sync)
        {
          job->sync = TRUE;
          self->sync_outstanding++;
        }
      return;
    }
  job = g_new0 (Job, 1);
  job->key = *key;
  job->renderer = g_object_ref (renderer);
  job->style = *style;
  job->cache = self;
  job->sync = sync;
  if (sync)
    self->sync_outstanding++;
  g_hash_table_insert (self->pending, &job->key, job);
  g_thread_pool_push (self->pool, job, NULL);
}

/* The level-space position of the view: where its centre is, and the
 * screen offset of level-space (0, 0), snapped to whole pixels when the
 * view is at the level's exact scale so tiles are copied, not resampled. */
typedef struct
{
  gint level;
  double k;                     /* screen pixels per level pixel */
  double ox, oy;                /* screen position of level (0, 0) */
  gint tx0, ty0, tx1, ty1;      /* visible tile range, inclusive */
} Layout;

static void
layout_for (const RamusViewport *vp,
            gint                 level,
            Layout              *l)
{
  double s = ramus_tile_level_scale (level);
  double m = vp->mirror ? -1.0 : 1.0;
  double lcx = m * vp->cx * s, lcy = vp->cy * s;

  l->level = level;
  l->k = vp->scale / s;
  l->ox = vp->width / 2.0 - lcx * l->k;
  l->oy = vp->height / 2.0 - lcy * l->k;
  if (fabs (l->k - 1.0) < 1e-9)
    {
      l->ox = round (l->ox);
      l->oy = round (l->oy);
    }
  l->tx0 = (gint) floor (-l->ox / (RAMUS_TILE_SIZE * l->k));
  l->ty0 = (gint) floor (-l->oy / (RAMUS_TILE_SIZE * l->k));
  l->tx1 = (gint) floor ((vp->width - l->ox) / (RAMUS_TILE_SIZE * l->k) - 1e-9);
  l->ty1 = (gint) floor ((vp->height - l->oy) / (RAMUS_TILE_SIZE * l->k) - 1e-9);
}

static void
touch (RamusTileCache *self,
       Tile           *tile)
{
  g_queue_unlink (&self->lru, &tile->link);
  g_queue_push_head_link (&self->lru, &tile->link);
}

/* Puts the best available tiles for @vp through @func, asks for the
 * missing ones, and returns TRUE if every tile was at the exact level.
 * Stand-ins come first: a coarse one covers its neighbours too, and the
 * exact tiles put after it must not be hidden under it. */
gboolean
ramus_tile_cache_foreach (RamusTileCache      *self,
                          RamusRenderer       *renderer,
                          const RamusViewport *vp,
                          const RamusStyle    *style,
                          RamusTileFunc        func,
                          gpointer             user_data)
{
  gint level = ramus_tile_level_for_scale (vp->scale);
  gboolean complete = TRUE;
  Layout exact;
  GHashTableIter iter;
  gpointer value;
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  g_autoptr(GHashTable) stood_in = g_hash_table_new (g_direct_hash, g_direct_equal);

  layout_for (vp, level, &exact);

  g_mutex_lock (&self->lock);
  /* Work queued for tiles no longer in view is dropped. */
  g_hash_table_iter_init (&iter, self->pending);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Job *job = value;
      if (!job->sync && (job->key.level != level || job->key.tx < exact.tx0 || job->key.tx > exact.tx1 ||
                         job->key.ty < exact.ty0 || job->key.ty > exact.ty1))
        job->cancelled = TRUE;
    }

  for (gint ty = exact.ty0; ty <= exact.ty1; ty++)
    for (gint tx = exact.tx0; tx <= exact.tx1; tx++)
      {
        TileKey key;
        Tile *tile;

        key_for (&key, renderer, style, vp->mirror, level, tx, ty);
        tile = g_hash_table_lookup (self->tiles, &key);
        if (tile)
          {
            touch (self, tile);
            g_ptr_array_add (found, tile);
            continue;
          }

        complete = FALSE;
        request (self, &key, renderer, style, FALSE);

        /* Stand-ins while it renders: a coarser tile enlarged, once each. */
        for (gint up = 1; up <= 6; up++)
          {
            gint coarse = level - up;
            double f = ramus_tile_level_scale (coarse) / ramus_tile_level_scale (level);
            Layout l;
            layout_for (vp, coarse, &l);
            key_for (&key, renderer, style, vp->mirror, coarse,
                     (gint) floor ((tx + 0.5) * f), (gint) floor ((ty + 0.5) * f));
            tile = g_hash_table_lookup (self->tiles, &key);
            if (tile)
              {
                if (g_hash_table_add (stood_in, tile))
                  func (tile->surface, tile->serial, l.ox + key.tx * RAMUS_TILE_SIZE * l.k,
                        l.oy + key.ty * RAMUS_TILE_SIZE * l.k, RAMUS_TILE_SIZE * l.k, user_data);
                break;
              }
          }
      }

  for (guint i = 0; i < found->len; i++)
    {
      Tile *tile = g_ptr_array_index (found, i);
      func (tile->surface, tile->serial, exact.ox + tile->key.tx * RAMUS_TILE_SIZE * exact.k,
            exact.oy + tile->key.ty * RAMUS_TILE_SIZE * exact.k, RAMUS_TILE_SIZE * exact.k, user_data);
    }
  g_mutex_unlock (&self->lock);
  return complete;
}

/* A tile drawn through cairo: enlarged, shrunk or off whole pixels. */
static void
paint_tile (cairo_t         *cr,
            cairo_surface_t *surface,
            double           x,
            double           y,
            double           size)
{
  double k = size / RAMUS_TILE_SIZE;

  cairo_save (cr);
  if (fabs (k - 1.0) < 1e-9)
    {
      /* Whole pixels, no resampling: a plain copy. */
      cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
      cairo_set_source_surface (cr, surface, x, y);
      cairo_rectangle (cr, x, y, size, size);
      cairo_fill (cr);
    }
  else
    {
      cairo_rectangle (cr, floor (x), floor (y), ceil (x + size) - floor (x), ceil (y + size) - floor (y));
      cairo_clip (cr);
      cairo_translate (cr, x, y);
      cairo_scale (cr, k, k);
      cairo_set_source_surface (cr, surface, 0, 0);
      cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_BILINEAR);
      cairo_pattern_set_extend (cairo_get_source (cr), CAIRO_EXTEND_PAD);
      cairo_paint (cr);
    }
  cairo_restore (cr);
}

typedef struct
{
  cairo_t *cr;
  gboolean copyable;            /* a plain image target, nothing in the way */
  GArray *copies;               /* RamusTileBlit, each holding a reference */
} DrawContext;

static void
draw_tile (cairo_surface_t *surface,
           guint64          serial,
           double           x,
           double           y,
           double           size,
           gpointer         user_data)
{
  DrawContext *context = user_data;

  /* The common case while panning: a tile at its own scale, on whole
   * pixels. Its rows are copied straight across, later and on every core;
   * this is what bounds a pan frame. */
  if (context->copyable && size == RAMUS_TILE_SIZE && x == floor (x) && y == floor (y) &&
      cairo_image_surface_get_format (surface) == cairo_image_surface_get_format (cairo_get_target (context->cr)))
    {
      RamusTileBlit copy = { cairo_surface_reference (surface), (int) x, (int) y };
      g_array_append_val (context->copies, copy);
      return;
    }
  paint_tile (context->cr, surface, x, y, size);
}

static gboolean
target_is_copyable (cairo_t *cr)
{
  cairo_surface_t *target = cairo_get_target (cr);
  cairo_matrix_t matrix;
  double clip_x0, clip_y0, clip_x1, clip_y1, sx = 1, sy = 1;

  if (cairo_surface_get_type (target) != CAIRO_SURFACE_TYPE_IMAGE)
    return FALSE;
  cairo_get_matrix (cr, &matrix);
  cairo_clip_extents (cr, &clip_x0, &clip_y0, &clip_x1, &clip_y1);
  cairo_surface_get_device_scale (target, &sx, &sy);
  return sx == 1 && sy == 1 && matrix.xx == 1 && matrix.yy == 1 && matrix.xy == 0 && matrix.yx == 0 &&
         matrix.x0 == 0 && matrix.y0 == 0 && clip_x0 <= 0 && clip_y0 <= 0 &&
         clip_x1 >= cairo_image_surface_get_width (target) && clip_y1 >= cairo_image_surface_get_height (target) &&
         cairo_get_operator (cr) == CAIRO_OPERATOR_OVER;
}

gboolean
ramus_tile_cache_draw (RamusTileCache      *self,
                       cairo_t             *cr,
                       RamusRenderer       *renderer,
                       const RamusViewport *vp,
                       const RamusStyle    *style)
{
  DrawContext context = { cr, target_is_copyable (cr), NULL };
  gboolean complete;

  context.copies = g_array_new (FALSE, FALSE, sizeof (RamusTileBlit));
  complete = ramus_tile_cache_foreach (self, renderer, vp, style, draw_tile, &context);
  if (context.copies->len > 0)
    {
      ramus_tile_blitter_copy (self->blitter, cairo_get_target (cr),
                               (RamusTileBlit *) (void *) context.copies->data, context.copies->len);
      for (guint i = 0; i < context.copies->len; i++)
        cairo_surface_destroy (g_array_index (context.copies, RamusTileBlit, i).surface);
    }
  g_array_unref (context.copies);
  return complete;
}

/* Renders every missing exact tile of @vp on the workers and waits. */
void
ramus_tile_cache_render_sync (RamusTileCache      *self,
                              RamusRenderer       *renderer,
                              const RamusViewport *vp,
                              const RamusStyle    *style)
{
  gint level = ramus_tile_level_for_scale (vp->scale);
  Layout l;

  layout_for (vp, level, &l);
  g_mutex_lock (&self->lock);
  for (gint ty = l.ty0; ty <= l.ty1; ty++)
    for (gint tx = l.tx0; tx <= l.tx1; tx++)
      {
        TileKey key;
        Tile *tile;
        key_for (&key, renderer, style, vp->mirror, level, tx, ty);
        /* Tiles the view already has are the most recent: the new ones must
         * not evict them. */
        if ((tile = g_hash_table_lookup (self->tiles, &key)) != NULL)
          touch (self, tile);
        else
          request (self, &key, renderer, style, TRUE);
      }
  while (self->sync_outstanding > 0)
    g_cond_wait (&self->done_cond, &self->lock);
  g_mutex_unlock (&self->lock);
}

void
ramus_tile_cache_clear (RamusTileCache *self)
{
  g_mutex_lock (&self->lock);
  g_queue_init (&self->lru);
  g_hash_table_remove_all (self->tiles);
  self->bytes = 0;
  g_mutex_unlock (&self->lock);
}

gsize
ramus_tile_cache_get_bytes (RamusTileCache *self)
{
  gsize bytes;
  g_mutex_lock (&self->lock);
  bytes = self->bytes;
  g_mutex_unlock (&self->lock);
  return bytes;
}

gsize
ramus_tile_cache_get_budget (RamusTileCache *self)
{
  return self->budget;
}

guint
ramus_tile_cache_get_n_tiles (RamusTileCache *self)
{
  guint n;
  g_mutex_lock (&self->lock);
  n = g_hash_table_size (self->tiles);
  g_mutex_unlock (&self->lock);
  return n;
}
