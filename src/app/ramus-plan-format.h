/* ramus-plan-format.h — how the planner shows its values: numbers without
 * trailing zeros, embolics, devices, dose values and short references
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ramus-plan.h"

G_BEGIN_DECLS

char       *ramus_format_number        (double              value,
                                        int                 max_decimals);
gboolean    ramus_parse_number         (const char         *text,
                                        double             *value);
char       *ramus_format_calibre       (const RamusVessel  *vessel);
char       *ramus_format_device        (const RamusDevice  *device);
const char *ramus_severity_label       (RamusSeverity       severity);
const char *ramus_severity_icon        (RamusSeverity       severity);
const char *ramus_severity_css_class   (RamusSeverity       severity);
char       *ramus_format_source_short  (RamusAtlas         *atlas,
                                        const char         *id);
char       *ramus_format_sources_markup (RamusAtlas         *atlas,
                                         const char * const *ids);
const char *ramus_strip_path           (const char         *message,
                                        const char         *path);

G_END_DECLS
