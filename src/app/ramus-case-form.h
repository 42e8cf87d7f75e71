/* ramus-case-form.h — the case details of a plan: region, side,
 * indication and its stage, patient, baseline scores, allergies, the liver's
 * variant and tumours, and the dose inputs; every field an undoable edit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ramus-plan.h"

G_BEGIN_DECLS

#define RAMUS_TYPE_CASE_FORM (ramus_case_form_get_type ())
G_DECLARE_FINAL_TYPE (RamusCaseForm, ramus_case_form, RAMUS, CASE_FORM, GtkWidget)

GtkWidget  *ramus_case_form_new        (RamusPlan     *plan);
RamusPlan  *ramus_case_form_get_plan   (RamusCaseForm *self);
void        ramus_case_form_set_plan   (RamusCaseForm *self,
                                        RamusPlan     *plan);
void        ramus_case_form_scroll_to  (RamusCaseForm *self,
                                        const char    *section);
const char *ramus_case_form_get_message (RamusCaseForm *self,
                                         const char    *path);

G_END_DECLS
