/* ramus-application.c — the Ramus application: actions, accelerators, the
 * colour scheme from the settings and the About window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ramus-application"

#include "config.h"

#include <glib/gi18n.h>

#include "ramus-application.h"
#include "ramus-atlas.h"
#include "ramus-window.h"

struct _RamusApplication
{
  AdwApplication parent_instance;

  GSettings *settings;
  char *library;                    /* --library FILE */
};

G_DEFINE_FINAL_TYPE (RamusApplication, ramus_application, ADW_TYPE_APPLICATION)

static void
apply_theme (RamusApplication *self)
{
  g_autofree char *theme = g_settings_get_string (self->settings, "theme");
  AdwColorScheme scheme = ADW_COLOR_SCHEME_DEFAULT;

  if (g_str_equal (theme, "light"))
    scheme = ADW_COLOR_SCHEME_FORCE_LIGHT;
  else if (g_str_equal (theme, "dark"))
    scheme = ADW_COLOR_SCHEME_FORCE_DARK;
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), scheme);
}

static void
theme_changed_cb (RamusApplication *self)
{
  apply_theme (self);
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  static const char *developers[] = { "The Ramus authors", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (app),
                        "application-name", "Ramus",
                        "application-icon", APPLICATION_ID,
                        "developer-name", _("The Ramus authors"),
                        "version", PACKAGE_VERSION,
                        "website", "https://github.com/ramus/ramus",
                        "issue-url", "https://github.com/ramus/ramus/issues",
                        "copyright", "© 2026 The Ramus authors",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "developers", developers,
                        /* Translators: put your names here, one a line */
                        "translator-credits", _("translator-credits"),
                        "comments", _("An interactive atlas of the feeder arteries targeted by "
                                      "embolization, in English and Chinese.\n\n"
                                      "Ramus is a planning and teaching aid, not a certified "
                                      "medical device. Check every vessel, size and dose "
                                      "against the patient’s own imaging and the cited sources."),
                        NULL);

  adw_about_window_add_legal_section (ADW_ABOUT_WINDOW (about),
                                      _("Not a Medical Device"),
                                      NULL,
                                      GTK_LICENSE_CUSTOM,
                                      _("Ramus is a planning and teaching aid, not a certified "
                                        "medical device. It does not replace clinical judgement: "
                                        "check every vessel, size and dose against the patient’s "
                                        "own imaging and the cited sources."));
  adw_about_window_add_legal_section (ADW_ABOUT_WINDOW (about),
                                      _("Vessel data: HRA-VCCF"),
                                      "Boppana A, Lee S, Malhotra R, et al. Anatomical structures, "
                                      "cell types, and biomarkers of the healthy human blood "
                                      "vasculature. Scientific Data 10, 452 (2023). "
                                      "doi:10.1038/s41597-023-02018-0",
                                      GTK_LICENSE_CUSTOM,
                                      _("The vessel hierarchy and its FMA, UBERON and TA98 "
                                        "identifiers are adapted from the Human Reference Atlas "
                                        "Vasculature Common Coordinate Framework (HRA-VCCF) of the "
                                        "HuBMAP consortium, "
                                        "<a href=\"https://github.com/hubmapconsortium/hra-vccf\">"
                                        "https://github.com/hubmapconsortium/hra-vccf</a>, "
                                        "under the <a href=\"https://creativecommons.org/licenses/by/4.0/\">"
                                        "Creative Commons Attribution 4.0 International licence "
                                        "(CC BY 4.0)</a>. Parents were checked against anatomy "
                                        "references and corrected where noted."));
  adw_about_window_add_link (ADW_ABOUT_WINDOW (about), _("HRA-VCCF Data Set"),
                             "https://github.com/hubmapconsortium/hra-vccf");
  adw_about_window_add_link (ADW_ABOUT_WINDOW (about), _("HRA-VCCF Article"),
                             "https://doi.org/10.1038/s41597-023-02018-0");

  gtk_window_present (GTK_WINDOW (about));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  GList *windows = gtk_application_get_windows (app);

  /* Close rather than quit so that windows save their size. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
  g_application_quit (G_APPLICATION (app));
}

static const GActionEntry app_actions[] = {
  { "about", about_action },
  { "quit", quit_action },
};

static void
set_region_accels (RamusApplication *self)
{
  g_autoptr(GError) error = NULL;
  RamusAtlas *atlas = ramus_atlas_get_default (&error);

  if (atlas == NULL)
    return;
  for (guint i = 0; i < ramus_atlas_get_n_regions (atlas) && i < 9; i++)
    {
      const RamusRegion *region = ramus_atlas_get_region (atlas, i);
      g_autofree char *action = g_strdup_printf ("win.region::%s", region->id);
      g_autofree char *accel = g_strdup_printf ("<Control>%u", i + 1);
      const char *accels[] = { accel, NULL };

      gtk_application_set_accels_for_action (GTK_APPLICATION (self), action, accels);
    }
}

static void
ramus_application_startup (GApplication *application)
{
  RamusApplication *self = RAMUS_APPLICATION (application);
  GtkApplication *gtk_app = GTK_APPLICATION (application);
  g_autoptr(GAction) theme_action = NULL;
  static const struct
  {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "window.close", { "<Control>w", NULL } },
    { "win.search", { "<Control>f", NULL } },
    { "win.patient-side::right", { "<Control><Shift>r", NULL } },
    { "win.patient-side::left", { "<Control><Shift>l", NULL } },
    { "win.show-sidebar", { "<Alt>Left", NULL } },
    { "win.show-details", { "F6", NULL } },
  };

  G_APPLICATION_CLASS (ramus_application_parent_class)->startup (application);

  gtk_window_set_default_icon_name (APPLICATION_ID);

  self->settings = g_settings_new (RAMUS_SETTINGS_SCHEMA_ID);
  g_signal_connect_object (self->settings, "changed::theme",
                           G_CALLBACK (theme_changed_cb), self, G_CONNECT_SWAPPED);
  apply_theme (self);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  theme_action = g_settings_create_action (self->settings, "theme");
  g_action_map_add_action (G_ACTION_MAP (self), theme_action);

  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (gtk_app, accels[i].action, accels[i].accels);
  set_region_accels (self);
}

static void
ramus_application_activate (GApplication *application)
{
  RamusApplication *self = RAMUS_APPLICATION (application);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (application));

  if (window == NULL)
    {
      window = GTK_WINDOW (ramus_window_new (GTK_APPLICATION (application)));
      gtk_window_present (window);
      /* Plans are saved to the library given, else the default one. */
      ramus_window_open_library (RAMUS_WINDOW (window), self->library, NULL);
      if (self->library != NULL)
        ramus_window_show_cases (RAMUS_WINDOW (window));
    }
  else
    {
      if (self->library != NULL)
        {
          ramus_window_open_library (RAMUS_WINDOW (window), self->library, NULL);
          ramus_window_show_cases (RAMUS_WINDOW (window));
        }
      gtk_window_present (window);
    }
}

/* `ramus --library FILE`: the library to open, resolved here, since the
 * primary instance may run in another directory. */
static int
ramus_application_handle_local_options (GApplication *application,
                                        GVariantDict *options)
{
  g_autofree char *library = NULL;

  if (g_variant_dict_lookup (options, "library", "^ay", &library) && library[0] != '\0')
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (library);
      g_autofree char *path = g_file_get_path (file);

      g_variant_dict_insert (options, "library", "^ay", path ? path : library);
    }
  return -1;
}

static int
ramus_application_command_line (GApplication            *application,
                                GApplicationCommandLine *command_line)
{
  RamusApplication *self = RAMUS_APPLICATION (application);
  GVariantDict *options = g_application_command_line_get_options_dict (command_line);
  g_autofree char *library = NULL;

  g_clear_pointer (&self->library, g_free);
  if (g_variant_dict_lookup (options, "library", "^ay", &library) && library[0] != '\0')
    self->library = g_steal_pointer (&library);
  g_application_activate (application);
  return 0;
}

static void
ramus_application_dispose (GObject *object)
{
  RamusApplication *self = RAMUS_APPLICATION (object);

  g_clear_object (&self->settings);
  g_clear_pointer (&self->library, g_free);

  G_OBJECT_CLASS (ramus_application_parent_class)->dispose (object);
}

static void
ramus_application_class_init (RamusApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = ramus_application_dispose;
  app_class->startup = ramus_application_startup;
  app_class->activate = ramus_application_activate;
  app_class->handle_local_options = ramus_application_handle_local_options;
  app_class->command_line = ramus_application_command_line;
}

static void
ramus_application_init (RamusApplication *self)
{
  static const GOptionEntry options[] = {
    { "library", 'l', G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, NULL,
      N_("Open the case library FILE"), N_("FILE") },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), options);
}

RamusApplication *
ramus_application_new (void)
{
  return g_object_new (RAMUS_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE,
                       "resource-base-path", RESOURCE_PREFIX,
                       NULL);
}
