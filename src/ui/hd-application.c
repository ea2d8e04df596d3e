/* hd-application.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "hd-application.h"
#include "hd-ui-resources.h"
#include "hd-preferences-window.h"
#include "hd-window.h"
#include "composer/hd-composer-window.h"
#include "hd-store-channels.h"
#include "hd-store-posts.h"

struct _HdApplication
{
  AdwApplication parent_instance;

  /* owned references */
  GSettings *settings;
  HdStore   *store;
  GError    *store_error;

  HdWorkspace workspace;
  gboolean    store_tried;
};

G_DEFINE_FINAL_TYPE (HdApplication, hd_application, ADW_TYPE_APPLICATION)

enum {
  PROP_0,
  PROP_STORE,
  PROP_WORKSPACE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const GOptionEntry option_entries[] = {
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the version and exit"), NULL },
  { "data-dir", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Keep the database in DIR instead of the usual place"), N_("DIR") },
  { NULL }
};

HdApplication *
hd_application_new (void)
{
  return g_object_new (HD_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       NULL);
}

GSettings *
hd_application_get_settings (HdApplication *self)
{
  g_return_val_if_fail (HD_IS_APPLICATION (self), NULL);

  return self->settings;
}

HdWorkspace
hd_application_get_workspace (HdApplication *self)
{
  g_return_val_if_fail (HD_IS_APPLICATION (self), HD_WORKSPACE_UNCHOSEN);

  return self->workspace;
}

HdStore *
hd_application_get_store (HdApplication *self)
{
  g_return_val_if_fail (HD_IS_APPLICATION (self), NULL);

  return self->store;
}

const GError *
hd_application_get_store_error (HdApplication *self)
{
  g_return_val_if_fail (HD_IS_APPLICATION (self), NULL);

  return self->store_error;
}

static void
set_action_enabled (HdApplication *self,
                    const char    *name,
                    gboolean       enabled)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), name);

  /* Before startup there are no actions yet; startup sets them from the same state. */
  if (action != NULL)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
}

static void
update_actions (HdApplication *self)
{
  set_action_enabled (self, "new-post", self->store != NULL);
  set_action_enabled (self, "new-post-at", self->store != NULL);
  set_action_enabled (self, "edit-post", self->store != NULL);
  set_action_enabled (self, "open-sample", self->workspace != HD_WORKSPACE_SAMPLE);
  set_action_enabled (self, "open-own", self->workspace == HD_WORKSPACE_SAMPLE);
}

static gboolean
seed_if_empty (HdStore  *store,
               GError  **error)
{
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GListModel) channels = NULL;
  guint n_posts = 0;

  /* A sample someone has already explored keeps their changes. */
  if (!hd_store_count_posts (store, &n_posts, error))
    return FALSE;
  channels = hd_store_list_channels (store, error);
  if (channels == NULL)
    return FALSE;
  if (n_posts > 0 || g_list_model_get_n_items (channels) > 0)
    return TRUE;

  now = g_date_time_new_now_utc ();
  return hd_store_seed_sample (store, now, error);
}

/* Opens the database of @workspace and remembers the choice. A store that cannot be opened
 * leaves the error for the window to show; nothing else is tried behind the user's back. */
void
hd_application_open_workspace (HdApplication *self,
                               HdWorkspace    workspace)
{
  g_autoptr(HdStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (HD_IS_APPLICATION (self));
  g_return_if_fail (workspace == HD_WORKSPACE_OWN || workspace == HD_WORKSPACE_SAMPLE);

  if (workspace == HD_WORKSPACE_SAMPLE)
    path = hd_store_sample_path ();
  else
    path = hd_store_default_path ();

  store = hd_store_open (path, &error);
  if (store != NULL && workspace == HD_WORKSPACE_SAMPLE && !seed_if_empty (store, &error))
    g_clear_object (&store);

  if (store == NULL)
    g_message ("Could not open %s: %s", path, error->message);

  self->store_tried = TRUE;
  g_clear_error (&self->store_error);
  self->store_error = g_steal_pointer (&error);
  g_set_object (&self->store, store);

  if (self->workspace != workspace)
    {
      self->workspace = workspace;
      g_settings_set_enum (self->settings, "workspace", workspace);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORKSPACE]);
    }

  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

/* Opens the remembered workspace the first time something needs the store. */
void
hd_application_ensure_store (HdApplication *self)
{
  g_return_if_fail (HD_IS_APPLICATION (self));

  if (self->store_tried || self->workspace == HD_WORKSPACE_UNCHOSEN)
    return;

  hd_application_open_workspace (self, self->workspace);
}

/* The choice can change behind our back (another window, dconf-editor, a test): follow it. */
static void
on_workspace_setting_changed (HdApplication *self)
{
  HdWorkspace workspace = g_settings_get_enum (self->settings, "workspace");

  if (workspace == self->workspace)
    return;

  if (workspace != HD_WORKSPACE_UNCHOSEN)
    {
      hd_application_open_workspace (self, workspace);
      return;
    }

  self->workspace = workspace;
  self->store_tried = FALSE;
  g_clear_error (&self->store_error);
  g_clear_object (&self->store);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORKSPACE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

static HdComposerWindow *
open_composer (HdApplication *self)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  HdComposerWindow *composer;

  /* Another composer is no parent: the post should stay with the main window. */
  if (HD_IS_COMPOSER_WINDOW (parent))
    parent = gtk_window_get_transient_for (parent);

  composer = hd_composer_window_new (self->store, self->settings);
  gtk_window_set_transient_for (GTK_WINDOW (composer), parent);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (composer), TRUE);
  gtk_window_set_application (GTK_WINDOW (composer), GTK_APPLICATION (self));

  return composer;
}

static void
on_new_post (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  HdApplication *self = user_data;

  if (self->store == NULL)
    return;

  gtk_window_present (GTK_WINDOW (open_composer (self)));
}

static void
on_new_post_at (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  HdApplication *self = user_data;
  HdComposerWindow *composer;

  if (self->store == NULL)
    return;

  composer = open_composer (self);
  hd_composer_window_set_instant (composer, g_variant_get_int64 (parameter));
  gtk_window_present (GTK_WINDOW (composer));
}

static void
on_edit_post (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  HdApplication *self = user_data;
  const char *post_id = g_variant_get_string (parameter, NULL);
  g_autoptr(GError) error = NULL;
  HdComposerWindow *composer;

  if (self->store == NULL)
    return;

  /* One composer per post: two would save over each other. */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (HD_IS_COMPOSER_WINDOW (l->data) &&
        g_strcmp0 (hd_composer_window_get_post_id (l->data), post_id) == 0)
      {
        gtk_window_present (l->data);
        return;
      }

  composer = open_composer (self);
  if (!hd_composer_window_load_post (composer, post_id, &error))
    {
      g_warning ("Could not open post %s: %s", post_id, error->message);
      gtk_window_destroy (GTK_WINDOW (composer));
      return;
    }

  gtk_window_present (GTK_WINDOW (composer));
}

static void
on_preferences (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  HdApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  HdPreferencesWindow *prefs;

  prefs = hd_preferences_window_new (self->settings, self->store);
  gtk_window_set_transient_for (GTK_WINDOW (prefs), parent);
  gtk_window_present (GTK_WINDOW (prefs));
}

static void
on_about (GSimpleAction *action,
          GVariant      *parameter,
          gpointer       user_data)
{
  HdApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  const char *developers[] = { _("The Herald authors"), NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "modal", TRUE,
                        "application-name", _("Herald"),
                        "application-icon", APP_ID,
                        "version", PACKAGE_VERSION,
                        "developer-name", _("The Herald authors"),
                        "developers", developers,
                        "copyright", _("© 2026 The Herald authors"),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "website", "https://github.com/heraldapp/herald",
                        "issue-url", "https://github.com/heraldapp/herald/issues",
                        "comments", _("Plan, write and schedule your posts and ads on every "
                                      "channel from one calendar, even offline."),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
on_quit (GSimpleAction *action,
         GVariant      *parameter,
         gpointer       user_data)
{
  HdApplication *self = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

  /* Closing rather than quitting outright lets each window save its size. */
  for (GList *l = windows; l != NULL;)
    {
      GtkWindow *window = l->data;

      l = l->next;
      gtk_window_close (window);
    }
}

static void
on_open_sample (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  hd_application_open_workspace (HD_APPLICATION (user_data), HD_WORKSPACE_SAMPLE);
}

static void
on_open_own (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  hd_application_open_workspace (HD_APPLICATION (user_data), HD_WORKSPACE_OWN);
}

static const GActionEntry app_actions[] = {
  { "new-post", on_new_post },
  { "new-post-at", on_new_post_at, "x" },
  { "edit-post", on_edit_post, "s" },
  { "preferences", on_preferences },
  { "about", on_about },
  { "quit", on_quit },
  { "open-sample", on_open_sample },
  { "open-own", on_open_own },
};

static gint
hd_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  const char *data_dir = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("herald %s\n", PACKAGE_VERSION);
      return 0;
    }

  if (g_variant_dict_lookup (options, "data-dir", "^&ay", &data_dir))
    {
      g_autoptr(GFile) dir = g_file_new_for_commandline_arg (data_dir);
      g_autofree char *path = g_file_get_path (dir);

      g_setenv ("HERALD_DATA_DIR", path, TRUE);
      /* Another database means another instance: never hand the command to a running one. */
      g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);
    }

  return G_APPLICATION_CLASS (hd_application_parent_class)->handle_local_options (app, options);
}

static void
hd_application_startup (GApplication *app)
{
  HdApplication *self = HD_APPLICATION (app);
  const char *new_post_accels[] = { "<Control>n", NULL };
  const char *preferences_accels[] = { "<Control>comma", NULL };
  const char *quit_accels[] = { "<Control>q", NULL };

  G_APPLICATION_CLASS (hd_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions),
                                   self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.new-post", new_post_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences",
                                         preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);

  for (guint i = 0; i < 7; i++)
    {
      static const char *pages[] = {
        "calendar", "ideas", "inbox", "campaigns", "audiences", "reports", "channels"
      };
      g_autofree char *detailed = g_strdup_printf ("win.show-page::%s", pages[i]);
      g_autofree char *accel = g_strdup_printf ("<Control>%u", i + 1);
      const char *accels[] = { accel, NULL };

      gtk_application_set_accels_for_action (GTK_APPLICATION (self), detailed, accels);
    }

  update_actions (self);
}

static void
hd_application_activate (GApplication *app)
{
  HdApplication *self = HD_APPLICATION (app);
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (window == NULL)
    window = GTK_WINDOW (hd_window_new (self));

  gtk_window_present (window);
}

static void
hd_application_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  HdApplication *self = HD_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_WORKSPACE:
      g_value_set_int (value, self->workspace);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hd_application_dispose (GObject *object)
{
  HdApplication *self = HD_APPLICATION (object);

  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (hd_application_parent_class)->dispose (object);
}

static void
hd_application_finalize (GObject *object)
{
  HdApplication *self = HD_APPLICATION (object);

  g_clear_error (&self->store_error);

  G_OBJECT_CLASS (hd_application_parent_class)->finalize (object);
}

static void
hd_application_class_init (HdApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  /* Referring to the resource keeps its object, and the constructor that registers it, in
   * programs that link the UI as a static library. */
  g_assert (hd_ui_get_resource () != NULL);

  object_class->get_property = hd_application_get_property;
  object_class->dispose = hd_application_dispose;
  object_class->finalize = hd_application_finalize;

  app_class->handle_local_options = hd_application_handle_local_options;
  app_class->startup = hd_application_startup;
  app_class->activate = hd_application_activate;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         HD_TYPE_STORE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_WORKSPACE] =
    g_param_spec_int ("workspace", NULL, NULL,
                      HD_WORKSPACE_UNCHOSEN, HD_WORKSPACE_SAMPLE, HD_WORKSPACE_UNCHOSEN,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hd_application_init (HdApplication *self)
{
  self->settings = g_settings_new (APP_ID);
  self->workspace = g_settings_get_enum (self->settings, "workspace");
  g_signal_connect_object (self->settings, "changed::workspace",
                           G_CALLBACK (on_workspace_setting_changed), self, G_CONNECT_SWAPPED);

  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Plan, write and schedule social media posts "
                                              "and ads."));
}
