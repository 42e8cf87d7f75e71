/* ramus-atlas.h — the read-only atlas: regions, vessels, access sites,
 * variants and sources, loaded from the compiled SQLite atlas
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  RAMUS_LANG_EN,
  RAMUS_LANG_ZH_TW,
  RAMUS_LANG_ZH_CN,
  RAMUS_N_LANGS
} RamusLang;

typedef enum
{
  RAMUS_SIDE_RIGHT,
  RAMUS_SIDE_LEFT,
} RamusSide;

typedef enum
{
  RAMUS_VESSEL_TRUNK,
  RAMUS_VESSEL_FEEDER,
  RAMUS_VESSEL_BRANCH,
  RAMUS_VESSEL_DANGER,
  RAMUS_VESSEL_COLLATERAL,
} RamusVesselKind;

typedef enum
{
  RAMUS_LATERALITY_PAIRED,
  RAMUS_LATERALITY_MIDLINE,
  RAMUS_LATERALITY_RIGHT,
  RAMUS_LATERALITY_LEFT,
} RamusLaterality;

typedef struct
{
  char *id;
  char *citation;
  char *doi;
  char *url;
  char *licence;
} RamusSource;

typedef struct
{
  char *id;
  int order;
  char *names[RAMUS_N_LANGS];
  char *procedures[RAMUS_N_LANGS];
  char **sources;
} RamusRegion;

/* Vessels are owned by the atlas and live as long as it does. */
typedef struct
{
  char *id;
  guint index;                 /* position in authored order */
  char *parent;                /* NULL at the root */
  char *parent_left;           /* side-specific parents, or NULL */
  char *parent_right;
  RamusLaterality laterality;
  RamusVesselKind kind;
  char *names[RAMUS_N_LANGS];
  char **abbreviations;
  char **synonyms[RAMUS_N_LANGS];
  double diameter_min;
  double diameter_max;
  char *diameter_source;
  char *territory[RAMUS_N_LANGS];
  char *notes[RAMUS_N_LANGS];
  char *hra_name;
  char *hra_parent_note[RAMUS_N_LANGS];
  char *fma;
  char *uberon;
  char *ta98;
  char *ta_term;
  gboolean variant_only;
  char **regions;              /* every region it belongs to, in region order */
  char **sources;
  char *file;
  guint line;
  double length_mm;            /* typical length, 0 when unknown */
  char *length_source;
} RamusVessel;

typedef enum
{
  RAMUS_DEVICE_SHEATH,
  RAMUS_DEVICE_CATHETER,
  RAMUS_DEVICE_MICROCATHETER,
  RAMUS_DEVICE_GUIDEWIRE,
} RamusDeviceType;

/* A device of the catalogue; sizes are 0 where they do not apply. */
typedef struct
{
  char *id;
  RamusDeviceType type;
  char *name;
  char *maker;
  double french;               /* sheath: the catheter size it takes; others: outer size */
  double outer_mm;
  double inner_mm;             /* lumen */
  double wire_in;              /* guidewire diameter, inches */
  double length_cm;            /* usable length */
  char *notes[RAMUS_N_LANGS];
  char **sources;
} RamusDevice;

typedef struct
{
  char *id;
  char *vessel;
  char *direction;             /* retrograde, antegrade, contralateral */
  char *names[RAMUS_N_LANGS];
  char *abbr;
  double sheath_min;
  double sheath_max;
  char *notes[RAMUS_N_LANGS];
  char **sources;
} RamusAccessSite;

typedef struct
{
  double percent;
  char *source;
} RamusFrequency;

typedef struct
{
  char *id;
  char *group;
  int order;
  char *names[RAMUS_N_LANGS];
  char *descriptions[RAMUS_N_LANGS];
  gboolean is_default;
  GArray *frequencies;         /* of RamusFrequency */
  GHashTable *reparent;        /* child id -> new parent id */
  char **adds;
} RamusVariant;

typedef struct
{
  const RamusVessel *vessel;
  guint depth;
} RamusTreeRow;

typedef struct
{
  const RamusVessel *vessel;
  double score;
  const char *matched;         /* the name or term that matched */
} RamusSearchHit;

/* Drawings: a region's schematic AP roadmap, in millimetres
 * (docs/drawing-format.md). */
typedef struct
{
  double x;
  double y;
  double r;                    /* lumen radius in mm; 0 for polygons */
} RamusVertex;

typedef struct
{
  char *id;
  const RamusVessel *vessel;
  GArray *vertices;            /* of RamusVertex */
} RamusCourse;

typedef struct
{
  char *id;
  const RamusVessel *vessel;
  GArray *polygon;             /* of RamusVertex */
} RamusTerritory;

typedef struct
{
  char *id;
  char *region;
  double width;
  double height;
  gboolean midline;
  char *artwork_svg;           /* SVG text, viewBox 0 0 width height */
  GPtrArray *courses;          /* of RamusCourse*, in authored order */
  GPtrArray *territories;      /* of RamusTerritory* */
} RamusDrawing;

#define RAMUS_ATLAS_ERROR (ramus_atlas_error_quark ())
GQuark ramus_atlas_error_quark (void);

typedef enum
{
  RAMUS_ATLAS_ERROR_OPEN,
  RAMUS_ATLAS_ERROR_FORMAT,
  RAMUS_ATLAS_ERROR_NOT_FOUND,
} RamusAtlasError;

#define RAMUS_TYPE_ATLAS (ramus_atlas_get_type ())
G_DECLARE_FINAL_TYPE (RamusAtlas, ramus_atlas, RAMUS, ATLAS, GObject)

RamusAtlas            *ramus_atlas_new_from_file     (const char  *path,
                                                      GError     **error);
RamusAtlas            *ramus_atlas_new_from_bytes    (GBytes      *bytes,
                                                      GError     **error);
RamusAtlas            *ramus_atlas_get_default       (GError     **error);

guint                  ramus_atlas_get_n_regions     (RamusAtlas *self);
const RamusRegion     *ramus_atlas_get_region        (RamusAtlas *self,
                                                      guint       index);
const RamusRegion     *ramus_atlas_lookup_region     (RamusAtlas *self,
                                                      const char *name);

guint                  ramus_atlas_get_n_vessels     (RamusAtlas *self);
const RamusVessel     *ramus_atlas_get_vessel        (RamusAtlas *self,
                                                      guint       index);
const RamusVessel     *ramus_atlas_lookup            (RamusAtlas *self,
                                                      const char *name);
const RamusVessel     *ramus_atlas_get_parent        (RamusAtlas         *self,
                                                      const RamusVessel  *vessel,
                                                      RamusSide           side,
                                                      const RamusVariant *variant);
GPtrArray             *ramus_atlas_get_children      (RamusAtlas         *self,
                                                      const RamusVessel  *vessel,
                                                      RamusSide           side,
                                                      const RamusVariant *variant);
GPtrArray             *ramus_atlas_path              (RamusAtlas         *self,
                                                      const RamusVessel  *vessel,
                                                      RamusSide           side,
                                                      const RamusVariant *variant);
GArray                *ramus_atlas_region_tree       (RamusAtlas         *self,
                                                      const char         *region_id,
                                                      RamusSide           side,
                                                      const RamusVariant *variant);
gboolean               ramus_atlas_vessel_in_region  (const RamusVessel *vessel,
                                                      const char        *region_id);
gboolean               ramus_atlas_vessel_present    (const RamusVessel  *vessel,
                                                      const RamusVariant *variant);

GPtrArray             *ramus_atlas_search            (RamusAtlas *self,
                                                      const char *query,
                                                      const char *region_id,
                                                      guint       limit);
GPtrArray             *ramus_atlas_suggest           (RamusAtlas *self,
                                                      const char *query,
                                                      guint       limit);
GPtrArray             *ramus_atlas_suggest_region    (RamusAtlas *self,
                                                      const char *query,
                                                      guint       limit);

guint                  ramus_atlas_get_n_access_sites (RamusAtlas *self);
const RamusAccessSite *ramus_atlas_get_access_site    (RamusAtlas *self,
                                                       guint       index);
const RamusAccessSite *ramus_atlas_lookup_access_site (RamusAtlas *self,
                                                       const char *name);

GPtrArray             *ramus_atlas_get_variants      (RamusAtlas *self,
                                                      const char *group);
const RamusVariant    *ramus_atlas_lookup_variant    (RamusAtlas *self,
                                                      const char *id);
const RamusVariant    *ramus_atlas_get_default_variant (RamusAtlas *self,
                                                        const char *group);

guint                  ramus_atlas_get_n_devices     (RamusAtlas *self);
const RamusDevice     *ramus_atlas_get_device        (RamusAtlas *self,
                                                      guint       index);
const RamusDevice     *ramus_atlas_lookup_device     (RamusAtlas *self,
                                                      const char *id);

const RamusDrawing    *ramus_atlas_get_drawing       (RamusAtlas *self,
                                                      const char *region_id);
const RamusCourse     *ramus_drawing_find_course     (const RamusDrawing *drawing,
                                                      const RamusVessel  *vessel);

const RamusSource     *ramus_atlas_lookup_source     (RamusAtlas *self,
                                                      const char *id);
guint                  ramus_atlas_get_n_sources     (RamusAtlas *self);

const char            *ramus_lang_to_string          (RamusLang   lang);
gboolean               ramus_lang_from_string        (const char *text,
                                                      RamusLang  *lang);
RamusLang              ramus_lang_for_locale         (void);
const char            *ramus_vessel_kind_to_string   (RamusVesselKind kind);
const char            *ramus_laterality_to_string    (RamusLaterality laterality);
const char            *ramus_vessel_get_name         (const RamusVessel *vessel,
                                                      RamusLang          lang);

G_END_DECLS
