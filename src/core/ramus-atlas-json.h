/* ramus-atlas-json.h — the atlas as JSON, for the CLI and interchange
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "ramus-atlas.h"

G_BEGIN_DECLS

JsonNode *ramus_atlas_json_vessel  (RamusAtlas            *atlas,
                                    const RamusVessel     *vessel);
JsonNode *ramus_atlas_json_region  (RamusAtlas            *atlas,
                                    const RamusRegion     *region);
JsonNode *ramus_atlas_json_access  (RamusAtlas            *atlas,
                                    const RamusAccessSite *access);
JsonNode *ramus_atlas_json_variant (RamusAtlas            *atlas,
                                    const RamusVariant    *variant);
char     *ramus_json_to_string     (JsonNode              *node,
                                    gboolean               pretty);

G_END_DECLS
