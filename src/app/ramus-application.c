#include "config.h"
#include "ramus-application.h"
struct _RamusApplication { AdwApplication parent_instance; };
G_DEFINE_FINAL_TYPE (RamusApplication, ramus_application, ADW_TYPE_APPLICATION)
static void ramus_application_class_init (RamusApplicationClass *klass) {}
static void ramus_application_init (RamusApplication *self) {}
RamusApplication *ramus_application_new (void) { return g_object_new (RAMUS_TYPE_APPLICATION, "application-id", APPLICATION_ID, NULL); }
