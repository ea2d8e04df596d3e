/* test-store-feeds.c: following feeds, merging their items, and turning them into drafts.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-test"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "feed-server.h"
#include "hd-core.h"
#include "hd-store-feeds.h"

typedef struct
{
  FeedServer    *server;
  HdFeedFetcher *fetcher;
  HdStore       *store;
  char          *dir;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("herald-feeds-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "herald.db", NULL);
  fixture->store = hd_store_open (path, &error);
  g_assert_no_error (error);
  fixture->server = feed_server_new ();
  fixture->fetcher = hd_feed_fetcher_new (NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "herald.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_clear_object (&fixture->fetcher);
  g_clear_object (&fixture->store);
  g_clear_pointer (&fixture->server, feed_server_free);
  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

static void
store_result (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *result;
}

static HdFeed *
follow (Fixture     *fixture,
        const char  *path,
        GError     **error)
{
  g_autofree char *url = feed_server_url (fixture->server, path);
  g_autoptr(GAsyncResult) result = NULL;

  hd_store_follow_feed_async (fixture->store, fixture->fetcher, url, NULL, store_result,
                              &result);
  return hd_store_follow_feed_finish (fixture->store, wait_for (&result), error);
}

static gboolean
refresh (Fixture     *fixture,
         HdFeed      *feed,
         guint       *n_added,
         GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  hd_store_refresh_feed_async (fixture->store, fixture->fetcher, hd_feed_get_id (feed), NULL,
                               store_result, &result);
  return hd_store_refresh_feed_finish (fixture->store, wait_for (&result), n_added, error);
}

static HdFeedItem *
find_item (GListModel *items,
           const char *title)
{
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(HdFeedItem) item = g_list_model_get_item (items, i);

      if (g_strcmp0 (hd_feed_item_get_title (item), title) == 0)
        return g_steal_pointer (&item);
    }

  return NULL;
}

static void
test_follow (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GListModel) feeds = NULL;
  g_autoptr(GListModel) items = NULL;
  g_autoptr(HdFeedItem) newest = NULL;
  g_autoptr(HdFeedItem) oldest = NULL;
  g_autoptr(HdFeed) feed = NULL;
  g_autoptr(HdFeed) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = feed_server_url (fixture->server, "/feed.xml");
  g_autofree char *site = feed_server_url (fixture->server, "/");
  g_autofree char *link = feed_server_url (fixture->server, "/summer");
  g_autofree char *already = g_strdup_printf ("You already follow the feed at %s.", url);

  feeds = hd_store_list_feeds (fixture->store, &error);
  g_assert_no_error (error);
  items = hd_store_list_feed_items (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (feeds), ==, 0);

  feed = follow (fixture, "/feed.xml", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hd_feed_get_url (feed), ==, url);
  g_assert_cmpstr (hd_feed_get_title (feed), ==, "Harbour Bakery");
  g_assert_cmpstr (hd_feed_get_site_url (feed), ==, site);
  g_assert_cmpstr (hd_feed_get_etag (feed), ==, "\"v1\"");
  g_assert_null (hd_feed_get_last_error (feed));
  g_assert_cmpint (hd_feed_get_last_fetched_at (feed), >, 0);

  /* The live lists followed. */
  g_assert_cmpuint (g_list_model_get_n_items (feeds), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 4);

  /* Newest first, with the feed's name and a plain-text summary. */
  newest = g_list_model_get_item (items, 0);
  g_assert_cmpstr (hd_feed_item_get_title (newest), ==, "Summer menu");
  g_assert_cmpstr (hd_feed_item_get_link (newest), ==, link);
  g_assert_cmpstr (hd_feed_item_get_feed_title (newest), ==, "Harbour Bakery");
  oldest = g_list_model_get_item (items, 3);
  g_assert_cmpstr (hd_feed_item_get_title (oldest), ==, "Sourdough is back");
  g_assert_cmpstr (hd_feed_item_get_summary (oldest), ==, "Every Saturday.");

  /* Following the same address twice is refused, and changes nothing. */
  again = follow (fixture, "/feed.xml", &error);
  g_assert_null (again);
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, already);
  g_assert_cmpuint (g_list_model_get_n_items (feeds), ==, 1);
}

static void
test_follow_page (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(HdFeed) feed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *atom = feed_server_url (fixture->server, "/atom.xml");
  g_autoptr(GListModel) items = NULL;

  /* The page's own address finds the feed it names. */
  feed = follow (fixture, "/page.html", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hd_feed_get_url (feed), ==, atom);
  g_assert_cmpstr (hd_feed_get_title (feed), ==, "Pottery journal");

  items = hd_store_list_feed_items (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 1);
}

static void
test_follow_refused (Fixture       *fixture,
                     gconstpointer  data)
{
  static const struct { const char *path; GQuark domain; int code; } cases[] = {
    { "/plain.html", 0, HD_FEED_ERROR_NOT_A_FEED },
    { "/missing", 0, HD_FEED_ERROR_HTTP },
    { "/image.png", 0, HD_FEED_ERROR_WRONG_TYPE },
  };
  g_autoptr(GListModel) feeds = hd_store_list_feeds (fixture->store, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(HdFeed) feed = NULL;
      g_autoptr(GError) error = NULL;

      feed = follow (fixture, cases[i].path, &error);
      g_assert_null (feed);
      g_assert_error (error, HD_FEED_ERROR, cases[i].code);
    }

  /* Nothing that is not a feed was recorded. */
  g_assert_cmpuint (g_list_model_get_n_items (feeds), ==, 0);
}

static void
test_refresh_merges (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(HdFeed) feed = NULL;
  g_autoptr(HdFeed) reloaded = NULL;
  g_autoptr(GListModel) items = NULL;
  g_autoptr(HdFeedItem) retitled = NULL;
  g_autoptr(GError) error = NULL;
  guint n_added = 99;

  feed = follow (fixture, "/feed.xml", &error);
  g_assert_no_error (error);
  items = hd_store_list_feed_items (fixture->store, &error);
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 4);

  /* Unchanged on the server: a 304, and nothing new. */
  g_assert_true (refresh (fixture, feed, &n_added, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_added, ==, 0);
  g_assert_cmpuint (feed_server_count_not_modified (fixture->server), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 4);

  /* Changed: one item is new, one renamed, none doubled. */
  feed_server_set_feed_version (fixture->server, 2);
  g_assert_true (refresh (fixture, feed, &n_added, &error));
  g_assert_cmpuint (n_added, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 5);
  retitled = find_item (items, "Sourdough is back, now on Sundays too");
  g_assert_nonnull (retitled);
  g_assert_null (find_item (items, "Sourdough is back"));

  /* The same document merged again by hand adds nothing either. */
  {
    g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "rss2.xml", NULL);
    g_autofree char *contents = NULL;
    gsize length;
    g_autoptr(HdFeedDocument) document = NULL;

    g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
    document = hd_feed_parse (contents, length, "https://bakery.example/feed.xml", &error);
    g_assert_no_error (error);
    for (guint round = 0; round < 2; round++)
      {
        g_assert_true (hd_store_merge_feed_entries (fixture->store, hd_feed_get_id (feed),
                                                    document->entries, 1000, &n_added, &error));
        g_assert_no_error (error);
        g_assert_cmpuint (n_added, ==, round == 0 ? 4 : 0);
      }
    g_assert_cmpuint (g_list_model_get_n_items (items), ==, 9);
  }

  reloaded = hd_store_load_feed (fixture->store, hd_feed_get_id (feed), &error);
  g_assert_cmpstr (hd_feed_get_etag (reloaded), ==, "\"v2\"");
}

static void
test_refresh_failure_recorded (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(HdFeed) feed = NULL;
  g_autoptr(HdFeed) reloaded = NULL;
  g_autoptr(GListModel) items = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  guint n_added = 0, n_failed = 0;

  feed = follow (fixture, "/feed.xml", &error);
  g_assert_no_error (error);
  items = hd_store_list_feed_items (fixture->store, &error);

  feed_server_set_down (fixture->server, TRUE);
  hd_store_refresh_feeds_async (fixture->store, fixture->fetcher, NULL, store_result, &result);
  g_assert_true (hd_store_refresh_feeds_finish (fixture->store, wait_for (&result), &n_added,
                                                &n_failed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_failed, ==, 1);

  /* The reason is kept with the feed, and what was fetched before is still there. */
  reloaded = hd_store_load_feed (fixture->store, hd_feed_get_id (feed), &error);
  g_assert_cmpstr (hd_feed_get_last_error (reloaded), ==,
                   "The server answered 503: it has a problem of its own. Try again later.");
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 4);

  /* Back up: the error goes away. */
  g_clear_object (&reloaded);
  g_clear_object (&result);
  feed_server_set_down (fixture->server, FALSE);
  hd_store_refresh_feeds_async (fixture->store, fixture->fetcher, NULL, store_result, &result);
  g_assert_true (hd_store_refresh_feeds_finish (fixture->store, wait_for (&result), &n_added,
                                                &n_failed, &error));
  g_assert_cmpuint (n_failed, ==, 0);
  reloaded = hd_store_load_feed (fixture->store, hd_feed_get_id (feed), &error);
  g_assert_null (hd_feed_get_last_error (reloaded));
}

static void
test_dismiss (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(HdFeed) feed = NULL;
  g_autoptr(GListModel) items = NULL;
  g_autoptr(HdFeedItem) item = NULL;
  g_autoptr(GError) error = NULL;
  guint n_added;
  g_autofree char *id = NULL;

  feed = follow (fixture, "/feed.xml", &error);
  items = hd_store_list_feed_items (fixture->store, &error);
  item = find_item (items, "Easter hours");
  id = g_strdup (hd_feed_item_get_id (item));

  g_assert_true (hd_store_set_feed_item_dismissed (fixture->store, id, TRUE, &error));
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 3);
  g_clear_object (&item);
  g_assert_null (find_item (items, "Easter hours"));

  /* A dismissed item stays dismissed when the feed brings it again. */
  feed_server_set_feed_version (fixture->server, 2);
  g_assert_true (refresh (fixture, feed, &n_added, &error));
  g_assert_null (find_item (items, "Easter hours"));
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 4);

  /* Undo brings it back. */
  g_assert_true (hd_store_set_feed_item_dismissed (fixture->store, id, FALSE, &error));
  item = find_item (items, "Easter hours");
  g_assert_nonnull (item);
}

static void
test_make_draft (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(HdFeed) feed = NULL;
  g_autoptr(GListModel) items = NULL;
  g_autoptr(GListModel) drafts = NULL;
  g_autoptr(HdFeedItem) item = NULL;
  g_autoptr(HdFeedItem) linked = NULL;
  g_autoptr(HdPost) post = NULL;
  g_autoptr(HdPost) same = NULL;
  g_autoptr(HdPost) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *link = feed_server_url (fixture->server, "/ovens");
  g_autofree char *expected = g_strdup_printf ("New ovens\n\n%s", link);
  g_autofree char *item_id = NULL;

  feed = follow (fixture, "/feed.xml", &error);
  items = hd_store_list_feed_items (fixture->store, &error);
  drafts = hd_store_list_posts_in_state (fixture->store, HD_POST_STATE_DRAFT, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (drafts), ==, 0);

  item = find_item (items, "New ovens");
  item_id = g_strdup (hd_feed_item_get_id (item));
  g_assert_null (hd_feed_item_get_used_post_id (item));

  post = hd_store_make_draft_from_feed_item (fixture->store, item_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (hd_post_get_state (post), ==, HD_POST_STATE_DRAFT);
  g_assert_cmpstr (hd_post_get_text (post), ==, expected);
  g_assert_cmpint (hd_post_get_scheduled_at (post), ==, 0);

  /* Saved, listed with the drafts, and the item knows its draft. */
  loaded = hd_store_load_post (fixture->store, hd_post_get_id (post), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hd_post_get_text (loaded), ==, expected);
  g_assert_cmpuint (g_list_model_get_n_items (drafts), ==, 1);
  linked = find_item (items, "New ovens");
  g_assert_cmpstr (hd_feed_item_get_used_post_id (linked), ==, hd_post_get_id (post));

  /* Asking again opens the same draft rather than writing a second one. */
  same = hd_store_make_draft_from_feed_item (fixture->store, item_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hd_post_get_id (same), ==, hd_post_get_id (post));
  g_assert_cmpuint (g_list_model_get_n_items (drafts), ==, 1);

  /* Deleting the draft frees the item for another. */
  g_assert_true (hd_store_delete_post (fixture->store, hd_post_get_id (post), &error));
  g_clear_object (&linked);
  linked = find_item (items, "New ovens");
  g_assert_null (hd_feed_item_get_used_post_id (linked));
}

static void
test_remove_feed (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(HdFeed) feed = NULL;
  g_autoptr(GListModel) feeds = NULL;
  g_autoptr(GListModel) items = NULL;
  g_autoptr(HdFeedItem) item = NULL;
  g_autoptr(HdPost) post = NULL;
  g_autoptr(HdPost) kept = NULL;
  g_autoptr(GError) error = NULL;

  feed = follow (fixture, "/feed.xml", &error);
  feeds = hd_store_list_feeds (fixture->store, &error);
  items = hd_store_list_feed_items (fixture->store, &error);
  item = find_item (items, "New ovens");
  post = hd_store_make_draft_from_feed_item (fixture->store, hd_feed_item_get_id (item), &error);
  g_assert_no_error (error);

  g_assert_true (hd_store_remove_feed (fixture->store, hd_feed_get_id (feed), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (feeds), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 0);

  /* The draft is the user's own now and stays. */
  kept = hd_store_load_post (fixture->store, hd_post_get_id (post), &error);
  g_assert_no_error (error);

  g_assert_false (hd_store_remove_feed (fixture->store, hd_feed_get_id (feed), &error));
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/herald/feeds/store/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("follow", test_follow);
  ADD ("follow-page", test_follow_page);
  ADD ("follow-refused", test_follow_refused);
  ADD ("refresh-merges", test_refresh_merges);
  ADD ("refresh-failure-recorded", test_refresh_failure_recorded);
  ADD ("dismiss", test_dismiss);
  ADD ("make-draft", test_make_draft);
  ADD ("remove-feed", test_remove_feed);

#undef ADD

  return g_test_run ();
}
