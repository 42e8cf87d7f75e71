/* ramus-application.h — the Ramus application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* One schema for the stable and the development build. */
#define RAMUS_SETTINGS_SCHEMA_ID "io.github.ramus.Ramus"

#define RAMUS_TYPE_APPLICATION (ramus_application_get_type ())
G_DECLARE_FINAL_TYPE (RamusApplication, ramus_application, RAMUS, APPLICATION, AdwApplication)

RamusApplication *ramus_application_new (void);

G_END_DECLS
