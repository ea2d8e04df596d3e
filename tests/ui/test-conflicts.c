/* test-conflicts.c: posts changed on their platform, and campaigns, ad sets and ads changed
 * in Ads Manager, shown first in the Changes view with both versions, and answered there (or
 * in the campaign editor) with Keep mine or Take theirs
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-test"

#include "hd-test-ui.h"

#include "campaigns/hd-campaign-editor.h"
#include "changes/hd-changes-window.h"
#include "hd-ad-account.h"
#include "hd-channels.h"
#include "hd-store-ad-accounts.h"
#include "hd-store-ads-sync.h"
#include "hd-store-campaigns.h"
#include "hd-store-channels.h"
#include "hd-store-conflicts.h"
#include "hd-store-outbox.h"
#include "hd-store-posts.h"

static HdStore *
store (void)
{
  return hd_application_get_store (test_app);
}

/* A Mastodon channel that needs reconnecting, so nothing in this test reaches a network. */
static HdChannel *
add_channel (void)
{
  g_autoptr(GError) error = NULL;
  HdChannel *channel = hd_channel_new ();

  hd_channel_set_kind (channel, HD_CHANNEL_KIND_MASTODON);
  hd_channel_set_display_name (channel, "Bakery toots");
  hd_channel_set_base_url (channel, "https://example.social");
  hd_channel_set_remote_account_id (channel, "1");
  hd_channel_set_state (channel, HD_CHANNEL_STATE_NEEDS_RECONNECT);
  g_assert_true (hd_store_save_channel (store (), channel, &error));
  g_assert_no_error (error);

  return channel;
}

/* A post out on @channel as @remote_id that the platform holds otherwise now; returns the
 * variant's id. */
static char *
add_conflict (HdChannel      *channel,
              const char     *text,
              const char     *remote_id,
              HdConflictKind  kind,
              const char     *remote_text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdPost) post = hd_post_new ();
  g_autoptr(HdVariant) variant = hd_variant_new ();
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  hd_post_set_text (post, text);
  hd_post_set_state (post, HD_POST_STATE_PUBLISHED);
  hd_post_set_scheduled_at (post, now - 3600);
  hd_post_set_time_zone (post, "Europe/London");
  hd_variant_set_channel_id (variant, hd_channel_get_id (channel));
  hd_variant_set_state (variant, HD_POST_STATE_PUBLISHED);
  hd_variant_set_remote_id (variant, remote_id);
  hd_post_add_variant (post, variant);
  g_assert_true (hd_store_save_post (store (), post, &error));
  g_assert_no_error (error);
  g_assert_true (hd_store_note_conflict (store (), hd_variant_get_id (variant), kind,
                                         remote_text, now, &error));
  g_assert_no_error (error);

  return g_strdup (hd_variant_get_id (variant));
}

static gboolean
has_label (GtkWidget  *widget,
           const char *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget) &&
      g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_label (child, text))
      return TRUE;

  return FALSE;
}

/* A visible label under @widget whose text holds @part and, unless NULL, @other_part. */
static GtkWidget *
find_label_with (GtkWidget  *widget,
                 const char *part,
                 const char *other_part)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget) &&
      strstr (gtk_label_get_label (GTK_LABEL (widget)), part) != NULL &&
      (other_part == NULL || strstr (gtk_label_get_label (GTK_LABEL (widget)), other_part)))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label_with (child, part, other_part);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
find_button_for (GtkWidget  *widget,
                 const char *action_name)
{
  if (GTK_IS_BUTTON (widget) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action_name) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button_for (child, action_name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Not a check: with HERALD_RENDER_DIR set, the view is drawn to PNG files there, light and
 * dark, at its own width and a phone's, for a person to look at. */
static void
render_to (GtkWidget  *window,
           const char *dir,
           const char *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (window);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = g_strdup_printf ("%s.png", name);
  g_autofree char *path = g_build_filename (dir, file, NULL);
  int width = gtk_widget_get_width (window);
  int height = gtk_widget_get_height (window);

  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_to_node (snapshot);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  gdk_texture_save_to_png (texture, path);
}

static void
render_sizes (GtkWidget  *window,
              const char *base)
{
  const char *dir = g_getenv ("HERALD_RENDER_DIR");
  static const struct { int width; int height; const char *name; } sizes[] = {
    { 600, 640, "" },
    { 360, 640, "-narrow" },
  };

  if (dir == NULL)
    return;

  for (guint dark = 0; dark < 2; dark++)
    {
      adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                          dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                               : ADW_COLOR_SCHEME_FORCE_LIGHT);
      for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
        {
          g_autofree char *name = g_strconcat (base, sizes[i].name, dark ? "-dark" : "", NULL);

          gtk_window_set_default_size (GTK_WINDOW (window), sizes[i].width, sizes[i].height);
          for (guint tries = 0; tries < 200 && gtk_widget_get_width (window) != sizes[i].width;
               tries++)
            {
              test_iterate ();
              g_usleep (10000);
            }
          g_usleep (200000);
          test_iterate ();
          render_to (window, dir, name);
        }
    }
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_DEFAULT);
}

static HdRemoteVariant *
load (const char *variant_id)
{
  g_autoptr(GError) error = NULL;
  HdRemoteVariant *variant = hd_store_load_remote_variant (store (), variant_id, &error);

  g_assert_no_error (error);
  return variant;
}

static void
test_conflicts_group (void)
{
  g_autoptr(HdChannel) channel = NULL;
  g_autofree char *edited = NULL;
  g_autofree char *deleted = NULL;
  g_autoptr(HdRemoteVariant) after_edit = NULL;
  g_autoptr(HdRemoteVariant) after_delete = NULL;
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(GError) error = NULL;
  HdChangesWindow *changes;
  HdWindow *window;
  GtkWidget *row;
  GtkWidget *group;
  guint n_conflicts = 99;

  test_open_workspace (HD_WORKSPACE_OWN);
  channel = add_channel ();
  edited = add_conflict (channel, "Rye today", "109", HD_CONFLICT_EDITED, "Rye tomorrow");
  deleted = add_conflict (channel, "Buns at noon", "110", HD_CONFLICT_DELETED, NULL);
  window = test_open_window ();
  /* The header says so before the view is open. */
  test_iterate ();
  g_assert_true (has_label (GTK_WIDGET (window), "2 posts changed elsewhere"));
  changes = hd_changes_window_new (test_app, GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (changes));
  test_iterate ();
  render_sizes (GTK_WIDGET (changes), "conflicts");

  /* With nothing to send, the conflicts alone fill the view, in a group of their own at the
   * top, each with both texts. */
  g_assert_cmpstr (hd_changes_window_get_page (changes), ==, "list");
  row = hd_changes_window_find_conflict_row (changes, edited);
  g_assert_nonnull (row);
  group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);
  g_assert_cmpstr (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (group)), ==,
                   "Conflicts");
  g_assert_null (gtk_widget_get_prev_sibling (group));
  g_assert_true (has_label (row, "Bakery toots · edited there"));
  g_assert_true (has_label (row, "On Mastodon now"));
  g_assert_true (has_label (row, "Rye tomorrow"));
  g_assert_true (has_label (row, "In Herald"));
  g_assert_true (has_label (row, "Rye today"));
  g_assert_true (has_label (row, "Keep mine edits the post on Mastodon back to your text."));
  g_assert_true (gtk_widget_get_ancestor (hd_changes_window_find_conflict_row (changes, deleted),
                                          ADW_TYPE_PREFERENCES_GROUP) == group);

  /* Take theirs: the platform's text becomes Herald's, and nothing is queued. */
  g_signal_emit_by_name (find_button_for (row, "changes.take-theirs"), "clicked");
  test_iterate ();
  after_edit = load (edited);
  g_assert_cmpint (after_edit->conflict, ==, HD_CONFLICT_NONE);
  g_assert_cmpstr (after_edit->text, ==, "Rye tomorrow");
  g_assert_null (hd_changes_window_find_conflict_row (changes, edited));
  pending = hd_store_list_changes (store (), NULL, HD_OUTBOX_STATE_PENDING, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pending->len, ==, 0);
  g_clear_pointer (&pending, g_ptr_array_unref);

  /* Keep mine on a deleted post: it goes out again, once. */
  row = hd_changes_window_find_conflict_row (changes, deleted);
  g_assert_true (has_label (row, "Bakery toots · deleted there"));
  g_signal_emit_by_name (find_button_for (row, "changes.keep-mine"), "clicked");
  test_iterate ();
  after_delete = load (deleted);
  g_assert_cmpint (after_delete->conflict, ==, HD_CONFLICT_NONE);
  g_assert_null (hd_changes_window_find_conflict_row (changes, deleted));
  pending = hd_store_list_changes (store (), NULL, HD_OUTBOX_STATE_PENDING, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pending->len, ==, 1);
  g_assert_cmpstr (((HdChange *) g_ptr_array_index (pending, 0))->operation, ==, "publish");

  hd_store_count_conflicts (store (), &n_conflicts, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_conflicts, ==, 0);

  test_close_all ();
}

/* Ad objects */

/* A campaign on a pound account with one ad set of £20.00 a day, both on Meta, whose Facebook
 * channel needs reconnecting so nothing reaches a network. */
static void
add_ad_objects (const char  *campaign_name,
                const char  *ad_set_name,
                char       **campaign_id,
                char       **ad_set_id)
{
  static guint n_accounts;
  g_autoptr(GError) error = NULL;
  g_autoptr(HdChannel) channel = hd_channel_new ();
  g_autoptr(HdAdAccount) account = hd_ad_account_new ();
  g_autoptr(HdCampaign) campaign = hd_campaign_new ();
  g_autoptr(HdAdSet) ad_set = hd_ad_set_new ();
  g_autofree char *account_remote_id = g_strdup_printf ("act_%u", 1001 + n_accounts);
  g_autofree char *page_id = g_strdup_printf ("%u", 1122334455 + n_accounts);
  g_autofree char *campaign_remote_id = g_strdup_printf ("1200%u", n_accounts);
  g_autofree char *ad_set_remote_id = g_strdup_printf ("2380%u", n_accounts);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  n_accounts++;
  hd_channel_set_kind (channel, HD_CHANNEL_KIND_FACEBOOK_PAGE);
  hd_channel_set_display_name (channel, "Hill Street Bakery");
  hd_channel_set_base_url (channel, "https://graph.facebook.com/v19.0");
  hd_channel_set_remote_account_id (channel, page_id);
  hd_channel_set_state (channel, HD_CHANNEL_STATE_NEEDS_RECONNECT);
  g_assert_true (hd_store_save_channel (store (), channel, &error));
  g_assert_no_error (error);

  hd_ad_account_set_channel_id (account, hd_channel_get_id (channel));
  hd_ad_account_set_remote_id (account, account_remote_id);
  hd_ad_account_set_name (account, "Bakery ads");
  hd_ad_account_set_currency (account, "GBP");
  hd_ad_account_set_time_zone (account, "Europe/London");
  g_assert_true (hd_store_save_ad_account (store (), account, &error));
  g_assert_no_error (error);

  hd_campaign_set_account_id (campaign, hd_ad_account_get_id (account));
  hd_campaign_set_name (campaign, campaign_name);
  hd_campaign_set_objective (campaign, "OUTCOME_TRAFFIC");
  hd_campaign_set_special_ad_categories (campaign, "[]");
  hd_campaign_set_status (campaign, HD_AD_STATUS_PAUSED);
  g_assert_true (hd_store_save_campaign (store (), campaign, &error));
  g_assert_no_error (error);

  hd_ad_set_set_campaign_id (ad_set, hd_campaign_get_id (campaign));
  hd_ad_set_set_name (ad_set, ad_set_name);
  hd_ad_set_set_budget_kind (ad_set, HD_BUDGET_KIND_DAILY);
  hd_ad_set_set_budget_minor (ad_set, 2000);
  hd_ad_set_set_currency (ad_set, "GBP");
  hd_ad_set_set_time_zone (ad_set, "Europe/London");
  hd_ad_set_set_starts_at (ad_set, now - 86400);
  hd_ad_set_set_status (ad_set, HD_AD_STATUS_ACTIVE);
  g_assert_true (hd_store_save_ad_set (store (), ad_set, &error));
  g_assert_no_error (error);

  g_assert_true (hd_store_mark_ad_object_synced (store (), HD_OUTBOX_SUBJECT_CAMPAIGN,
                                                 hd_campaign_get_id (campaign),
                                                 campaign_remote_id,
                                                 "{\"status\":\"PAUSED\"}", &error));
  g_assert_no_error (error);
  g_assert_true (hd_store_mark_ad_object_synced (store (), HD_OUTBOX_SUBJECT_AD_SET,
                                                 hd_ad_set_get_id (ad_set), ad_set_remote_id,
                                                 "{\"daily_budget\":\"2000\"}", &error));
  g_assert_no_error (error);

  *campaign_id = g_strdup (hd_campaign_get_id (campaign));
  *ad_set_id = g_strdup (hd_ad_set_get_id (ad_set));
}

/* What a pull records when the owner raised the budget to £25.00 in Ads Manager. */
static void
raise_budget_on_meta (const char *ad_set_id)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (hd_store_set_ad_object_conflict (store (), HD_OUTBOX_SUBJECT_AD_SET, ad_set_id,
                                                  "{\"daily_budget\":\"2500\"}", &error));
  g_assert_no_error (error);
}

/* And when they turned the campaign on there. */
static void
turn_on_on_meta (const char *campaign_id)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (hd_store_set_ad_object_conflict (store (), HD_OUTBOX_SUBJECT_CAMPAIGN,
                                                  campaign_id, "{\"status\":\"ACTIVE\"}",
                                                  &error));
  g_assert_no_error (error);
}

/* The Keep mine or Take theirs button (@action_name) of the object @id. */
static GtkWidget *
find_answer (GtkWidget  *widget,
             const char *action_name,
             const char *id)
{
  if (GTK_IS_BUTTON (widget) && gtk_widget_get_visible (widget) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action_name) == 0)
    {
      GVariant *target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (widget));
      const char *target_id = NULL;

      if (target != NULL && g_variant_is_of_type (target, G_VARIANT_TYPE ("(ss)")))
        g_variant_get (target, "(&s&s)", NULL, &target_id);
      if (g_strcmp0 (target_id, id) == 0)
        return widget;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_answer (child, action_name, id);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The rows waiting in the outbox for @subject_id. */
static GPtrArray *
list_pending_for (const char *subject_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pending = hd_store_list_changes (store (), NULL,
                                                        HD_OUTBOX_STATE_PENDING, &error);
  GPtrArray *found = g_ptr_array_new ();

  g_assert_no_error (error);
  for (guint i = 0; i < pending->len; i++)
    {
      HdChange *change = g_ptr_array_index (pending, i);

      if (g_strcmp0 (change->subject_id, subject_id) == 0)
        g_ptr_array_add (found, g_strdup (change->operation));
    }
  g_ptr_array_set_free_func (found, g_free);

  return found;
}

static gboolean
is_in_conflict (const char *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) conflicts = hd_store_list_ad_conflicts (store (), &error);

  g_assert_no_error (error);
  for (guint i = 0; i < conflicts->len; i++)
    if (g_strcmp0 (((HdAdConflict *) g_ptr_array_index (conflicts, i))->id, id) == 0)
      return TRUE;

  return FALSE;
}

static void
test_ad_keep_mine (void)
{
  g_autofree char *campaign_id = NULL;
  g_autofree char *ad_set_id = NULL;
  g_autoptr(HdAdSet) ad_set = NULL;
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(GError) error = NULL;
  HdChangesWindow *changes;
  HdWindow *window;
  GtkWidget *row;
  GtkWidget *campaign_row;
  GtkWidget *group;

  test_open_workspace (HD_WORKSPACE_OWN);
  add_ad_objects ("Spring menu", "Weekday lunch", &campaign_id, &ad_set_id);
  raise_budget_on_meta (ad_set_id);
  turn_on_on_meta (campaign_id);
  window = test_open_window ();
  changes = hd_changes_window_new (test_app, GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (changes));
  test_iterate ();
  render_sizes (GTK_WIDGET (changes), "ad-conflicts");

  /* The header counts them with the posts' conflicts. */
  g_assert_true (has_label (GTK_WIDGET (window), "2 changes made elsewhere"));

  /* One row per object, in the Conflicts group at the top, saying what Meta holds and what
   * Herald has, in pounds and in words. */
  g_assert_nonnull (find_answer (GTK_WIDGET (changes), "changes.keep-mine-ad", ad_set_id));
  row = gtk_widget_get_ancestor (find_answer (GTK_WIDGET (changes), "changes.keep-mine-ad",
                                              ad_set_id),
                                 ADW_TYPE_PREFERENCES_ROW);
  group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);
  g_assert_cmpstr (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (group)), ==,
                   "Conflicts");
  g_assert_null (gtk_widget_get_prev_sibling (group));
  g_assert_true (has_label (row, "Ad set “Weekday lunch”"));
  g_assert_nonnull (find_label_with (row, "£25.00", "£20.00"));
  g_assert_true (has_label (row, "Changed in Ads Manager: daily budget £25.00 "
                                 "(Herald has £20.00)"));
  campaign_row = gtk_widget_get_ancestor (find_answer (GTK_WIDGET (changes),
                                                       "changes.keep-mine-ad", campaign_id),
                                          ADW_TYPE_PREFERENCES_ROW);
  g_assert_true (gtk_widget_get_ancestor (campaign_row, ADW_TYPE_PREFERENCES_GROUP) == group);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (campaign_row)), ==,
                   "Campaign “Spring menu”: changed in Ads Manager — status Active "
                   "(Herald has Paused)");

  /* Keep mine: Herald's £20.00 stays and waits to be sent as an update. */
  g_assert_cmpuint ((pending = list_pending_for (ad_set_id))->len, ==, 0);
  g_clear_pointer (&pending, g_ptr_array_unref);
  g_signal_emit_by_name (find_answer (row, "changes.keep-mine-ad", ad_set_id), "clicked");
  test_iterate ();
  pending = list_pending_for (ad_set_id);
  g_assert_cmpuint (pending->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (pending, 0), ==, "update");
  ad_set = hd_store_load_ad_set (store (), ad_set_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (hd_ad_set_get_budget_minor (ad_set), ==, 2000);
  g_assert_false (is_in_conflict (ad_set_id));
  g_assert_null (find_answer (GTK_WIDGET (changes), "changes.keep-mine-ad", ad_set_id));
  /* The campaign still waits for its answer. */
  g_assert_true (is_in_conflict (campaign_id));
  g_assert_nonnull (find_answer (GTK_WIDGET (changes), "changes.take-theirs-ad", campaign_id));

  test_close_all ();
}

static void
test_ad_take_theirs (void)
{
  g_autofree char *campaign_id = NULL;
  g_autofree char *ad_set_id = NULL;
  g_autoptr(HdAdSet) ad_set = NULL;
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(GError) error = NULL;
  HdChangesWindow *changes;
  HdWindow *window;

  test_open_workspace (HD_WORKSPACE_OWN);
  add_ad_objects ("Autumn menu", "Weekend brunch", &campaign_id, &ad_set_id);
  raise_budget_on_meta (ad_set_id);
  window = test_open_window ();
  changes = hd_changes_window_new (test_app, GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (changes));
  test_iterate ();

  /* Take theirs: the £25.00 set in Ads Manager becomes Herald's, and nothing is queued. */
  g_assert_true (find_label_with (GTK_WIDGET (changes), "£25.00", "£20.00") != NULL);
  g_signal_emit_by_name (find_answer (GTK_WIDGET (changes), "changes.take-theirs-ad",
                                      ad_set_id), "clicked");
  test_iterate ();
  ad_set = hd_store_load_ad_set (store (), ad_set_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (hd_ad_set_get_budget_kind (ad_set), ==, HD_BUDGET_KIND_DAILY);
  g_assert_cmpint (hd_ad_set_get_budget_minor (ad_set), ==, 2500);
  g_assert_null (hd_ad_set_get_conflict (ad_set));
  g_assert_false (is_in_conflict (ad_set_id));
  pending = list_pending_for (ad_set_id);
  g_assert_cmpuint (pending->len, ==, 0);
  g_assert_null (find_answer (GTK_WIDGET (changes), "changes.take-theirs-ad", ad_set_id));

  test_close_all ();
}

static void
test_ad_campaign_editor (void)
{
  g_autofree char *campaign_id = NULL;
  g_autofree char *ad_set_id = NULL;
  g_autofree char *other_campaign_id = NULL;
  g_autofree char *other_ad_set_id = NULL;
  g_autoptr(HdCampaign) campaign = NULL;
  g_autoptr(HdCampaign) after = NULL;
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *window;
  GtkWidget *editor;
  GtkWidget *group;
  GtkWidget *answer;

  test_open_workspace (HD_WORKSPACE_OWN);
  add_ad_objects ("Summer menu", "Evenings", &campaign_id, &ad_set_id);
  add_ad_objects ("Winter menu", "Mornings", &other_campaign_id, &other_ad_set_id);
  raise_budget_on_meta (ad_set_id);
  turn_on_on_meta (campaign_id);
  raise_budget_on_meta (other_ad_set_id);

  campaign = hd_store_load_campaign (store (), campaign_id, &error);
  g_assert_no_error (error);
  editor = hd_campaign_editor_new ();
  hd_campaign_editor_set_store (HD_CAMPAIGN_EDITOR (editor), store ());
  hd_campaign_editor_edit (HD_CAMPAIGN_EDITOR (editor), campaign);
  window = gtk_window_new ();
  gtk_window_set_child (GTK_WINDOW (window), editor);
  gtk_window_present (GTK_WINDOW (window));
  test_iterate ();
  render_sizes (window, "campaign-conflicts");

  /* At the top, what was changed in Ads Manager on this campaign and its ad sets only. */
  answer = find_answer (editor, "editor.keep-mine-ad", campaign_id);
  g_assert_nonnull (answer);
  group = gtk_widget_get_ancestor (answer, ADW_TYPE_PREFERENCES_GROUP);
  g_assert_true (gtk_widget_get_visible (group));
  g_assert_cmpstr (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (group)), ==,
                   "Conflicts");
  g_assert_null (gtk_widget_get_prev_sibling (group));
  g_assert_true (has_label (group, "Changed in Ads Manager: status Active (Herald has Paused)"));
  g_assert_true (has_label (group, "Changed in Ads Manager: daily budget £25.00 "
                                   "(Herald has £20.00)"));
  g_assert_nonnull (find_answer (editor, "editor.take-theirs-ad", ad_set_id));
  g_assert_null (find_answer (editor, "editor.take-theirs-ad", other_ad_set_id));

  /* Take theirs on the campaign: it is on in Herald too, and the editor shows it so. */
  g_signal_emit_by_name (find_answer (editor, "editor.take-theirs-ad", campaign_id), "clicked");
  test_iterate ();
  after = hd_store_load_campaign (store (), campaign_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (hd_campaign_get_status (after), ==, HD_AD_STATUS_ACTIVE);
  g_assert_false (is_in_conflict (campaign_id));
  g_assert_null (find_answer (editor, "editor.take-theirs-ad", campaign_id));
  g_assert_null (hd_campaign_editor_get_status (HD_CAMPAIGN_EDITOR (editor)));

  /* Keep mine on the ad set: its £20.00 is queued, and the row goes with the last conflict. */
  g_signal_emit_by_name (find_answer (editor, "editor.keep-mine-ad", ad_set_id), "clicked");
  test_iterate ();
  pending = list_pending_for (ad_set_id);
  g_assert_cmpuint (pending->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (pending, 0), ==, "update");
  g_assert_false (is_in_conflict (ad_set_id));
  g_assert_false (gtk_widget_get_visible (group));
  /* The other campaign's conflict is not this editor's to settle. */
  g_assert_true (is_in_conflict (other_ad_set_id));

  gtk_window_destroy (GTK_WINDOW (window));
  test_close_all ();
}

int
main (int   argc,
      char *argv[])
{
  int status;

  test_ui_init (&argc, &argv);

  g_test_add_func ("/herald/ui/conflicts/group-and-answers", test_conflicts_group);
  g_test_add_func ("/herald/ui/conflicts/ad-keep-mine", test_ad_keep_mine);
  g_test_add_func ("/herald/ui/conflicts/ad-take-theirs", test_ad_take_theirs);
  g_test_add_func ("/herald/ui/conflicts/ad-campaign-editor", test_ad_campaign_editor);

  status = g_test_run ();
  g_object_unref (test_app);

  return status;
}
