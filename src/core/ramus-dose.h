/* ramus-dose.h — body-surface area, chemotherapy and embolic doses
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Plausible input ranges; the case format (docs/case-format.md) uses the
 * same limits. */
#define RAMUS_DOSE_HEIGHT_MIN_CM 100.0
#define RAMUS_DOSE_HEIGHT_MAX_CM 230.0
#define RAMUS_DOSE_WEIGHT_MIN_KG 20.0
#define RAMUS_DOSE_WEIGHT_MAX_KG 300.0
#define RAMUS_DOSE_IMIPENEM_MIN_G 0.1
#define RAMUS_DOSE_IMIPENEM_MAX_G 1.0
#define RAMUS_DOSE_IMIPENEM_DEFAULT_G 0.5
#define RAMUS_DOSE_CONTRAST_MIN_ML 1.0
#define RAMUS_DOSE_CONTRAST_MAX_ML 50.0
#define RAMUS_DOSE_IMIPENEM_DEFAULT_CONTRAST_ML 10.0
#define RAMUS_DOSE_DOXORUBICIN_MAX_MG_PER_M2 75.0
#define RAMUS_DOSE_LIPIODOL_MAX_ML 20.0
#define RAMUS_DOSE_DEB_MAX_MG 150.0

G_END_DECLS
