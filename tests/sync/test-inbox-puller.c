/* test-inbox-puller.c: what comes back from the channels read into the inbox round after
 * round against the fakes: only what is new, the user's marks kept, deleted comments marked,
 * a cursor that never runs ahead of what was stored, a channel without an inbox or over its
 * rate limit that leaves the others be
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define _GNU_SOURCE

#include <string.h>

#include "hd-test-channels.h"
#include "hd-fake-bluesky.h"
#include "hd-fake-facebook.h"
#include "hd-fake-mastodon.h"
#include "hd-inbox-puller.h"
#include "hd-store-inbox.h"
#include "hd-store-private.h"

#define MASTODON_TOKEN "mastodon-token-51c0de"
#define NOTIFICATIONS "/api/v1/notifications"

typedef struct
{
  TestEnv         env;
  HdFakeMastodon *mastodon_fake;
  HdFakeBluesky  *bluesky_fake;
  HdFakeFacebook *facebook_fake;
  HdChannel      *mastodon;
  HdChannel      *bluesky;
  HdChannel      *facebook;
  HdInboxPuller  *puller;
  /* the post Herald published on the Facebook Page */
  char           *page_post;
} Fixture;

static void
store_token (HdChannel  *channel,
             const char *token)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  hd_secrets_store_async (hd_channel_get_id (channel), HD_SECRET_KIND_ACCESS_TOKEN,
                          "Herald: access token", token, NULL, test_store_result, &result);
  g_assert_true (hd_secrets_store_finish (test_wait (&result), &error));
  g_assert_no_error (error);
}

static void
save_channel (Fixture   *fixture,
              HdChannel *channel)
{
  g_autoptr(GError) error = NULL;

  hd_store_save_channel (fixture->env.store, channel, &error);
  g_assert_no_error (error);
}

static void
add_mastodon (Fixture *fixture)
{
  fixture->mastodon_fake = hd_fake_mastodon_new ();
  fixture->mastodon_fake->now = TEST_NOW;
  fixture->mastodon_fake->access_token = g_strdup (MASTODON_TOKEN);

  fixture->mastodon = hd_channel_new ();
  hd_channel_set_kind (fixture->mastodon, HD_CHANNEL_KIND_MASTODON);
  hd_channel_set_display_name (fixture->mastodon, "Corner Bakery");
  hd_channel_set_handle (fixture->mastodon, "@bakery@bakery.example");
  hd_channel_set_base_url (fixture->mastodon, hd_fake_mastodon_get_url (fixture->mastodon_fake));
  hd_channel_set_remote_account_id (fixture->mastodon, fixture->mastodon_fake->account_id);
  hd_channel_set_state (fixture->mastodon, HD_CHANNEL_STATE_CONNECTED);
  save_channel (fixture, fixture->mastodon);
  store_token (fixture->mastodon, MASTODON_TOKEN);
}

static void
add_bluesky (Fixture *fixture)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  fixture->bluesky_fake = hd_fake_bluesky_new ();
  fixture->bluesky_fake->now = TEST_NOW;
  hd_bluesky_connect_async (fixture->env.http, fixture->env.store,
                            hd_fake_bluesky_get_url (fixture->bluesky_fake),
                            "@" HD_FAKE_BLUESKY_HANDLE, HD_FAKE_BLUESKY_APP_PASSWORD, NULL,
                            NULL, test_store_result, &result);
  fixture->bluesky = hd_bluesky_connect_finish (test_wait (&result), &error);
  g_assert_no_error (error);
}

/* A Page with one post Herald published there, which people comment on. */
static void
add_facebook (Fixture *fixture)
{
  g_autoptr(HdProvider) provider = NULL;
  g_autoptr(HdProviderPost) request = NULL;
  g_autoptr(HdProviderResult) published = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(HdPost) post = NULL;
  g_autofree char *graph = NULL;
  HdVariant *variant;

  fixture->facebook_fake = hd_fake_facebook_new ();
  fixture->facebook_fake->now = TEST_NOW;
  graph = hd_fake_facebook_get_graph_base (fixture->facebook_fake);

  fixture->facebook = hd_channel_new ();
  hd_channel_set_kind (fixture->facebook, HD_CHANNEL_KIND_FACEBOOK_PAGE);
  hd_channel_set_display_name (fixture->facebook, fixture->facebook_fake->page_name);
  hd_channel_set_base_url (fixture->facebook, graph);
  hd_channel_set_remote_account_id (fixture->facebook, fixture->facebook_fake->page_id);
  hd_channel_set_state (fixture->facebook, HD_CHANNEL_STATE_CONNECTED);
  save_channel (fixture, fixture->facebook);
  store_token (fixture->facebook, fixture->facebook_fake->page_token);

  provider = hd_provider_new_for_channel (fixture->env.http, fixture->env.store,
                                          fixture->facebook, &error);
  g_assert_no_error (error);
  post = test_save_draft (&fixture->env, fixture->facebook, "Rye and spelt are back.");
  request = test_provider_post (post, fixture->facebook, "publish-key-1", TEST_NOW);
  hd_provider_publish_async (provider, request, NULL, test_store_result, &result);
  published = hd_provider_publish_finish (provider, test_wait (&result), &error);
  g_assert_no_error (error);

  variant = hd_post_find_variant (post, hd_channel_get_id (fixture->facebook));
  hd_variant_set_remote_id (variant, published->remote_id);
  hd_variant_set_state (variant, HD_POST_STATE_PUBLISHED);
  hd_post_set_state (post, HD_POST_STATE_PUBLISHED);
  hd_post_set_published_at (post, TEST_NOW);
  hd_store_save_post (fixture->env.store, post, &error);
  g_assert_no_error (error);
  fixture->page_post = g_strdup (published->remote_id);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  test_env_init (&fixture->env);
  add_mastodon (fixture);
  fixture->puller = hd_inbox_puller_new (fixture->env.store, fixture->env.http);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->puller);
  g_clear_object (&fixture->mastodon);
  g_clear_object (&fixture->bluesky);
  g_clear_object (&fixture->facebook);
  g_clear_pointer (&fixture->mastodon_fake, hd_fake_mastodon_free);
  g_clear_pointer (&fixture->bluesky_fake, hd_fake_bluesky_free);
  g_clear_pointer (&fixture->facebook_fake, hd_fake_facebook_free);
  g_free (fixture->page_post);
  test_env_clear (&fixture->env);
}

static HdInboxPullReport *
pull (Fixture  *fixture,
      GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  hd_inbox_puller_pull_async (fixture->puller, fixture->env.now, NULL, test_store_result,
                              &result);
  return hd_inbox_puller_pull_finish (fixture->puller, test_wait (&result), error);
}

static HdInboxPullReport *
pull_ok (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  HdInboxPullReport *report = pull (fixture, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);

  return report;
}

static guint
count_unanswered (Fixture    *fixture,
                  HdChannel  *channel)
{
  g_autoptr(GError) error = NULL;
  guint n = G_MAXUINT;

  hd_store_count_unanswered_inbox (fixture->env.store,
                                   channel != NULL ? hd_channel_get_id (channel) : NULL, &n,
                                   &error);
  g_assert_no_error (error);

  return n;
}

static HdInboxItem *
find_by_remote_id (Fixture    *fixture,
                   const char *remote_id)
{
  g_autoptr(GListModel) items = NULL;
  g_autoptr(GError) error = NULL;

  items = hd_store_list_inbox_filtered (fixture->env.store, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(HdInboxItem) item = g_list_model_get_item (items, i);

      if (g_strcmp0 (hd_inbox_item_get_remote_id (item), remote_id) == 0)
        return g_steal_pointer (&item);
    }

  return NULL;
}

static char *
stored_cursor (Fixture   *fixture,
               HdChannel *channel,
               gint64    *since,
               char     **notice)
{
  g_autoptr(GError) error = NULL;
  char *cursor = NULL;
  gint64 ignored = 0;

  hd_store_get_inbox_cursor (fixture->env.store, hd_channel_get_id (channel),
                             since != NULL ? since : &ignored, &cursor, notice, &error);
  g_assert_no_error (error);

  return cursor;
}

static const char *
add_mention (Fixture    *fixture,
             const char *text,
             gint64      at)
{
  return hd_fake_mastodon_add_notification (fixture->mastodon_fake, "mention",
                                            "alice@crumbs.example", "Alice", text, NULL, at);
}

/* The second round asks from where the first stopped and brings only what is new. */
static void
test_incremental (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(HdInboxPullReport) first = NULL;
  g_autoptr(HdInboxPullReport) second = NULL;
  g_autoptr(HdInboxPullReport) third = NULL;
  g_autoptr(GListModel) all = NULL;
  g_autoptr(GHashTable) query = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *cursor = NULL;
  HdFakeRequest *request;

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *text = g_strdup_printf ("@bakery open on day %u?", i);

      add_mention (fixture, text, TEST_NOW - 600 + i);
    }

  first = pull_ok (fixture);
  g_assert_cmpuint (first->n_new, ==, 3);
  g_assert_cmpuint (first->n_read, ==, 1);
  g_assert_cmpuint (first->problems->len, ==, 0);
  g_assert_cmpuint (count_unanswered (fixture, NULL), ==, 3);
  cursor = stored_cursor (fixture, fixture->mastodon, NULL, NULL);
  g_assert_nonnull (cursor);

  /* Nothing new: nothing added, and the look started at the cursor. */
  hd_fake_server_clear_requests (fixture->mastodon_fake->server);
  second = pull_ok (fixture);
  g_assert_cmpuint (second->n_new, ==, 0);
  request = hd_fake_server_last (fixture->mastodon_fake->server, "GET", NOTIFICATIONS);
  g_assert_nonnull (request);
  query = soup_form_decode (request->query);
  g_assert_cmpstr (g_hash_table_lookup (query, "min_id"), ==, cursor);

  /* Two more: exactly those two, the three before untouched. */
  add_mention (fixture, "@bakery gluten free?", TEST_NOW + 10);
  add_mention (fixture, "@bakery vegan?", TEST_NOW + 20);
  fixture->env.now = TEST_NOW + 300;
  third = pull_ok (fixture);
  g_assert_cmpuint (third->n_new, ==, 2);
  g_assert_cmpuint (count_unanswered (fixture, fixture->mastodon), ==, 5);

  all = hd_store_list_inbox_filtered (fixture->env.store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (all), ==, 5);
  {
    g_autoptr(HdInboxItem) newest = g_list_model_get_item (all, 0);

    g_assert_cmpstr (hd_inbox_item_get_text (newest), ==, "@bakery vegan?");
  }
}

/* The store cannot keep what came: the round fails, the cursor stays where it was, and the
 * next round brings the same items again. */
static void
test_cursor_kept_when_storing_fails (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autoptr(HdInboxPullReport) failed = NULL;
  g_autoptr(HdInboxPullReport) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *cursor = NULL;
  sqlite3 *db = _hd_store_get_db (fixture->env.store);
  gint64 since = -1;

  add_mention (fixture, "@bakery first", TEST_NOW - 60);
  add_mention (fixture, "@bakery second", TEST_NOW - 30);

  /* The second insert fails, as a full disk would: the first must not stay either. */
  g_assert_cmpint (sqlite3_exec (db,
                                 "CREATE TEMP TRIGGER refuse_second BEFORE INSERT ON inbox_items"
                                 " WHEN (SELECT count(*) FROM inbox_items) >= 1"
                                 " BEGIN SELECT RAISE (ABORT, 'disk is full'); END;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);

  failed = pull (fixture, &error);
  g_assert_null (failed);
  g_assert_nonnull (error);
  g_assert_true (error->domain == HD_STORE_ERROR);
  g_clear_error (&error);

  cursor = stored_cursor (fixture, fixture->mastodon, &since, NULL);
  g_assert_null (cursor);
  g_assert_cmpint (since, ==, 0);
  g_assert_cmpuint (count_unanswered (fixture, NULL), ==, 0);

  g_assert_cmpint (sqlite3_exec (db, "DROP TRIGGER refuse_second", NULL, NULL, NULL), ==,
                   SQLITE_OK);
  again = pull_ok (fixture);
  g_assert_cmpuint (again->n_new, ==, 2);
  g_assert_cmpuint (count_unanswered (fixture, NULL), ==, 2);
  g_clear_pointer (&cursor, g_free);
  cursor = stored_cursor (fixture, fixture->mastodon, NULL, NULL);
  g_assert_nonnull (cursor);
}

/* A comment seen again keeps what the user did with it: done, hidden, the answer being
 * written, its id in Herald; its text follows the platform. */
static void
test_local_state_kept (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(HdInboxPullReport) report = NULL;
  g_autoptr(HdInboxItem) item = NULL;
  g_autoptr(HdInboxItem) again = NULL;
  g_autoptr(HdInboxItem) loaded = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_auto(HdInboxStatus) status = { 0, };
  g_autoptr(GError) error = NULL;
  const char *remote_id;
  guint n_new = G_MAXUINT;

  remote_id = add_mention (fixture, "@bakery do you deliver?", TEST_NOW - 60);
  report = pull_ok (fixture);
  g_assert_cmpuint (report->n_new, ==, 1);
  item = find_by_remote_id (fixture, remote_id);
  g_assert_nonnull (item);

  hd_store_set_inbox_item_done (fixture->env.store, hd_inbox_item_get_id (item), TRUE, &error);
  g_assert_no_error (error);
  hd_store_set_inbox_item_hidden (fixture->env.store, hd_inbox_item_get_id (item), TRUE, FALSE,
                                  &error);
  g_assert_no_error (error);
  hd_store_set_inbox_draft (fixture->env.store, hd_inbox_item_get_id (item), "Yes, on Fridays",
                            &error);
  g_assert_no_error (error);

  /* The platform sends it again, edited, under a fresh local id. */
  again = hd_inbox_item_new ();
  hd_inbox_item_set_kind (again, HD_INBOX_KIND_MENTION);
  hd_inbox_item_set_remote_id (again, remote_id);
  hd_inbox_item_set_author_name (again, "Alice");
  hd_inbox_item_set_text (again, "@bakery do you deliver to Leith?");
  hd_inbox_item_set_received_at (again, TEST_NOW - 60);
  g_ptr_array_add (items, g_object_ref (again));
  hd_store_record_inbox_pull (fixture->env.store, hd_channel_get_id (fixture->mastodon), items,
                              NULL, NULL, NULL, TEST_NOW, &n_new, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_new, ==, 0);
  g_assert_cmpstr (hd_inbox_item_get_id (again), ==, hd_inbox_item_get_id (item));

  loaded = hd_store_load_inbox_item (fixture->env.store, hd_inbox_item_get_id (item), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hd_inbox_item_get_text (loaded), ==, "@bakery do you deliver to Leith?");
  g_assert_cmpint (hd_inbox_item_get_reply_state (loaded), ==, HD_REPLY_STATE_DONE);
  hd_store_get_inbox_status (fixture->env.store, hd_inbox_item_get_id (item), &status, &error);
  g_assert_no_error (error);
  g_assert_true (status.hidden);
  g_assert_false (status.deleted);
  g_assert_cmpstr (status.draft, ==, "Yes, on Fridays");
}

/* Its author deleted a comment on Facebook: the next round marks it, and it stops waiting
 * for an answer; the other stays. */
static void
test_deleted_comment_marked (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(HdInboxPullReport) first = NULL;
  g_autoptr(HdInboxPullReport) second = NULL;
  g_autoptr(HdInboxItem) gone_item = NULL;
  g_autoptr(HdInboxItem) kept_item = NULL;
  g_auto(HdInboxStatus) gone_status = { 0, };
  g_auto(HdInboxStatus) kept_status = { 0, };
  g_autoptr(GError) error = NULL;
  g_autofree char *gone = NULL;
  const char *kept;

  add_facebook (fixture);
  kept = hd_fake_facebook_add_comment (fixture->facebook_fake, fixture->page_post, "302",
                                       "Alice", "Lovely loaves", TEST_NOW + 60);
  gone = g_strdup (hd_fake_facebook_add_comment (fixture->facebook_fake, fixture->page_post,
                                                 "303", "Spammer", "Cheap watches",
                                                 TEST_NOW + 120));
  fixture->env.now = TEST_NOW + 600;
  first = pull_ok (fixture);
  g_assert_cmpuint (first->n_new, ==, 2);
  g_assert_cmpuint (count_unanswered (fixture, fixture->facebook), ==, 2);

  hd_fake_facebook_delete_comment (fixture->facebook_fake, gone);
  fixture->env.now = TEST_NOW + 1200;
  second = pull_ok (fixture);
  g_assert_cmpuint (second->n_new, ==, 0);
  g_assert_cmpuint (count_unanswered (fixture, fixture->facebook), ==, 1);

  gone_item = find_by_remote_id (fixture, gone);
  kept_item = find_by_remote_id (fixture, kept);
  g_assert_nonnull (gone_item);
  g_assert_nonnull (kept_item);
  hd_store_get_inbox_status (fixture->env.store, hd_inbox_item_get_id (gone_item), &gone_status,
                             &error);
  g_assert_no_error (error);
  hd_store_get_inbox_status (fixture->env.store, hd_inbox_item_get_id (kept_item), &kept_status,
                             &error);
  g_assert_no_error (error);
  g_assert_true (gone_status.deleted);
  g_assert_false (kept_status.deleted);
  g_assert_cmpstr (hd_inbox_item_get_post_id (kept_item), !=, NULL);
}

/* A Bluesky server without an AppView offers no notifications: the channel keeps a sentence
 * that says so, stays connected, and the other channels are read as usual. */
static void
test_bluesky_without_app_view (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(HdInboxPullReport) first = NULL;
  g_autoptr(HdInboxPullReport) second = NULL;
  g_autoptr(HdChannel) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *notice = NULL;
  g_autofree char *cursor = NULL;

  add_bluesky (fixture);
  fixture->bluesky_fake->no_app_view = TRUE;
  hd_fake_bluesky_add_mention (fixture->bluesky_fake, "did:plc:alice5x3n", "alice.test",
                               "Alice", "@" HD_FAKE_BLUESKY_HANDLE " hi", TEST_NOW - 60);
  add_mention (fixture, "@bakery hello from Mastodon", TEST_NOW - 30);

  first = pull_ok (fixture);
  g_assert_cmpuint (first->n_new, ==, 1);
  g_assert_cmpuint (first->problems->len, ==, 0);
  g_assert_cmpuint (first->notices->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (first->notices, 0),
                            "This Bluesky server does not offer notifications; "));

  cursor = stored_cursor (fixture, fixture->bluesky, NULL, &notice);
  g_assert_nonnull (notice);
  g_assert_true (g_str_has_prefix (notice, "This Bluesky server does not offer notifications; "));
  stored = hd_store_load_channel (fixture->env.store, hd_channel_get_id (fixture->bluesky),
                                  &error);
  g_assert_no_error (error);
  g_assert_cmpint (hd_channel_get_state (stored), ==, HD_CHANNEL_STATE_CONNECTED);

  /* Once the server has one, the sentence goes and the mention comes. */
  fixture->bluesky_fake->no_app_view = FALSE;
  second = pull_ok (fixture);
  g_assert_cmpuint (second->n_new, ==, 1);
  g_assert_cmpuint (second->notices->len, ==, 0);
  g_clear_pointer (&notice, g_free);
  g_clear_pointer (&cursor, g_free);
  cursor = stored_cursor (fixture, fixture->bluesky, NULL, &notice);
  g_assert_null (notice);
}

/* Over its rate limit, Mastodon is left for this round with its cursor where it was; Bluesky
 * is read all the same, and the next round brings Mastodon's mentions. */
static void
test_rate_limited_channel_waits (Fixture       *fixture,
                                 gconstpointer  data)
{
  static const char * const retry_after[] = { "Retry-After", "120", NULL };
  g_autoptr(HdInboxPullReport) limited = NULL;
  g_autoptr(HdInboxPullReport) later = NULL;
  g_autofree char *cursor = NULL;

  add_bluesky (fixture);
  hd_fake_bluesky_add_mention (fixture->bluesky_fake, "did:plc:alice5x3n", "alice.test",
                               "Alice", "@" HD_FAKE_BLUESKY_HANDLE " hi", TEST_NOW - 60);
  add_mention (fixture, "@bakery are you open?", TEST_NOW - 30);
  hd_fake_server_add_fault (fixture->mastodon_fake->server, "GET", NOTIFICATIONS,
                            HD_FAKE_FAULT_STATUS, 429,
                            "{\"error\":\"Too many requests\"}", retry_after, 0);

  limited = pull_ok (fixture);
  g_assert_cmpuint (limited->n_new, ==, 1);
  g_assert_cmpuint (limited->problems->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (limited->problems, 0), "Corner Bakery"));
  g_assert_cmpuint (count_unanswered (fixture, fixture->bluesky), ==, 1);
  g_assert_cmpuint (count_unanswered (fixture, fixture->mastodon), ==, 0);
  cursor = stored_cursor (fixture, fixture->mastodon, NULL, NULL);
  g_assert_null (cursor);

  fixture->env.now = TEST_NOW + 600;
  later = pull_ok (fixture);
  g_assert_cmpuint (later->n_new, ==, 1);
  g_assert_cmpuint (later->problems->len, ==, 0);
  g_assert_cmpuint (count_unanswered (fixture, fixture->mastodon), ==, 1);
}

/* The desktop notification counts what is new in the round, and says it in words. */
static void
test_notification_count (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(HdInboxPullReport) first = NULL;
  g_autoptr(HdInboxPullReport) second = NULL;
  g_autofree char *three = NULL;
  g_autofree char *one = NULL;

  for (guint i = 0; i < 3; i++)
    add_mention (fixture, "@bakery hi", TEST_NOW - 60 + i);
  first = pull_ok (fixture);
  three = hd_inbox_pull_describe_new (first->n_new);
  g_assert_cmpstr (three, ==, "3 new comments");

  add_mention (fixture, "@bakery one more", TEST_NOW + 5);
  second = pull_ok (fixture);
  one = hd_inbox_pull_describe_new (second->n_new);
  g_assert_cmpstr (one, ==, "1 new comment");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/herald/sync/inbox-puller/" path, Fixture, NULL, fixture_set_up, func, \
              fixture_tear_down)

  ADD ("incremental", test_incremental);
  ADD ("cursor-kept-when-storing-fails", test_cursor_kept_when_storing_fails);
  ADD ("local-state-kept", test_local_state_kept);
  ADD ("deleted-comment-marked", test_deleted_comment_marked);
  ADD ("bluesky-without-app-view", test_bluesky_without_app_view);
  ADD ("rate-limited-channel-waits", test_rate_limited_channel_waits);
  ADD ("notification-count", test_notification_count);

#undef ADD

  return g_test_run ();
}
