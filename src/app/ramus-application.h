#pragma once
#include <adwaita.h>
G_BEGIN_DECLS
#define RAMUS_TYPE_APPLICATION (ramus_application_get_type ())
G_DECLARE_FINAL_TYPE (RamusApplication, ramus_application, RAMUS, APPLICATION, AdwApplication)
RamusApplication *ramus_application_new (void);
G_END_DECLS
