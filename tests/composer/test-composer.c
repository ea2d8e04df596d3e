/* test-composer.c: writing, checking and scheduling a post in the composer.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-test"

#include "config.h"

#include <dlfcn.h>
#include <glib/gstdio.h>
#include <string.h>
#include <gdk/x11/gdkx.h>

#include "hd-application.h"
#include "hd-core.h"
#include "hd-media-library.h"
#include "hd-store-queue.h"
#include "hd-store-snippets.h"
#include "composer/hd-composer-window-private.h"
#include "composer/hd-media-tile.h"
#include "composer/hd-post-preview.h"

/* A family of four, one grapheme joined by three ZWJs. */
#define FAMILY "\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D" \
               "\xF0\x9F\x91\xA7\xE2\x80\x8D\xF0\x9F\x91\xA6"
#define LONG_URL "https://example.com/journal/2030/a-very-long-path-about-our-sourdough" \
                 "-starter-and-why-it-takes-three-days?utm_source=herald"

static HdApplication *app;

typedef struct
{
  HdStore          *store;
  GSettings        *settings;
  char             *x_id;
  char             *mastodon_id;
  char             *bluesky_id;
  HdComposerWindow *composer;
} Fixture;

static void
iterate (void)
{
  for (guint i = 0; i < 5; i++)
    {
      while (g_main_context_pending (NULL))
        g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
}

/* Runs the main loop until @composer's status reads @status: what the user sees once a save
 * is done. The bound only keeps a broken build from hanging; nothing is timed. */
static void
wait_for_status (HdComposerWindow *composer,
                 const char       *status)
{
  gint64 give_up = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (g_strcmp0 (_hd_composer_window_get_status (composer), status) != 0 &&
         g_get_monotonic_time () < give_up)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_assert_cmpstr (_hd_composer_window_get_status (composer), ==, status);
}

/* The X pointer, moved as a hand on the mouse would. Xlib is already loaded under GDK: the
 * test only borrows it. */
static gpointer
get_xlib_function (const char *name)
{
  static void *xlib;
  gpointer function;

  if (xlib == NULL)
    xlib = dlopen ("libX11.so.6", RTLD_LAZY);
  g_assert_nonnull (xlib);
  function = dlsym (xlib, name);
  g_assert_nonnull (function);

  return function;
}

/* Where the pointer is on the screen. */
static void
get_pointer (int *x,
             int *y)
{
  typeof (XQueryPointer) *query_pointer = get_xlib_function ("XQueryPointer");
  GdkDisplay *display = gdk_display_get_default ();
  Window root, child;
  int window_x, window_y;
  unsigned int mask;

  g_assert_true (GDK_IS_X11_DISPLAY (display));
  g_assert_true (query_pointer (gdk_x11_display_get_xdisplay (display),
                                gdk_x11_display_get_xrootwindow (display), &root, &child,
                                x, y, &window_x, &window_y, &mask));
}

/* Puts the pointer at @x, @y on the screen. */
static void
set_pointer (int x,
             int y)
{
  typeof (XWarpPointer) *warp_pointer = get_xlib_function ("XWarpPointer");
  GdkDisplay *display = gdk_display_get_default ();

  g_assert_true (GDK_IS_X11_DISPLAY (display));
  warp_pointer (gdk_x11_display_get_xdisplay (display), None,
                gdk_x11_display_get_xrootwindow (display), 0, 0, 0, 0, x, y);
  gdk_display_flush (display);
}

/* Moves the pointer onto the middle of @widget and returns once GTK has seen it arrive. */
static void
move_pointer_onto (GtkWidget *widget)
{
  GdkDisplay *display = gdk_display_get_default ();
  typeof (XWarpPointer) *warp_pointer = get_xlib_function ("XWarpPointer");
  GtkNative *native = gtk_widget_get_native (widget);
  graphene_point_t middle;
  double surface_x, surface_y;
  gint64 give_up;

  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (native),
                                           &GRAPHENE_POINT_INIT (
                                             gtk_widget_get_width (widget) / 2.0,
                                             gtk_widget_get_height (widget) / 2.0),
                                           &middle));
  gtk_native_get_surface_transform (native, &surface_x, &surface_y);
  warp_pointer (gdk_x11_display_get_xdisplay (display), None,
                gdk_x11_surface_get_xid (gtk_native_get_surface (native)), 0, 0, 0, 0,
                middle.x + surface_x, middle.y + surface_y);
  gdk_display_flush (display);

  /* The X server answers in its own time; bounded only so that a broken build fails instead
   * of hanging. */
  give_up = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  while ((gtk_widget_get_state_flags (widget) & GTK_STATE_FLAG_PRELIGHT) == 0 &&
         g_get_monotonic_time () < give_up)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_assert_true ((gtk_widget_get_state_flags (widget) & GTK_STATE_FLAG_PRELIGHT) != 0);
}

static GtkWidget *
find_widget_of_type (GtkWidget  *widget,
                     const char *type_name)
{
  if (g_strcmp0 (G_OBJECT_TYPE_NAME (widget), type_name) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget_of_type (child, type_name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
find_shown_label (GtkWidget *widget)
{
  if (!gtk_widget_get_visible (widget))
    return NULL;
  if (GTK_IS_LABEL (widget))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_shown_label (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The words of the tooltip on screen over @window, or NULL when none shows. GTK keeps a
 * tooltip's popup among the widgets of the window it belongs to. */
static const char *
get_shown_tooltip (GtkWindow *window)
{
  GtkWidget *popup = find_widget_of_type (GTK_WIDGET (window), "GtkTooltipWindow");
  GtkWidget *label;

  if (popup == NULL || !gtk_widget_get_mapped (popup))
    return NULL;

  /* GTK's own label hides when a tooltip brings its own widget. */
  label = find_shown_label (popup);
  g_assert_nonnull (label);
  return gtk_label_get_text (GTK_LABEL (label));
}

/* Runs the main loop until GTK shows a tooltip over @window, as it does once the pointer
 * rests; bounded only so that a broken build fails instead of hanging. */
static const char *
wait_for_tooltip (GtkWindow *window)
{
  gint64 give_up = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (get_shown_tooltip (window) == NULL && g_get_monotonic_time () < give_up)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }

  return get_shown_tooltip (window);
}

/* Whether GTK would show a tooltip for @widget if the pointer rested on it now. */
static gboolean
has_tooltip_to_show (GtkWidget *widget)
{
  g_autoptr(GObject) tooltip = g_object_new (GTK_TYPE_TOOLTIP, NULL);
  gboolean shown = FALSE;

  g_signal_emit_by_name (widget, "query-tooltip", 1, 1, FALSE, tooltip, &shown);
  return shown;
}

/* What a screen reader says about @widget beyond its name, or NULL when nothing. */
static char *
dup_description (GtkWidget *widget)
{
  if (!gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget),
                                         GTK_ACCESSIBLE_PROPERTY_DESCRIPTION))
    return NULL;

  /* Compared with nothing, it hands back what it holds. */
  return gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget),
                                             GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, "");
}

static GtkWindow *
find_toplevel (GType type)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) && gtk_widget_get_visible (l->data))
      return l->data;

  return NULL;
}

static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
find_by_tooltip (GtkWidget  *widget,
                 const char *tooltip)
{
  if (GTK_IS_BUTTON (widget) &&
      g_strcmp0 (gtk_widget_get_tooltip_text (widget), tooltip) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_by_tooltip (child, tooltip);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static char *
add_channel (HdStore       *store,
             HdChannelKind  kind,
             const char    *name,
             const char    *handle)
{
  g_autoptr(HdChannel) channel = hd_channel_new ();
  g_autoptr(GError) error = NULL;

  hd_channel_set_kind (channel, kind);
  hd_channel_set_display_name (channel, name);
  hd_channel_set_handle (channel, handle);
  hd_channel_set_state (channel, HD_CHANNEL_STATE_CONNECTED);
  g_assert_true (hd_store_save_channel (store, channel, &error));
  g_assert_no_error (error);

  return g_strdup (hd_channel_get_id (channel));
}

static HdComposerWindow *
open_composer (Fixture *fixture)
{
  HdComposerWindow *composer = hd_composer_window_new (fixture->store, fixture->settings);

  /* Nothing saves behind a test's back unless it asks for it. */
  hd_composer_window_set_autosave_delay (composer, 60 * 1000);
  gtk_window_present (GTK_WINDOW (composer));
  iterate ();
  g_object_add_weak_pointer (G_OBJECT (composer), (gpointer *) &fixture->composer);
  fixture->composer = composer;

  return composer;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  gboolean with_channels = GPOINTER_TO_INT (data);

  fixture->settings = g_object_ref (hd_application_get_settings (app));
  g_settings_reset (fixture->settings, "default-channels");
  g_settings_set_string (fixture->settings, "time-zone", "Europe/London");
  hd_application_open_workspace (app, HD_WORKSPACE_OWN);
  fixture->store = g_object_ref (hd_application_get_store (app));
  g_assert_nonnull (fixture->store);

  if (with_channels)
    {
      fixture->mastodon_id = add_channel (fixture->store, HD_CHANNEL_KIND_MASTODON,
                                          "Crumb Bakery", "crumb@bakers.social");
      fixture->bluesky_id = add_channel (fixture->store, HD_CHANNEL_KIND_BLUESKY,
                                         "Crumb on Bluesky", "crumb.bsky.social");
      fixture->x_id = add_channel (fixture->store, HD_CHANNEL_KIND_X, "Crumb on X", "crumbbakery");
    }
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GList) toplevels = NULL;

  if (fixture->composer != NULL)
    gtk_window_destroy (GTK_WINDOW (fixture->composer));
  iterate ();
  g_assert_null (fixture->composer);

  /* Every window the composer opened has gone with it. */
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    gtk_window_destroy (l->data);
  iterate ();

  g_clear_object (&fixture->store);
  g_clear_object (&fixture->settings);
  g_free (fixture->x_id);
  g_free (fixture->mastodon_id);
  g_free (fixture->bluesky_id);
}

static void
type_text (GtkTextView *view,
           const char  *text)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);

  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_insert_interactive_at_cursor (buffer, text, -1, TRUE);
  gtk_text_buffer_end_user_action (buffer);
}

static char *
view_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
show_tab (HdComposerWindow *composer,
          HdVariantEditor  *editor)
{
  GtkWidget *notebook = gtk_widget_get_parent (GTK_WIDGET (editor));

  while (!GTK_IS_NOTEBOOK (notebook))
    notebook = gtk_widget_get_parent (notebook);
  gtk_notebook_set_current_page (GTK_NOTEBOOK (notebook),
                                 gtk_notebook_page_num (GTK_NOTEBOOK (notebook),
                                                        GTK_WIDGET (editor)));
  iterate ();
}

static guint
count_pending (Fixture *fixture)
{
  guint n = 0;

  g_assert_true (hd_store_count_pending_changes (fixture->store, &n, NULL));
  return n;
}

static gint64
utc_instant (int year, int month, int day, int hour, int minute)
{
  g_autoptr(GDateTime) when = g_date_time_new_utc (year, month, day, hour, minute, 0);

  return g_date_time_to_unix (when);
}

static HdPost *
load_post (Fixture    *fixture,
           const char *id)
{
  g_autoptr(GError) error = NULL;
  HdPost *post = hd_store_load_post (fixture->store, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (post);

  return post;
}

static void
test_variants_follow_master (Fixture       *fixture,
                             gconstpointer  data)
{
  HdComposerWindow *composer = open_composer (fixture);
  GtkTextView *master = _hd_composer_window_get_master_view (composer);
  HdVariantEditor *x = _hd_composer_window_get_editor (composer, fixture->x_id);
  HdVariantEditor *bluesky = _hd_composer_window_get_editor (composer, fixture->bluesky_id);
  g_autofree char *shown = NULL;
  GtkWidget *reset;

  /* No default channels set: a new post goes to every channel. */
  g_assert_nonnull (x);
  g_assert_nonnull (bluesky);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (
    _hd_composer_window_get_chip (composer, fixture->mastodon_id))));

  type_text (master, "Fresh sourdough");
  g_assert_cmpstr (hd_variant_editor_get_text (x), ==, "Fresh sourdough");
  g_assert_cmpstr (hd_variant_editor_get_text (bluesky), ==, "Fresh sourdough");

  /* X gets words of its own. */
  show_tab (composer, x);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (hd_variant_editor_get_text_view (x)),
                            "Sourdough, fresh out of the oven", -1);
  g_assert_true (hd_variant_editor_get_overridden (x));
  reset = find_button (GTK_WIDGET (x), "_Use main text");
  g_assert_nonnull (reset);
  g_assert_true (gtk_widget_get_visible (reset));

  /* The main text moves on; only the channels that follow it move along. */
  type_text (master, " on Saturday");
  g_assert_cmpstr (hd_variant_editor_get_text (bluesky), ==, "Fresh sourdough on Saturday");
  g_assert_cmpstr (hd_variant_editor_get_text (x), ==, "Sourdough, fresh out of the oven");

  show_tab (composer, bluesky);
  shown = view_text (hd_variant_editor_get_text_view (bluesky));
  g_assert_cmpstr (shown, ==, "Fresh sourdough on Saturday");

  /* "Use main text" brings X back in line. */
  show_tab (composer, x);
  g_signal_emit_by_name (reset, "clicked");
  iterate ();
  g_assert_false (hd_variant_editor_get_overridden (x));
  g_assert_false (gtk_widget_get_visible (reset));
  g_assert_cmpstr (hd_variant_editor_get_text (x), ==, "Fresh sourdough on Saturday");
  type_text (master, "!");
  g_assert_cmpstr (hd_variant_editor_get_text (x), ==, "Fresh sourdough on Saturday!");
}

static void
test_counters (Fixture       *fixture,
               gconstpointer  data)
{
  HdComposerWindow *composer = open_composer (fixture);
  HdVariantEditor *x = _hd_composer_window_get_editor (composer, fixture->x_id);
  HdVariantEditor *mastodon = _hd_composer_window_get_editor (composer, fixture->mastodon_id);
  HdVariantEditor *bluesky = _hd_composer_window_get_editor (composer, fixture->bluesky_id);
  g_autofree char *bluesky_expected = NULL;

  type_text (_hd_composer_window_get_master_view (composer), FAMILY " " LONG_URL);

  /* X: the emoji weighs 2 and the URL 23. */
  g_assert_cmpuint (hd_variant_editor_get_count (x)->used, ==, 26);
  g_assert_cmpstr (hd_variant_editor_get_counter_text (x), ==, "26 / 280");
  g_assert_cmpstr (_hd_composer_window_get_chip_counter (composer, fixture->x_id), ==, "254");

  /* Mastodon: one grapheme for the family and 23 for the URL. */
  g_assert_cmpuint (hd_variant_editor_get_count (mastodon)->used, ==, 25);
  g_assert_cmpstr (hd_variant_editor_get_counter_text (mastodon), ==, "25 / 500");

  /* Bluesky counts the URL as written. */
  g_assert_cmpuint (hd_variant_editor_get_count (bluesky)->used, ==, 2 + strlen (LONG_URL));
  bluesky_expected = g_strdup_printf ("%u / 300", (guint) (2 + strlen (LONG_URL)));
  g_assert_cmpstr (hd_variant_editor_get_counter_text (bluesky), ==, bluesky_expected);

  g_assert_false (hd_variant_editor_is_blocked (x));
  g_assert_false (hd_variant_editor_is_blocked (bluesky));
}

static char *
repeat (const char *word,
        guint       times)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < times; i++)
    g_string_append (text, word);

  return g_string_free (text, FALSE);
}

static void
set_schedule (HdComposerWindow *composer,
              const char       *zone,
              int year, int month, int day, int hour, int minute)
{
  HdSchedulePicker *picker = _hd_composer_window_get_schedule_picker (composer);

  hd_schedule_picker_set_time_zone (picker, zone);
  g_assert_cmpstr (hd_schedule_picker_get_time_zone (picker), ==, zone);
  hd_schedule_picker_set_wall_time (picker, year, month, day, hour, minute);
}

static void
test_over_limit_blocks_only_x (Fixture       *fixture,
                               gconstpointer  data)
{
  HdComposerWindow *composer = open_composer (fixture);
  HdVariantEditor *x = _hd_composer_window_get_editor (composer, fixture->x_id);
  GtkWidget *x_chip = _hd_composer_window_get_chip (composer, fixture->x_id);
  g_autofree char *text = repeat ("Rye. ", 58);   /* 290 characters */
  g_autofree char *post_id = NULL;
  g_autoptr(HdPost) post = NULL;
  g_autoptr(GListModel) drafts = NULL;
  HdVariant *held;
  g_autofree char *description = NULL;
  guint n_posts = 0;
  AdwMessageDialog *dialog;

  type_text (_hd_composer_window_get_master_view (composer), text);
  post_id = g_strdup (hd_composer_window_get_post_id (composer));

  g_assert_true (hd_variant_editor_is_blocked (x));
  g_assert_cmpstr (_hd_composer_window_get_chip_counter (composer, fixture->x_id), ==, "-10");
  description = dup_description (x_chip);
  g_assert_cmpstr (description, ==, "10 characters over X’s limit of 280");
  g_assert_false (hd_variant_editor_is_blocked (
    _hd_composer_window_get_editor (composer, fixture->mastodon_id)));

  set_schedule (composer, "Europe/London", 2030, 6, 3, 10, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (composer), "composer.schedule", NULL));
  iterate ();

  /* The user is asked first, and told which channel waits. */
  dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (dialog), "Crumb on X"));
  g_assert_nonnull (fixture->composer);
  g_assert_cmpuint (count_pending (fixture), ==, 0);

  adw_message_dialog_response (dialog, "continue");
  iterate ();
  g_assert_null (fixture->composer);

  post = load_post (fixture, post_id);
  g_assert_cmpint (hd_post_get_state (post), ==, HD_POST_STATE_SCHEDULED);
  g_assert_cmpint (hd_post_get_scheduled_at (post), ==, utc_instant (2030, 6, 3, 9, 0));
  g_assert_cmpint (hd_variant_get_state (hd_post_find_variant (post, fixture->mastodon_id)), ==,
                   HD_POST_STATE_SCHEDULED);
  g_assert_cmpint (hd_variant_get_state (hd_post_find_variant (post, fixture->bluesky_id)), ==,
                   HD_POST_STATE_SCHEDULED);
  /* One publish per channel that goes out, none for X. */
  g_assert_cmpuint (count_pending (fixture), ==, 2);

  /* X's version stays in the same post as a draft to fix, with what was typed for it. */
  held = hd_post_find_variant (post, fixture->x_id);
  g_assert_nonnull (held);
  g_assert_cmpint (hd_variant_get_state (held), ==, HD_POST_STATE_DRAFT);
  g_assert_cmpstr (hd_post_get_text (post), ==, text);

  /* No second post was made for it. */
  drafts = hd_store_list_posts_in_state (fixture->store, HD_POST_STATE_DRAFT, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (drafts), ==, 0);
  g_assert_true (hd_store_count_posts (fixture->store, &n_posts, NULL));
  g_assert_cmpuint (n_posts, ==, 1);
}

/* The chips are made again whenever the list of channels changes: ask for one each time. */
static GtkWidget *
get_chip (Fixture    *fixture,
          const char *channel_id)
{
  GtkWidget *chip = _hd_composer_window_get_chip (fixture->composer, channel_id);

  g_assert_nonnull (chip);
  return chip;
}

/* The chip of a channel the text is too long for says by how much, to the eye in its tooltip
 * and to a screen reader in its description, and neither lags behind the typing. */
static void
test_over_limit_tooltip (Fixture       *fixture,
                         gconstpointer  data)
{
  HdComposerWindow *composer = open_composer (fixture);
  GtkTextView *master = _hd_composer_window_get_master_view (composer);
  g_autofree char *text = repeat ("Rye. ", 58);   /* 290 characters */
  g_autofree char *description = NULL;
  int start_x, start_y;

  /* Written while the pointer rests on the text; then it comes to rest on the chip. */
  get_pointer (&start_x, &start_y);
  move_pointer_onto (GTK_WIDGET (master));
  type_text (master, text);
  iterate ();
  type_text (master, "Rye. ");
  iterate ();
  move_pointer_onto (get_chip (fixture, fixture->x_id));
  g_assert_cmpstr (wait_for_tooltip (GTK_WINDOW (composer)), ==,
                   "15 characters over X’s limit of 280");
  description = dup_description (get_chip (fixture, fixture->x_id));
  g_assert_cmpstr (description, ==, "15 characters over X’s limit of 280");
  g_clear_pointer (&description, g_free);

  /* Typing on while the tooltip shows: it follows the count. */
  type_text (master, "Rye");
  iterate ();
  g_assert_cmpstr (get_shown_tooltip (GTK_WINDOW (composer)), ==,
                   "18 characters over X’s limit of 280");
  description = dup_description (get_chip (fixture, fixture->x_id));
  g_assert_cmpstr (description, ==, "18 characters over X’s limit of 280");
  g_clear_pointer (&description, g_free);

  /* A channel the text fits has nothing to add. */
  move_pointer_onto (get_chip (fixture, fixture->mastodon_id));
  iterate ();
  g_assert_null (get_shown_tooltip (GTK_WINDOW (composer)));
  g_assert_false (has_tooltip_to_show (get_chip (fixture, fixture->mastodon_id)));
  g_assert_null (dup_description (get_chip (fixture, fixture->mastodon_id)));

  /* Cut back under the limit while the pointer rests on X's chip: its tooltip goes, and so
   * does the description. */
  move_pointer_onto (get_chip (fixture, fixture->x_id));
  g_assert_nonnull (wait_for_tooltip (GTK_WINDOW (composer)));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (master), "Rye.", -1);
  iterate ();
  g_assert_null (get_shown_tooltip (GTK_WINDOW (composer)));
  g_assert_null (dup_description (get_chip (fixture, fixture->x_id)));
  g_assert_cmpstr (_hd_composer_window_get_chip_counter (composer, fixture->x_id), ==, "276");

  /* Over again with the pointer still resting there: the tooltip comes back, current. */
  type_text (master, text);
  g_assert_cmpstr (wait_for_tooltip (GTK_WINDOW (composer)), ==,
                   "14 characters over X’s limit of 280");
  description = dup_description (get_chip (fixture, fixture->x_id));
  g_assert_cmpstr (description, ==, "14 characters over X’s limit of 280");

  /* The other tests find the pointer where the X server put it. */
  set_pointer (start_x, start_y);
  iterate ();
}

static void
test_over_limit_cancel (Fixture       *fixture,
                        gconstpointer  data)
{
  HdComposerWindow *composer = open_composer (fixture);
  g_autofree char *text = repeat ("Rye. ", 58);
  guint n_posts = 0;
  AdwMessageDialog *dialog;

  type_text (_hd_composer_window_get_master_view (composer), text);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (composer), "composer.publish-now",
                                             NULL));
  iterate ();

  dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "cancel");
  iterate ();

  /* Choosing to fix it first leaves everything as it was. */
  g_assert_nonnull (fixture->composer);
  g_assert_true (hd_store_count_posts (fixture->store, &n_posts, NULL));
  g_assert_cmpuint (n_posts, ==, 0);
  g_assert_cmpuint (count_pending (fixture), ==, 0);
}

static void
test_schedule_in_zone (Fixture       *fixture,
                       gconstpointer  data)
{
  HdComposerWindow *composer = open_composer (fixture);
  g_autofree char *post_id = NULL;
  g_autoptr(HdPost) post = NULL;

  type_text (_hd_composer_window_get_master_view (composer), "Bagels are back");
  post_id = g_strdup (hd_composer_window_get_post_id (composer));

  set_schedule (composer, "America/New_York", 2030, 1, 15, 9, 30);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (composer), "composer.schedule", NULL));
  iterate ();
  g_assert_null (fixture->composer);

  post = load_post (fixture, post_id);
  g_assert_cmpint (hd_post_get_state (post), ==, HD_POST_STATE_SCHEDULED);
  /* 09:30 in New York in January is 14:30 UTC. */
  g_assert_cmpint (hd_post_get_scheduled_at (post), ==, utc_instant (2030, 1, 15, 14, 30));
  g_assert_cmpstr (hd_post_get_time_zone (post), ==, "America/New_York");
  g_assert_cmpuint (g_list_model_get_n_items (hd_post_get_variants (post)), ==, 3);
  g_assert_cmpuint (count_pending (fixture), ==, 3);
}

static void
test_refused_times (Fixture       *fixture,
                    gconstpointer  data)
{
  HdComposerWindow *composer = open_composer (fixture);
  const char *error;
  guint n_posts = 0;

  type_text (_hd_composer_window_get_master_view (composer), "Hot cross buns");

  /* London's clocks jump from 01:00 to 02:00 on 31 March 2030. */
  set_schedule (composer, "Europe/London", 2030, 3, 31, 1, 30);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (composer), "composer.schedule", NULL));
  iterate ();
  g_assert_nonnull (fixture->composer);
  error = _hd_composer_window_get_schedule_error (composer);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error, "01:30 does not exist on 31 March 2030 in Europe/London"));

  set_schedule (composer, "Europe/London", 2020, 5, 1, 9, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (composer), "composer.schedule", NULL));
  iterate ();
  g_assert_nonnull (fixture->composer);
  g_assert_cmpstr (_hd_composer_window_get_schedule_error (composer), ==,
                   "That time has already passed. Pick a time in the future.");

  g_assert_true (hd_store_count_posts (fixture->store, &n_posts, NULL));
  g_assert_cmpuint (n_posts, ==, 0);
  g_assert_cmpuint (count_pending (fixture), ==, 0);

  /* A time that exists goes through. */
  set_schedule (composer, "Europe/London", 2030, 3, 31, 2, 30);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (composer), "composer.schedule", NULL));
  iterate ();
  g_assert_null (fixture->composer);
  g_assert_cmpuint (count_pending (fixture), ==, 3);
}

static void
test_publish_now (Fixture       *fixture,
                  gconstpointer  data)
{
  HdComposerWindow *composer = open_composer (fixture);
  gint64 before = g_get_real_time () / G_USEC_PER_SEC;
  g_autofree char *post_id = NULL;
  g_autoptr(HdPost) post = NULL;

  type_text (_hd_composer_window_get_master_view (composer), "Doors open in five minutes");
  post_id = g_strdup (hd_composer_window_get_post_id (composer));
  g_assert_cmpuint (count_pending (fixture), ==, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (composer), "composer.publish-now",
                                             NULL));
  iterate ();
  g_assert_null (fixture->composer);

  post = load_post (fixture, post_id);
  g_assert_cmpint (hd_post_get_state (post), ==, HD_POST_STATE_SCHEDULED);
  g_assert_cmpint (hd_post_get_scheduled_at (post), >=, before);
  g_assert_cmpint (hd_post_get_scheduled_at (post), <=, g_get_real_time () / G_USEC_PER_SEC);
  g_assert_cmpuint (count_pending (fixture), ==, 3);
}

static void
test_save_draft (Fixture       *fixture,
                 gconstpointer  data)
{
  HdComposerWindow *composer = open_composer (fixture);
  g_autofree char *post_id = NULL;
  g_autoptr(HdPost) post = NULL;
  guint n_posts = 0;

  /* Nothing written, nothing saved. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (composer), "composer.save-draft",
                                             NULL));
  iterate ();
  g_assert_nonnull (fixture->composer);
  g_assert_cmpstr (_hd_composer_window_get_schedule_error (composer), ==,
                   "Write something first.");
  g_assert_true (hd_store_count_posts (fixture->store, &n_posts, NULL));
  g_assert_cmpuint (n_posts, ==, 0);

  type_text (_hd_composer_window_get_master_view (composer), "Idea: a loyalty card");
  post_id = g_strdup (hd_composer_window_get_post_id (composer));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (composer), "composer.save-draft",
                                             NULL));
  iterate ();
  g_assert_null (fixture->composer);

  post = load_post (fixture, post_id);
  g_assert_cmpint (hd_post_get_state (post), ==, HD_POST_STATE_DRAFT);
  g_assert_cmpstr (hd_post_get_text (post), ==, "Idea: a loyalty card");
  /* No day was picked: the draft stays undated, and drafts send nothing. */
  g_assert_cmpint (hd_post_get_scheduled_at (post), ==, 0);
  g_assert_cmpuint (count_pending (fixture), ==, 0);
}

static void
test_autosave (Fixture       *fixture,
               gconstpointer  data)
{
  HdComposerWindow *composer = open_composer (fixture);
  GtkTextView *master = _hd_composer_window_get_master_view (composer);
  g_autoptr(GError) error = NULL;
  g_autofree char *post_id = NULL;
  guint n_posts = 0;

  /* The delay stands for the user's pause: a minute while the test looks at what happens
   * during typing, then next to nothing to let the pause come. Nothing depends on how fast
   * the machine runs. */
  post_id = g_strdup (hd_composer_window_get_post_id (composer));

  type_text (master, "Pumpkin loaf");
  iterate ();
  /* Still typing: not saved yet. */
  g_assert_true (hd_store_count_posts (fixture->store, &n_posts, NULL));
  g_assert_cmpuint (n_posts, ==, 0);
  g_assert_cmpstr (_hd_composer_window_get_status (composer), ==, "Not saved yet");

  hd_composer_window_set_autosave_delay (composer, 1);
  wait_for_status (composer, "Draft saved");
  {
    g_autoptr(HdPost) post = load_post (fixture, post_id);

    g_assert_cmpstr (hd_post_get_text (post), ==, "Pumpkin loaf");
    g_assert_cmpint (hd_post_get_state (post), ==, HD_POST_STATE_DRAFT);
  }

  /* Typing on: not saved while typing, saved again after the pause. */
  hd_composer_window_set_autosave_delay (composer, 60 * 1000);
  type_text (master, " season");
  iterate ();
  g_assert_cmpstr (_hd_composer_window_get_status (composer), ==, "Not saved yet");
  {
    g_autoptr(HdPost) post = load_post (fixture, post_id);

    g_assert_cmpstr (hd_post_get_text (post), ==, "Pumpkin loaf");
  }
  hd_composer_window_set_autosave_delay (composer, 1);
  wait_for_status (composer, "Draft saved");
  {
    g_autoptr(HdPost) post = load_post (fixture, post_id);

    g_assert_cmpstr (hd_post_get_text (post), ==, "Pumpkin loaf season");
  }

  /* Closing straight after typing keeps the last words too. */
  hd_composer_window_set_autosave_delay (composer, 60 * 1000);
  type_text (master, " starts");
  gtk_window_close (GTK_WINDOW (composer));
  iterate ();
  g_assert_null (fixture->composer);
  {
    g_autoptr(HdPost) post = load_post (fixture, post_id);

    g_assert_cmpstr (hd_post_get_text (post), ==, "Pumpkin loaf season starts");
  }

  g_assert_true (hd_store_count_posts (fixture->store, &n_posts, &error));
  g_assert_cmpuint (n_posts, ==, 1);
}

static void
test_close_empty (Fixture       *fixture,
                  gconstpointer  data)
{
  HdComposerWindow *composer = open_composer (fixture);
  GtkTextView *master = _hd_composer_window_get_master_view (composer);
  guint n_posts = 0;

  hd_composer_window_set_autosave_delay (composer, 50);

  /* Typed, autosaved, then all taken back: no empty draft remains. */
  type_text (master, "x");
  wait_for_status (composer, "Draft saved");
  g_assert_true (hd_store_count_posts (fixture->store, &n_posts, NULL));
  g_assert_cmpuint (n_posts, ==, 1);

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (master), "", -1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (composer), "window.close", NULL));
  iterate ();
  g_assert_null (fixture->composer);
  g_assert_true (hd_store_count_posts (fixture->store, &n_posts, NULL));
  g_assert_cmpuint (n_posts, ==, 0);
}

/* The tab that shows @editor's channel, or NULL when the channel is not chosen. */
static GtkWidget *
get_tab_label (HdVariantEditor *editor)
{
  GtkWidget *notebook = gtk_widget_get_parent (GTK_WIDGET (editor));

  while (notebook != NULL && !GTK_IS_NOTEBOOK (notebook))
    notebook = gtk_widget_get_parent (notebook);

  return notebook != NULL ? gtk_notebook_get_tab_label (GTK_NOTEBOOK (notebook),
                                                        GTK_WIDGET (editor))
                          : NULL;
}

/* Someone opens and closes the composer many times a day: nothing of it may stay behind,
 * neither its editors nor the tabs it showed, also a tab taken away and put back. */
static void
test_close_frees_tabs (Fixture       *fixture,
                       gconstpointer  data)
{
  HdComposerWindow *composer = open_composer (fixture);
  const char *ids[] = { fixture->mastodon_id, fixture->bluesky_id, fixture->x_id };
  gpointer editors[G_N_ELEMENTS (ids)];
  gpointer tabs[G_N_ELEMENTS (ids) + 1];
  GtkToggleButton *bluesky_chip;

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      editors[i] = _hd_composer_window_get_editor (composer, ids[i]);
      g_assert_nonnull (editors[i]);
      g_object_add_weak_pointer (editors[i], &editors[i]);
      tabs[i] = get_tab_label (editors[i]);
      g_assert_nonnull (tabs[i]);
      g_object_add_weak_pointer (tabs[i], &tabs[i]);
    }

  /* Bluesky taken out of the post and put back: its first tab goes, a new one comes. */
  bluesky_chip = GTK_TOGGLE_BUTTON (_hd_composer_window_get_chip (composer, fixture->bluesky_id));
  gtk_toggle_button_set_active (bluesky_chip, FALSE);
  iterate ();
  g_assert_null (get_tab_label (editors[1]));
  g_assert_null (tabs[1]);
  gtk_toggle_button_set_active (bluesky_chip, TRUE);
  iterate ();
  tabs[G_N_ELEMENTS (ids)] = get_tab_label (editors[1]);
  g_assert_nonnull (tabs[G_N_ELEMENTS (ids)]);
  g_object_add_weak_pointer (tabs[G_N_ELEMENTS (ids)], &tabs[G_N_ELEMENTS (ids)]);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (composer), "window.close", NULL));
  iterate ();
  g_assert_null (fixture->composer);
  for (guint i = 0; i < G_N_ELEMENTS (editors); i++)
    g_assert_null (editors[i]);
  for (guint i = 0; i < G_N_ELEMENTS (tabs); i++)
    g_assert_null (tabs[i]);
}

static void
test_undo_redo (Fixture       *fixture,
                gconstpointer  data)
{
  HdComposerWindow *composer = open_composer (fixture);
  GtkTextView *master = _hd_composer_window_get_master_view (composer);
  HdVariantEditor *x = _hd_composer_window_get_editor (composer, fixture->x_id);
  g_autofree char *after_undo = NULL;
  g_autofree char *after_redo = NULL;

  type_text (master, "Croissants sold out");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (master), "text.undo", NULL));
  after_undo = view_text (master);
  g_assert_cmpstr (after_undo, ==, "");
  g_assert_cmpstr (hd_variant_editor_get_text (x), ==, "");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (master), "text.redo", NULL));
  after_redo = view_text (master);
  g_assert_cmpstr (after_redo, ==, "Croissants sold out");
  g_assert_cmpstr (hd_variant_editor_get_text (x), ==, "Croissants sold out");
}

static char *
write_png (const char *name,
           int         width,
           int         height,
           gboolean    noisy)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (g_get_tmp_dir (), name, NULL);
  guchar *pixels = gdk_pixbuf_get_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width * 3; x++)
      pixels[y * stride + x] = noisy ? g_random_int_range (0, 256) : (guchar) (x + y);

  g_assert_true (gdk_pixbuf_save (pixbuf, path, "png", &error, NULL));
  g_assert_no_error (error);

  return path;
}

static void
wait_for_imports (HdComposerWindow *composer)
{
  gint64 end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (_hd_composer_window_get_n_importing (composer) > 0)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_main_context_iteration (NULL, TRUE);
    }
  iterate ();
}

static HdMediaTile *
first_tile (HdComposerWindow *composer)
{
  GtkWidget *flow = _hd_composer_window_get_media_box (composer);
  GtkWidget *child = gtk_widget_get_first_child (flow);

  g_assert_nonnull (child);
  return HD_MEDIA_TILE (gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child)));
}

static GtkPicture *
find_picture (GtkWidget *widget)
{
  if (GTK_IS_PICTURE (widget))
    return GTK_PICTURE (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkPicture *found = find_picture (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
test_media (Fixture       *fixture,
            gconstpointer  data)
{
  HdComposerWindow *composer = open_composer (fixture);
  g_autofree char *png = write_png ("herald-loaf.png", 64, 48, FALSE);
  g_autoptr(GFile) file = g_file_new_for_path (png);
  g_autofree char *post_id = NULL;
  g_autofree char *sha256 = NULL;
  g_autoptr(HdPost) post = NULL;
  g_autoptr(HdMedia) stored = NULL;
  HdMediaTile *tile;
  GtkPicture *picture;
  HdMedia *media;

  type_text (_hd_composer_window_get_master_view (composer), "Our new loaf");
  post_id = g_strdup (hd_composer_window_get_post_id (composer));

  _hd_composer_window_import (composer, file);
  wait_for_imports (composer);

  g_assert_cmpuint (_hd_composer_window_get_media (composer)->len, ==, 1);
  media = g_ptr_array_index (_hd_composer_window_get_media (composer), 0);
  sha256 = g_strdup (hd_media_get_sha256 (media));
  g_assert_cmpstr (hd_media_get_mime_type (media), ==, "image/png");

  /* A thumbnail shows, with a place for its alt text. */
  tile = first_tile (composer);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (tile)));
  picture = find_picture (GTK_WIDGET (tile));
  g_assert_nonnull (gtk_picture_get_paintable (picture));
  g_assert_cmpint (gdk_paintable_get_intrinsic_width (gtk_picture_get_paintable (picture)), ==,
                   64);

  gtk_editable_set_text (hd_media_tile_get_alt_entry (tile), "A round loaf on a board");

  /* The same picture twice is one attachment. */
  _hd_composer_window_import (composer, file);
  wait_for_imports (composer);
  g_assert_cmpuint (_hd_composer_window_get_media (composer)->len, ==, 1);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (composer), "composer.save-draft",
                                             NULL));
  iterate ();
  g_assert_null (fixture->composer);

  stored = hd_store_load_media (fixture->store, sha256, NULL);
  g_assert_nonnull (stored);
  g_assert_cmpstr (hd_media_get_alt_text (stored), ==, "A round loaf on a board");

  post = load_post (fixture, post_id);
  for (guint i = 0; i < g_list_model_get_n_items (hd_post_get_variants (post)); i++)
    {
      g_autoptr(HdVariant) variant = g_list_model_get_item (hd_post_get_variants (post), i);
      const char * const *shas = hd_variant_get_media (variant);

      g_assert_nonnull (shas);
      g_assert_cmpstr (shas[0], ==, sha256);
      g_assert_null (shas[1]);
    }

  /* Opening the post again brings its picture back. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "edit-post",
                                  g_variant_new_string (post_id));
  iterate ();
  composer = HD_COMPOSER_WINDOW (find_toplevel (HD_TYPE_COMPOSER_WINDOW));
  g_assert_nonnull (composer);
  fixture->composer = composer;
  g_object_add_weak_pointer (G_OBJECT (composer), (gpointer *) &fixture->composer);
  g_assert_cmpuint (_hd_composer_window_get_media (composer)->len, ==, 1);
  tile = first_tile (composer);
  g_assert_cmpstr (gtk_editable_get_text (hd_media_tile_get_alt_entry (tile)), ==,
                   "A round loaf on a board");
}

static void
test_shrink_for_bluesky (Fixture       *fixture,
                         gconstpointer  data)
{
  HdComposerWindow *composer = open_composer (fixture);
  g_autofree char *png = write_png ("herald-noise.png", 720, 720, TRUE);
  g_autoptr(GFile) file = g_file_new_for_path (png);
  HdVariantEditor *bluesky = _hd_composer_window_get_editor (composer, fixture->bluesky_id);
  HdVariantEditor *x = _hd_composer_window_get_editor (composer, fixture->x_id);
  g_autoptr(GPtrArray) chosen = NULL;
  g_autoptr(GPtrArray) x_chosen = NULL;
  GtkWidget *shrink;
  HdMedia *original;

  type_text (_hd_composer_window_get_master_view (composer), "Texture");
  _hd_composer_window_import (composer, file);
  wait_for_imports (composer);
  original = g_ptr_array_index (_hd_composer_window_get_media (composer), 0);
  g_assert_cmpint (hd_media_get_bytes (original), >=, 1000000);

  /* Too big for Bluesky, fine for X. */
  g_assert_true (hd_variant_editor_is_blocked (bluesky));
  g_assert_cmpuint (hd_variant_editor_get_media_problems (bluesky)->len, >, 0);
  g_assert_false (hd_variant_editor_is_blocked (x));

  show_tab (composer, bluesky);
  shrink = find_button (GTK_WIDGET (bluesky), "_Shrink for Bluesky");
  g_assert_nonnull (shrink);
  g_assert_true (gtk_widget_get_visible (shrink));
  g_signal_emit_by_name (shrink, "clicked");
  iterate ();

  chosen = hd_variant_editor_dup_chosen_media (bluesky);
  g_assert_cmpuint (chosen->len, ==, 1);
  g_assert_cmpint (hd_media_get_bytes (g_ptr_array_index (chosen, 0)), <, 1000000);
  g_assert_cmpstr (hd_media_get_mime_type (g_ptr_array_index (chosen, 0)), ==, "image/jpeg");
  g_assert_false (hd_variant_editor_is_blocked (bluesky));
  g_assert_false (gtk_widget_get_visible (shrink));

  /* The other channels keep the full picture. */
  x_chosen = hd_variant_editor_dup_chosen_media (x);
  g_assert_cmpuint (x_chosen->len, ==, 1);
  g_assert_true (g_ptr_array_index (x_chosen, 0) == original);
}

static void
test_snippets (Fixture       *fixture,
               gconstpointer  data)
{
  HdComposerWindow *composer = open_composer (fixture);
  GtkTextView *master = _hd_composer_window_get_master_view (composer);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (master);
  g_autoptr(HdSnippet) snippet = hd_snippet_new ();
  g_autoptr(GListModel) snippets = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  HdSnippetPopover *popover;
  GtkWidget *insert;
  GtkTextIter iter, end;

  hd_snippet_set_kind (snippet, HD_SNIPPET_KIND_HASHTAGS);
  hd_snippet_set_name (snippet, "Bakery tags");
  hd_snippet_set_text (snippet, "#sourdough #bakery");
  g_assert_true (hd_store_save_snippet (fixture->store, snippet, &error));
  g_assert_no_error (error);
  iterate ();

  type_text (master, "Fresh today. Thanks, Ana");
  /* Cursor after "today." */
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, strlen ("Fresh today."));
  gtk_text_buffer_place_cursor (buffer, &iter);
  gtk_widget_grab_focus (GTK_WIDGET (master));

  popover = _hd_composer_window_get_snippet_popover (composer);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (composer), "composer.show-snippets",
                                             NULL));
  iterate ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));

  insert = find_by_tooltip (GTK_WIDGET (popover), "#sourdough #bakery");
  g_assert_nonnull (insert);
  g_signal_emit_by_name (insert, "clicked");
  iterate ();

  text = view_text (master);
  g_assert_cmpstr (text, ==, "Fresh today. #sourdough #bakery Thanks, Ana");
  g_assert_cmpstr (hd_variant_editor_get_text (
                     _hd_composer_window_get_editor (composer, fixture->x_id)), ==, text);

  /* Select the signature and keep it. */
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_get_iter_at_offset (buffer, &iter,
                                      g_utf8_strlen (text, -1) - strlen ("Thanks, Ana"));
  gtk_text_buffer_select_range (buffer, &iter, &end);
  gtk_widget_activate_action (GTK_WIDGET (composer), "composer.show-snippets", NULL);
  iterate ();
  g_assert_true (hd_snippet_popover_save_selection (popover, "Sign-off", &error));
  g_assert_no_error (error);

  snippets = hd_store_list_snippets (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (snippets), ==, 2);
  {
    g_autoptr(HdSnippet) saved = g_list_model_get_item (snippets, 1);

    g_assert_cmpstr (hd_snippet_get_name (saved), ==, "Sign-off");
    g_assert_cmpstr (hd_snippet_get_text (saved), ==, "Thanks, Ana");
    g_assert_cmpint (hd_snippet_get_kind (saved), ==, HD_SNIPPET_KIND_SIGNATURE);
  }
}

/* Saving from inside an open popover (Ctrl+S reaches the window from there) closes the window
 * over it: the popover goes with the window instead of living on, unseen, with its hold on the
 * application's other windows. */
static void
test_close_over_popover (Fixture       *fixture,
                         gconstpointer  data)
{
  for (guint i = 0; i < 2; i++)
    {
      HdComposerWindow *composer = open_composer (fixture);
      GtkWidget *popover;

      type_text (_hd_composer_window_get_master_view (composer), "Rye is back on Friday");
      if (i == 0)
        {
          popover = GTK_WIDGET (_hd_composer_window_get_snippet_popover (composer));
          g_assert_true (gtk_widget_activate_action (GTK_WIDGET (composer),
                                                     "composer.show-snippets", NULL));
        }
      else
        {
          GtkWidget *calendar = find_widget_of_type (GTK_WIDGET (composer), "GtkCalendar");

          g_assert_nonnull (calendar);
          popover = gtk_widget_get_ancestor (calendar, GTK_TYPE_POPOVER);
          g_assert_nonnull (popover);
          gtk_popover_popup (GTK_POPOVER (popover));
        }
      iterate ();
      g_assert_true (gtk_widget_get_mapped (popover));

      g_object_add_weak_pointer (G_OBJECT (popover), (gpointer *) &popover);
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (composer), "composer.save-draft",
                                                 NULL));
      iterate ();
      g_assert_null (fixture->composer);
      g_assert_null (popover);
    }
}

static void
test_add_to_queue (Fixture       *fixture,
                   gconstpointer  data)
{
  HdComposerWindow *composer = open_composer (fixture);
  g_autoptr(GError) error = NULL;
  g_autofree char *post_id = NULL;
  g_autoptr(HdPost) post = NULL;
  g_autoptr(GTimeZone) london = g_time_zone_new_identifier ("Europe/London");
  g_autoptr(GDateTime) when = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  AdwMessageDialog *dialog;

  type_text (_hd_composer_window_get_master_view (composer), "Weekly special");
  post_id = g_strdup (hd_composer_window_get_post_id (composer));

  /* Bluesky has no posting times: the user is told where to set them. */
  g_assert_true (hd_store_set_queue_slots (fixture->store, fixture->mastodon_id,
                                           "daily 09:30", &error));
  g_assert_no_error (error);
  g_assert_true (hd_store_set_queue_slots (fixture->store, fixture->x_id, "daily 09:30",
                                           &error));
  g_assert_no_error (error);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (composer), "composer.add-to-queue",
                                             NULL));
  iterate ();
  dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Crumb on Bluesky"));
  adw_message_dialog_response (dialog, "close");
  iterate ();
  g_assert_nonnull (fixture->composer);
  g_assert_cmpuint (count_pending (fixture), ==, 0);

  g_assert_true (hd_store_set_queue_slots (fixture->store, fixture->bluesky_id, "daily 09:30",
                                           &error));
  g_assert_no_error (error);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (composer), "composer.add-to-queue",
                                             NULL));
  iterate ();
  g_assert_null (fixture->composer);

  post = load_post (fixture, post_id);
  g_assert_cmpint (hd_post_get_state (post), ==, HD_POST_STATE_SCHEDULED);
  g_assert_cmpint (hd_post_get_scheduled_at (post), >, now);
  g_assert_cmpint (hd_post_get_scheduled_at (post), <=, now + 24 * 60 * 60);
  when = g_date_time_new_from_unix_utc (hd_post_get_scheduled_at (post));
  {
    g_autoptr(GDateTime) local = g_date_time_to_timezone (when, london);

    g_assert_cmpint (g_date_time_get_hour (local), ==, 9);
    g_assert_cmpint (g_date_time_get_minute (local), ==, 30);
  }
  g_assert_cmpuint (count_pending (fixture), ==, 3);
}

static void
test_new_post_at (Fixture       *fixture,
                  gconstpointer  data)
{
  gint64 instant = utc_instant (2030, 7, 1, 16, 0);
  HdComposerWindow *composer;
  gint64 shown = 0;
  g_autoptr(GError) error = NULL;

  g_action_group_activate_action (G_ACTION_GROUP (app), "new-post-at",
                                  g_variant_new_int64 (instant));
  iterate ();

  composer = HD_COMPOSER_WINDOW (find_toplevel (HD_TYPE_COMPOSER_WINDOW));
  g_assert_nonnull (composer);
  fixture->composer = composer;
  g_object_add_weak_pointer (G_OBJECT (composer), (gpointer *) &fixture->composer);

  g_assert_true (hd_schedule_picker_get_instant (_hd_composer_window_get_schedule_picker (composer),
                                                 0, &shown, &error));
  g_assert_no_error (error);
  g_assert_cmpint (shown, ==, instant);

  /* A draft written there keeps the slot it was started from. */
  type_text (_hd_composer_window_get_master_view (composer), "Summer opening hours");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (composer), "composer.save-draft",
                                             NULL));
  iterate ();
  g_assert_null (fixture->composer);
  {
    g_autoptr(GListModel) drafts = hd_store_list_posts_in_state (fixture->store,
                                                                 HD_POST_STATE_DRAFT, NULL);
    g_autoptr(HdPost) post = g_list_model_get_item (drafts, 0);

    g_assert_cmpint (hd_post_get_scheduled_at (post), ==, instant);
  }
}

static void
test_edit_post (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(HdPost) post = hd_post_new ();
  g_autoptr(HdVariant) x_variant = hd_variant_new ();
  g_autoptr(HdVariant) mastodon_variant = hd_variant_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(HdPost) saved = NULL;
  g_autofree char *master_text = NULL;
  HdComposerWindow *composer;
  HdVariantEditor *x, *mastodon;

  hd_post_set_text (post, "Rye is back on Thursday");
  hd_post_set_state (post, HD_POST_STATE_SCHEDULED);
  hd_post_set_scheduled_at (post, utc_instant (2030, 9, 5, 8, 0));
  hd_post_set_time_zone (post, "Europe/London");
  hd_variant_set_channel_id (x_variant, fixture->x_id);
  hd_variant_set_text (x_variant, "Rye: back Thursday");
  hd_variant_set_state (x_variant, HD_POST_STATE_SCHEDULED);
  hd_variant_set_channel_id (mastodon_variant, fixture->mastodon_id);
  hd_variant_set_first_comment (mastodon_variant, "Pre-order in the shop");
  hd_variant_set_state (mastodon_variant, HD_POST_STATE_SCHEDULED);
  hd_post_add_variant (post, x_variant);
  hd_post_add_variant (post, mastodon_variant);
  g_assert_true (hd_store_save_post (fixture->store, post, &error));
  g_assert_no_error (error);

  g_action_group_activate_action (G_ACTION_GROUP (app), "edit-post",
                                  g_variant_new_string (hd_post_get_id (post)));
  iterate ();
  composer = HD_COMPOSER_WINDOW (find_toplevel (HD_TYPE_COMPOSER_WINDOW));
  g_assert_nonnull (composer);
  fixture->composer = composer;
  g_object_add_weak_pointer (G_OBJECT (composer), (gpointer *) &fixture->composer);

  master_text = hd_composer_window_dup_text (composer);
  g_assert_cmpstr (master_text, ==, "Rye is back on Thursday");
  g_assert_cmpstr (hd_composer_window_get_post_id (composer), ==, hd_post_get_id (post));

  /* Only its own channels are chosen, each as it was written. */
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (
    _hd_composer_window_get_chip (composer, fixture->bluesky_id))));
  x = _hd_composer_window_get_editor (composer, fixture->x_id);
  mastodon = _hd_composer_window_get_editor (composer, fixture->mastodon_id);
  g_assert_true (hd_variant_editor_get_overridden (x));
  g_assert_cmpstr (hd_variant_editor_get_text (x), ==, "Rye: back Thursday");
  g_assert_false (hd_variant_editor_get_overridden (mastodon));
  g_assert_cmpstr (hd_variant_editor_get_first_comment (mastodon), ==, "Pre-order in the shop");

  /* A second request brings the same window forward. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "edit-post",
                                  g_variant_new_string (hd_post_get_id (post)));
  iterate ();
  {
    g_autoptr(GList) toplevels = gtk_window_list_toplevels ();
    guint n = 0;

    for (GList *l = toplevels; l != NULL; l = l->next)
      n += HD_IS_COMPOSER_WINDOW (l->data);
    g_assert_cmpuint (n, ==, 1);
  }

  /* Editing a scheduled post keeps it scheduled at its time. */
  type_text (_hd_composer_window_get_master_view (composer), "!");
  gtk_window_close (GTK_WINDOW (composer));
  iterate ();
  saved = load_post (fixture, hd_post_get_id (post));
  g_assert_cmpint (hd_post_get_state (saved), ==, HD_POST_STATE_SCHEDULED);
  g_assert_cmpint (hd_post_get_scheduled_at (saved), ==, utc_instant (2030, 9, 5, 8, 0));
  g_assert_cmpstr (hd_post_get_text (saved), ==, "Rye is back on Thursday!");
  g_assert_cmpstr (hd_variant_get_text (hd_post_find_variant (saved, fixture->x_id)), ==,
                   "Rye: back Thursday");
  g_assert_cmpuint (count_pending (fixture), ==, 2);
}

static void
test_no_channels (Fixture       *fixture,
                  gconstpointer  data)
{
  HdComposerWindow *composer = open_composer (fixture);
  g_autofree char *post_id = NULL;
  g_autoptr(HdPost) post = NULL;

  g_assert_true (gtk_widget_get_visible (_hd_composer_window_get_no_channels_row (composer)));
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (composer), "composer.schedule",
                                              NULL) &&
                  fixture->composer == NULL);

  type_text (_hd_composer_window_get_master_view (composer), "Write now, post later");
  post_id = g_strdup (hd_composer_window_get_post_id (composer));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (composer), "composer.save-draft",
                                             NULL));
  iterate ();
  g_assert_null (fixture->composer);

  post = load_post (fixture, post_id);
  g_assert_cmpint (hd_post_get_state (post), ==, HD_POST_STATE_DRAFT);
  g_assert_cmpstr (hd_post_get_text (post), ==, "Write now, post later");
}

static void
test_default_channels (Fixture       *fixture,
                       gconstpointer  data)
{
  const char *defaults[] = { NULL, NULL };
  HdComposerWindow *composer;

  defaults[0] = fixture->bluesky_id;
  g_settings_set_strv (fixture->settings, "default-channels", defaults);
  composer = open_composer (fixture);

  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (
    _hd_composer_window_get_chip (composer, fixture->bluesky_id))));
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (
    _hd_composer_window_get_chip (composer, fixture->x_id))));
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (
    _hd_composer_window_get_chip (composer, fixture->mastodon_id))));
}

static void
test_preview_markup (void)
{
  g_autofree char *markup = hd_post_preview_markup ("New #rye loaf by @ana@bakers.social: "
                                                    "see example.com/rye & <enjoy>", "#3584e4");

  g_assert_cmpstr (markup, ==,
                   "New <span foreground=\"#3584e4\">#rye</span> loaf by "
                   "<span foreground=\"#3584e4\">@ana@bakers.social</span>: see "
                   "<span foreground=\"#3584e4\">example.com/rye</span> &amp; &lt;enjoy&gt;");
}

static void
test_narrow (Fixture       *fixture,
             gconstpointer  data)
{
  HdComposerWindow *composer = open_composer (fixture);
  int minimum = 0;

  gtk_widget_measure (adw_window_get_content (ADW_WINDOW (composer)),
                      GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_assert_cmpint (minimum, <=, 360);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) data_dirs = NULL;
  g_autoptr(GPtrArray) mime_dirs = NULL;
  GtkIconTheme *icon_theme;
  int status;

  data_dirs = g_strsplit (g_getenv ("XDG_DATA_DIRS") != NULL ? g_getenv ("XDG_DATA_DIRS")
                                                            : "/usr/local/share:/usr/share",
                          ":", -1);

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  /* GTK's test backend keeps what a screen reader would be told, for the tests to read. */
  g_setenv ("GTK_A11Y", "test", TRUE);

  app = g_object_new (HD_TYPE_APPLICATION,
                      "application-id", APP_ID,
                      "flags", G_APPLICATION_NON_UNIQUE,
                      NULL);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  icon_theme = gtk_icon_theme_get_for_display (gdk_display_get_default ());
  mime_dirs = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; data_dirs[i] != NULL; i++)
    {
      g_autofree char *icons = g_build_filename (data_dirs[i], "icons", NULL);

      gtk_icon_theme_add_search_path (icon_theme, icons);
      g_ptr_array_add (mime_dirs, g_build_filename (data_dirs[i], "mime", NULL));
    }
  g_ptr_array_add (mime_dirs, NULL);
  /* Sniffing an image's type needs the MIME database, which isolation hides. */
  g_content_type_set_mime_dirs ((const char * const *) mime_dirs->pdata);

#define ADD(path, func, channels) \
  g_test_add ("/herald/composer/" path, Fixture, GINT_TO_POINTER (channels), \
              fixture_set_up, func, fixture_tear_down)

  ADD ("variants-follow-master", test_variants_follow_master, TRUE);
  ADD ("counters", test_counters, TRUE);
  ADD ("over-limit-blocks-only-x", test_over_limit_blocks_only_x, TRUE);
  ADD ("over-limit-tooltip", test_over_limit_tooltip, TRUE);
  ADD ("over-limit-cancel", test_over_limit_cancel, TRUE);
  ADD ("schedule-in-zone", test_schedule_in_zone, TRUE);
  ADD ("refused-times", test_refused_times, TRUE);
  ADD ("publish-now", test_publish_now, TRUE);
  ADD ("save-draft", test_save_draft, TRUE);
  ADD ("autosave", test_autosave, TRUE);
  ADD ("close-empty", test_close_empty, TRUE);
  ADD ("close-frees-tabs", test_close_frees_tabs, TRUE);
  ADD ("undo-redo", test_undo_redo, TRUE);
  ADD ("media", test_media, TRUE);
  ADD ("shrink-for-bluesky", test_shrink_for_bluesky, TRUE);
  ADD ("snippets", test_snippets, TRUE);
  ADD ("close-over-popover", test_close_over_popover, TRUE);
  ADD ("add-to-queue", test_add_to_queue, TRUE);
  ADD ("new-post-at", test_new_post_at, TRUE);
  ADD ("edit-post", test_edit_post, TRUE);
  ADD ("no-channels", test_no_channels, FALSE);
  ADD ("default-channels", test_default_channels, TRUE);
  ADD ("narrow", test_narrow, TRUE);
  g_test_add_func ("/herald/composer/preview-markup", test_preview_markup);

#undef ADD

  status = g_test_run ();

  g_object_unref (app);

  return status;
}
