/* test-inbox.c: what comes back from the channels for the inbox (comments, replies and
 * mentions, read incrementally), answers to them and hiding them, against the fakes
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define _GNU_SOURCE

#include "hd-fake-bluesky.h"
#include "hd-fake-facebook.h"
#include "hd-fake-instagram.h"
#include "hd-fake-linkedin.h"
#include "hd-fake-mastodon.h"
#include "hd-fake-x.h"
#include "hd-test-channels.h"

#define MASTODON_TOKEN "mastodon-token-7c1e0b"
#define X_TOKEN "x-token-41d9a2"
#define LINKEDIN_TOKEN "AQV-linkedin-token-5f2e"

typedef struct
{
  TestEnv         env;
  HdFakeFacebook *facebook;
  HdFakeMastodon *mastodon;
  HdFakeBluesky  *bluesky;
  HdFakeInstagram *instagram;
  HdFakeX        *x;
  HdFakeLinkedIn *linkedin;
  HdChannel      *channel;
  HdProvider     *provider;
  /* the post Herald published, as the store and the platform know it */
  HdPost         *post;
  char           *remote_id;
} Fixture;

static void
store_secret (HdChannel  *channel,
              const char *token)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  hd_secrets_store_async (hd_channel_get_id (channel), HD_SECRET_KIND_ACCESS_TOKEN,
                          "Herald: access token", token, NULL, test_store_result, &result);
  g_assert_true (hd_secrets_store_finish (test_wait (&result), &error));
  g_assert_no_error (error);
}

/* A post that went out on the fixture's channel, known to the store by its remote id. */
static void
publish_post (Fixture    *fixture,
              const char *text)
{
  g_autoptr(HdProviderPost) request = NULL;
  g_autoptr(HdProviderResult) published = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  HdVariant *variant;

  fixture->post = test_save_draft (&fixture->env, fixture->channel, text);
  request = test_provider_post (fixture->post, fixture->channel, "publish-key-1", TEST_NOW);
  hd_provider_publish_async (fixture->provider, request, NULL, test_store_result, &result);
  published = hd_provider_publish_finish (fixture->provider, test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (published);

  variant = hd_post_find_variant (fixture->post, hd_channel_get_id (fixture->channel));
  hd_variant_set_remote_id (variant, published->remote_id);
  hd_variant_set_state (variant, HD_POST_STATE_PUBLISHED);
  hd_post_set_state (fixture->post, HD_POST_STATE_PUBLISHED);
  hd_store_save_post (fixture->env.store, fixture->post, &error);
  g_assert_no_error (error);

  fixture->remote_id = g_strdup (published->remote_id);
}

static void
new_provider (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  hd_store_save_channel (fixture->env.store, fixture->channel, &error);
  g_assert_no_error (error);
  fixture->provider = hd_provider_new_for_channel (fixture->env.http, fixture->env.store,
                                                   fixture->channel, &error);
  g_assert_no_error (error);
}

static void
facebook_set_up (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *graph = NULL;

  test_env_init (&fixture->env);
  fixture->facebook = hd_fake_facebook_new ();
  fixture->facebook->now = TEST_NOW;
  graph = hd_fake_facebook_get_graph_base (fixture->facebook);

  /* What connecting a Page leaves behind. */
  fixture->channel = hd_channel_new ();
  hd_channel_set_kind (fixture->channel, HD_CHANNEL_KIND_FACEBOOK_PAGE);
  hd_channel_set_display_name (fixture->channel, fixture->facebook->page_name);
  hd_channel_set_base_url (fixture->channel, graph);
  hd_channel_set_remote_account_id (fixture->channel, fixture->facebook->page_id);
  hd_channel_set_state (fixture->channel, HD_CHANNEL_STATE_CONNECTED);
  store_secret (fixture->channel, fixture->facebook->page_token);
  new_provider (fixture);

  publish_post (fixture, "Rye and spelt loaves are back on Saturday.");
  hd_fake_server_clear_requests (fixture->facebook->server);
}

static void
mastodon_set_up (Fixture       *fixture,
                 gconstpointer  data)
{
  test_env_init (&fixture->env);
  fixture->mastodon = hd_fake_mastodon_new ();
  fixture->mastodon->now = TEST_NOW;
  fixture->mastodon->access_token = g_strdup (MASTODON_TOKEN);

  fixture->channel = hd_channel_new ();
  hd_channel_set_kind (fixture->channel, HD_CHANNEL_KIND_MASTODON);
  hd_channel_set_display_name (fixture->channel, "Corner Bakery");
  hd_channel_set_handle (fixture->channel, "@bakery@bakery.example");
  hd_channel_set_base_url (fixture->channel, hd_fake_mastodon_get_url (fixture->mastodon));
  hd_channel_set_remote_account_id (fixture->channel, fixture->mastodon->account_id);
  hd_channel_set_state (fixture->channel, HD_CHANNEL_STATE_CONNECTED);
  store_secret (fixture->channel, MASTODON_TOKEN);
  new_provider (fixture);

  publish_post (fixture, "Rye and spelt loaves are back on Saturday.");
  hd_fake_server_clear_requests (fixture->mastodon->server);
}

static void
bluesky_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  test_env_init (&fixture->env);
  fixture->bluesky = hd_fake_bluesky_new ();
  fixture->bluesky->now = TEST_NOW;

  hd_bluesky_connect_async (fixture->env.http, fixture->env.store,
                            hd_fake_bluesky_get_url (fixture->bluesky),
                            "@" HD_FAKE_BLUESKY_HANDLE, HD_FAKE_BLUESKY_APP_PASSWORD, NULL,
                            NULL, test_store_result, &result);
  fixture->channel = hd_bluesky_connect_finish (test_wait (&result), &error);
  g_assert_no_error (error);
  fixture->provider = hd_provider_new_for_channel (fixture->env.http, fixture->env.store,
                                                   fixture->channel, &error);
  g_assert_no_error (error);
}

/* A post Herald published on the fixture's channel some time ago, as the store keeps it. */
static void
keep_published (Fixture    *fixture,
                const char *text,
                const char *remote_id)
{
  g_autoptr(GError) error = NULL;
  HdVariant *variant;

  fixture->post = test_save_draft (&fixture->env, fixture->channel, text);
  variant = hd_post_find_variant (fixture->post, hd_channel_get_id (fixture->channel));
  hd_variant_set_remote_id (variant, remote_id);
  hd_variant_set_state (variant, HD_POST_STATE_PUBLISHED);
  hd_post_set_state (fixture->post, HD_POST_STATE_PUBLISHED);
  hd_store_save_post (fixture->env.store, fixture->post, &error);
  g_assert_no_error (error);
  fixture->remote_id = g_strdup (remote_id);
}

static void
instagram_set_up (Fixture       *fixture,
                  gconstpointer  data)
{
  HdFakeFacebook *graph_fake;
  g_autofree char *graph = NULL;
  g_autofree char *limits = NULL;

  test_env_init (&fixture->env);
  fixture->instagram = hd_fake_instagram_new ();
  graph_fake = fixture->instagram->facebook;
  graph_fake->now = TEST_NOW;
  graph = hd_fake_facebook_get_graph_base (graph_fake);

  /* What connecting an account linked to a Page leaves behind. */
  fixture->channel = hd_channel_new ();
  hd_channel_set_kind (fixture->channel, HD_CHANNEL_KIND_INSTAGRAM);
  hd_channel_set_display_name (fixture->channel, fixture->instagram->username);
  hd_channel_set_base_url (fixture->channel, graph);
  hd_channel_set_remote_account_id (fixture->channel, fixture->instagram->ig_user_id);
  limits = g_strdup_printf ("{\"" HD_INSTAGRAM_LIMIT_PAGE_ID "\":\"%s\"}",
                            graph_fake->page_id);
  hd_channel_set_limits (fixture->channel, limits);
  hd_channel_set_state (fixture->channel, HD_CHANNEL_STATE_CONNECTED);
  store_secret (fixture->channel, graph_fake->page_token);
  new_provider (fixture);

  keep_published (fixture, "Spring coats are in.",
                  hd_fake_instagram_add_media (fixture->instagram, "Spring coats are in.",
                                               TEST_NOW - 2 * 24 * 3600));
}

static void
x_set_up (Fixture       *fixture,
          gconstpointer  data)
{
  test_env_init (&fixture->env);
  fixture->x = hd_fake_x_new ();
  fixture->x->now = TEST_NOW;
  fixture->x->access_token = g_strdup (X_TOKEN);
  fixture->x->access_expires_at = TEST_NOW + 2 * 3600;

  fixture->channel = hd_channel_new ();
  hd_channel_set_kind (fixture->channel, HD_CHANNEL_KIND_X);
  hd_channel_set_display_name (fixture->channel, "Corner Bakery");
  hd_channel_set_handle (fixture->channel, "@cornerbakery");
  hd_channel_set_base_url (fixture->channel, hd_fake_x_get_url (fixture->x));
  hd_channel_set_remote_account_id (fixture->channel, fixture->x->user_id);
  hd_channel_set_state (fixture->channel, HD_CHANNEL_STATE_CONNECTED);
  store_secret (fixture->channel, X_TOKEN);
  new_provider (fixture);

  publish_post (fixture, "Rye and spelt loaves are back on Saturday.");
  hd_fake_server_clear_requests (fixture->x->server);
}

static void
linkedin_set_up (Fixture       *fixture,
                 gconstpointer  data)
{
  test_env_init (&fixture->env);
  fixture->linkedin = hd_fake_linkedin_new ();
  fixture->linkedin->now = TEST_NOW;

  fixture->channel = hd_channel_new ();
  hd_channel_set_kind (fixture->channel, HD_CHANNEL_KIND_LINKEDIN);
  hd_channel_set_display_name (fixture->channel, "Corner Bakery");
  hd_channel_set_base_url (fixture->channel, hd_fake_linkedin_get_url (fixture->linkedin));
  hd_channel_set_remote_account_id (fixture->channel, HD_FAKE_LINKEDIN_ORGANIZATION);
  hd_channel_set_state (fixture->channel, HD_CHANNEL_STATE_CONNECTED);
  fixture->linkedin->access_token = g_strdup (LINKEDIN_TOKEN);
  fixture->linkedin->access_expires_at = TEST_NOW + 30 * 24 * 60 * 60;
  store_secret (fixture->channel, LINKEDIN_TOKEN);
  new_provider (fixture);
  keep_published (fixture, "Rye and spelt loaves are back on Saturday.",
                  "urn:li:share:7140000000000000001");
  hd_fake_server_clear_requests (fixture->linkedin->server);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->provider);
  g_clear_object (&fixture->channel);
  g_clear_object (&fixture->post);
  g_free (fixture->remote_id);
  g_clear_pointer (&fixture->facebook, hd_fake_facebook_free);
  g_clear_pointer (&fixture->mastodon, hd_fake_mastodon_free);
  g_clear_pointer (&fixture->bluesky, hd_fake_bluesky_free);
  g_clear_pointer (&fixture->instagram, hd_fake_instagram_free);
  g_clear_pointer (&fixture->x, hd_fake_x_free);
  g_clear_pointer (&fixture->linkedin, hd_fake_linkedin_free);
  test_env_clear (&fixture->env);
}

static HdProviderInbox *
pull_inbox (Fixture     *fixture,
            gint64       since,
            const char  *cursor,
            GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  hd_provider_pull_inbox_async (fixture->provider, since, cursor, NULL, test_store_result,
                                &result);
  return hd_provider_pull_inbox_finish (fixture->provider, test_wait (&result), error);
}

/* What the inbox keeps between looks. */
static void
save_items (Fixture   *fixture,
            GPtrArray *items)
{
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < items->len; i++)
    {
      hd_store_save_inbox_item (fixture->env.store, g_ptr_array_index (items, i), &error);
      g_assert_no_error (error);
    }
}

static HdInboxItem *
find_item (GPtrArray  *items,
           const char *remote_id)
{
  for (guint i = 0; i < items->len; i++)
    if (g_strcmp0 (hd_inbox_item_get_remote_id (g_ptr_array_index (items, i)), remote_id) == 0)
      return g_ptr_array_index (items, i);

  return NULL;
}

static HdProviderResult *
reply (Fixture      *fixture,
       HdInboxItem  *item,
       const char   *text,
       const char   *key,
       GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  hd_provider_reply_async (fixture->provider, item, text, key, NULL, test_store_result,
                           &result);
  return hd_provider_reply_finish (fixture->provider, test_wait (&result), error);
}

static gboolean
hide (Fixture      *fixture,
      HdInboxItem  *item,
      gboolean      hidden,
      GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  hd_provider_hide_async (fixture->provider, item, hidden, NULL, test_store_result, &result);
  return hd_provider_hide_finish (fixture->provider, test_wait (&result), error);
}

/* Facebook */

static void
test_facebook_incremental (Fixture       *fixture,
                           gconstpointer  data)
{
  gint64 since = TEST_NOW - 24 * 3600;
  g_autoptr(HdProviderInbox) first = NULL;
  g_autoptr(HdProviderInbox) second = NULL;
  g_autoptr(GError) error = NULL;
  HdInboxItem *item;
  const char *question;
  const char *answer;
  const char *old;
  const char *later;

  old = hd_fake_facebook_add_comment (fixture->facebook, fixture->remote_id, "301", "Old Friend",
                                      "Still open?", since - 600);
  question = hd_fake_facebook_add_comment (fixture->facebook, fixture->remote_id, "302",
                                           "Alice Baker", "Do you have rye & spelt?",
                                           since + 60);
  /* An answer in the comment's own thread. */
  answer = hd_fake_facebook_add_comment (fixture->facebook, question, "303", "Bob",
                                         "Seconded!", since + 120);
  /* Enough for two pages of a hundred. */
  for (guint i = 0; i < 130; i++)
    {
      g_autofree char *text = g_strdup_printf ("Loved loaf number %u", i);

      hd_fake_facebook_add_comment (fixture->facebook, fixture->remote_id, "304", "Fan", text,
                                    since + 600 + i);
    }

  first = pull_inbox (fixture, since, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (first);
  g_assert_cmpuint (first->items->len, ==, 2 + 130);
  g_assert_cmpuint (first->deleted->len, ==, 0);
  g_assert_null (first->notice);
  g_assert_null (find_item (first->items, old));

  item = find_item (first->items, question);
  g_assert_nonnull (item);
  g_assert_cmpint (hd_inbox_item_get_kind (item), ==, HD_INBOX_KIND_COMMENT);
  g_assert_cmpstr (hd_inbox_item_get_channel_id (item), ==, hd_channel_get_id (fixture->channel));
  g_assert_cmpstr (hd_inbox_item_get_author_name (item), ==, "Alice Baker");
  g_assert_cmpstr (hd_inbox_item_get_author_handle (item), ==, "302");
  g_assert_cmpstr (hd_inbox_item_get_text (item), ==, "Do you have rye & spelt?");
  g_assert_cmpstr (hd_inbox_item_get_thread_id (item), ==, fixture->remote_id);
  g_assert_cmpstr (hd_inbox_item_get_parent_id (item), ==, fixture->remote_id);
  g_assert_cmpstr (hd_inbox_item_get_post_id (item), ==, hd_post_get_id (fixture->post));
  g_assert_cmpint (hd_inbox_item_get_received_at (item), ==, since + 60);

  item = find_item (first->items, answer);
  g_assert_nonnull (item);
  g_assert_cmpint (hd_inbox_item_get_kind (item), ==, HD_INBOX_KIND_REPLY);
  g_assert_cmpstr (hd_inbox_item_get_parent_id (item), ==, question);
  g_assert_cmpstr (hd_inbox_item_get_post_id (item), ==, hd_post_get_id (fixture->post));

  /* Two pages, the second reached with Graph's after cursor, the first asked from @since. */
  g_assert_cmpuint (hd_fake_server_count (fixture->facebook->server, "GET",
                                          "/" HD_FAKE_FACEBOOK_VERSION "/"), ==, 2);
  g_assert_nonnull (strstr (hd_fake_server_last (fixture->facebook->server, "GET",
                                                 "/" HD_FAKE_FACEBOOK_VERSION "/")->query,
                            "after="));
  save_items (fixture, first->items);

  /* The next look brings only what came since. */
  later = hd_fake_facebook_add_comment (fixture->facebook, fixture->remote_id, "305", "Carol",
                                        "Gluten free too?", TEST_NOW + 60);
  second = pull_inbox (fixture, TEST_NOW, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (second->items->len, ==, 1);
  g_assert_cmpstr (hd_inbox_item_get_remote_id (g_ptr_array_index (second->items, 0)), ==,
                   later);
  g_assert_cmpuint (second->deleted->len, ==, 0);
}

static void
test_facebook_deleted (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(HdProviderInbox) first = NULL;
  g_autoptr(HdProviderInbox) second = NULL;
  g_autoptr(GError) error = NULL;
  const char *kept;
  g_autofree char *gone = NULL;

  kept = hd_fake_facebook_add_comment (fixture->facebook, fixture->remote_id, "302", "Alice",
                                       "Lovely", TEST_NOW - 600);
  gone = g_strdup (hd_fake_facebook_add_comment (fixture->facebook, fixture->remote_id, "303",
                                                 "Spammer", "Cheap watches", TEST_NOW - 300));
  first = pull_inbox (fixture, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (first->items->len, ==, 2);
  save_items (fixture, first->items);

  /* Its author deleted it on Facebook: the next look says so, and only of that one. */
  hd_fake_facebook_delete_comment (fixture->facebook, gone);
  second = pull_inbox (fixture, TEST_NOW, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (second->items->len, ==, 0);
  g_assert_cmpuint (second->deleted->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (second->deleted, 0), ==, gone);
  g_assert_nonnull (hd_fake_facebook_find_comment (fixture->facebook, kept));
}

static void
test_facebook_reply_and_hide (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(HdProviderInbox) inbox = NULL;
  g_autoptr(HdProviderResult) answer = NULL;
  g_autoptr(GHashTable) form = NULL;
  g_autoptr(GError) error = NULL;
  HdFakeRequest *request;
  HdInboxItem *item;
  JsonObject *comment;
  const char *question;

  question = hd_fake_facebook_add_comment (fixture->facebook, fixture->remote_id, "302",
                                           "Alice", "Open on Sunday?", TEST_NOW - 60);
  inbox = pull_inbox (fixture, 0, NULL, &error);
  g_assert_no_error (error);
  item = find_item (inbox->items, question);
  g_assert_nonnull (item);

  answer = reply (fixture, item, "From 8 until noon!", "outbox-row-9", &error);
  g_assert_no_error (error);
  g_assert_nonnull (answer);
  request = hd_fake_server_last (fixture->facebook->server, "POST", "/");
  g_assert_true (g_str_has_suffix (request->path, "/comments"));
  g_assert_nonnull (strstr (request->path, question));
  comment = hd_fake_facebook_find_comment (fixture->facebook, answer->remote_id);
  g_assert_nonnull (comment);
  g_assert_cmpstr (json_object_get_string_member (comment, "parent_id"), ==, question);
  g_assert_cmpstr (json_object_get_string_member (comment, "message"), ==,
                   "From 8 until noon!");

  g_assert_true (hd_provider_can_hide (fixture->provider));
  g_assert_true (hide (fixture, item, TRUE, &error));
  g_assert_no_error (error);
  request = hd_fake_server_last (fixture->facebook->server, "POST", "/");
  form = hd_fake_facebook_params (request);
  g_assert_cmpstr (g_hash_table_lookup (form, "is_hidden"), ==, "true");
  g_assert_true (json_object_get_boolean_member (
                   hd_fake_facebook_find_comment (fixture->facebook, question), "is_hidden"));

  g_assert_true (hide (fixture, item, FALSE, &error));
  g_assert_no_error (error);
  g_assert_false (json_object_get_boolean_member (
                    hd_fake_facebook_find_comment (fixture->facebook, question), "is_hidden"));

  /* A comment deleted meanwhile cannot be answered: the platform's refusal comes back. */
  hd_fake_facebook_delete_comment (fixture->facebook, question);
  g_clear_pointer (&answer, hd_provider_result_free);
  answer = reply (fixture, item, "Hello?", "outbox-row-10", &error);
  g_assert_error (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_NOT_FOUND);
  g_assert_null (answer);
}

/* Instagram */

static guint
count_comment_listings (HdFakeServer *server)
{
  GPtrArray *requests = hd_fake_server_get_requests (server);
  guint n = 0;

  for (guint i = 0; i < requests->len; i++)
    {
      HdFakeRequest *request = g_ptr_array_index (requests, i);

      if (g_str_equal (request->method, "GET") && g_str_has_suffix (request->path, "/comments"))
        n++;
    }

  return n;
}

static void
test_instagram_incremental (Fixture       *fixture,
                            gconstpointer  data)
{
  HdFakeServer *server = fixture->instagram->facebook->server;
  gint64 since = TEST_NOW - 24 * 3600;
  g_autoptr(HdProviderInbox) first = NULL;
  g_autoptr(HdProviderInbox) second = NULL;
  g_autoptr(GError) error = NULL;
  HdInboxItem *item;
  const char *old;
  const char *question;
  const char *later;

  old = hd_fake_instagram_add_comment (fixture->instagram, fixture->remote_id, "oldfriend",
                                       "Still open?", since - 600);
  question = hd_fake_instagram_add_comment (fixture->instagram, fixture->remote_id,
                                            "alice.walks", "Do you have the green one in M?",
                                            since + 60);
  /* Enough for three pages of fifty. */
  for (guint i = 0; i < 120; i++)
    {
      g_autofree char *text = g_strdup_printf ("Lovely coat number %u", i);

      hd_fake_instagram_add_comment (fixture->instagram, fixture->remote_id, "fan", text,
                                     since + 600 + i);
    }
  hd_fake_server_clear_requests (server);

  first = pull_inbox (fixture, since, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (first);
  g_assert_cmpuint (first->items->len, ==, 1 + 120);
  g_assert_cmpuint (first->deleted->len, ==, 0);
  g_assert_null (first->notice);
  g_assert_null (find_item (first->items, old));

  item = find_item (first->items, question);
  g_assert_nonnull (item);
  g_assert_cmpint (hd_inbox_item_get_kind (item), ==, HD_INBOX_KIND_COMMENT);
  g_assert_cmpstr (hd_inbox_item_get_channel_id (item), ==, hd_channel_get_id (fixture->channel));
  g_assert_cmpstr (hd_inbox_item_get_author_handle (item), ==, "alice.walks");
  g_assert_cmpstr (hd_inbox_item_get_text (item), ==, "Do you have the green one in M?");
  g_assert_cmpstr (hd_inbox_item_get_thread_id (item), ==, fixture->remote_id);
  g_assert_cmpstr (hd_inbox_item_get_parent_id (item), ==, fixture->remote_id);
  g_assert_cmpstr (hd_inbox_item_get_post_id (item), ==, hd_post_get_id (fixture->post));
  g_assert_cmpint (hd_inbox_item_get_received_at (item), ==, since + 60);

  /* Three pages of the medium's comments, the later ones reached with Graph's after cursor. */
  g_assert_cmpuint (count_comment_listings (server), ==, 3);
  g_assert_nonnull (strstr (hd_fake_server_last (server, "GET", "/")->query, "after="));
  save_items (fixture, first->items);

  /* The next look brings only what came since, and nothing counts as deleted. */
  later = hd_fake_instagram_add_comment (fixture->instagram, fixture->remote_id, "carol",
                                         "Do you ship to Ireland?", TEST_NOW + 60);
  second = pull_inbox (fixture, TEST_NOW, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (second->items->len, ==, 1);
  g_assert_cmpstr (hd_inbox_item_get_remote_id (g_ptr_array_index (second->items, 0)), ==,
                   later);
  g_assert_cmpuint (second->deleted->len, ==, 0);
}

static void
test_instagram_deleted (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(HdProviderInbox) first = NULL;
  g_autoptr(HdProviderInbox) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *gone = NULL;

  hd_fake_instagram_add_comment (fixture->instagram, fixture->remote_id, "alice.walks",
                                 "Lovely", TEST_NOW - 600);
  gone = g_strdup (hd_fake_instagram_add_comment (fixture->instagram, fixture->remote_id,
                                                  "spam.bot", "Cheap followers", TEST_NOW - 300));
  first = pull_inbox (fixture, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (first->items->len, ==, 2);
  save_items (fixture, first->items);

  /* Its author deleted it: the next look says so, and only of that one. */
  hd_fake_instagram_delete_comment (fixture->instagram, gone);
  second = pull_inbox (fixture, TEST_NOW, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (second->items->len, ==, 0);
  g_assert_cmpuint (second->deleted->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (second->deleted, 0), ==, gone);
}

static void
test_instagram_reply_and_hide (Fixture       *fixture,
                               gconstpointer  data)
{
  HdFakeServer *server = fixture->instagram->facebook->server;
  g_autoptr(HdProviderInbox) inbox = NULL;
  g_autoptr(HdProviderResult) answer = NULL;
  g_autoptr(GHashTable) form = NULL;
  g_autoptr(GError) error = NULL;
  HdFakeRequest *request;
  HdInboxItem *item;
  JsonObject *comment;
  const char *question;

  question = hd_fake_instagram_add_comment (fixture->instagram, fixture->remote_id,
                                            "alice.walks", "Open on Sunday?", TEST_NOW - 60);
  inbox = pull_inbox (fixture, 0, NULL, &error);
  g_assert_no_error (error);
  item = find_item (inbox->items, question);
  g_assert_nonnull (item);

  answer = reply (fixture, item, "From 10 until 4!", "outbox-row-9", &error);
  g_assert_no_error (error);
  g_assert_nonnull (answer);
  request = hd_fake_server_last (server, "POST", "/");
  g_assert_true (g_str_has_suffix (request->path, "/replies"));
  g_assert_nonnull (strstr (request->path, question));
  comment = hd_fake_instagram_find_comment (fixture->instagram, answer->remote_id);
  g_assert_nonnull (comment);
  g_assert_cmpstr (json_object_get_string_member (comment, "parent_id"), ==, question);
  g_assert_cmpstr (json_object_get_string_member (comment, "text"), ==, "From 10 until 4!");

  g_assert_true (hd_provider_can_hide (fixture->provider));
  g_assert_true (hide (fixture, item, TRUE, &error));
  g_assert_no_error (error);
  request = hd_fake_server_last (server, "POST", "/");
  form = hd_fake_facebook_params (request);
  g_assert_cmpstr (g_hash_table_lookup (form, "hide"), ==, "true");
  g_assert_true (json_object_get_boolean_member (
                   hd_fake_instagram_find_comment (fixture->instagram, question), "hidden"));

  g_assert_true (hide (fixture, item, FALSE, &error));
  g_assert_no_error (error);
  g_assert_false (json_object_get_boolean_member (
                    hd_fake_instagram_find_comment (fixture->instagram, question), "hidden"));

  /* A comment deleted meanwhile cannot be answered: the platform's refusal comes back. */
  hd_fake_instagram_delete_comment (fixture->instagram, question);
  g_clear_pointer (&answer, hd_provider_result_free);
  answer = reply (fixture, item, "Hello?", "outbox-row-10", &error);
  g_assert_error (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_NOT_FOUND);
  g_assert_null (answer);
}

/* X */

static guint
count_requests (HdFakeServer *server,
                const char   *method,
                const char   *path_suffix)
{
  GPtrArray *requests = hd_fake_server_get_requests (server);
  guint n = 0;

  for (guint i = 0; i < requests->len; i++)
    {
      HdFakeRequest *request = g_ptr_array_index (requests, i);

      if (g_str_equal (request->method, method) && g_str_has_suffix (request->path, path_suffix))
        n++;
    }

  return n;
}

static HdFakeRequest *
nth_request (HdFakeServer *server,
             const char   *path_suffix,
             guint         n)
{
  GPtrArray *requests = hd_fake_server_get_requests (server);

  for (guint i = 0; i < requests->len; i++)
    {
      HdFakeRequest *request = g_ptr_array_index (requests, i);

      if (g_str_has_suffix (request->path, path_suffix) && n-- == 0)
        return request;
    }

  return NULL;
}

static void
test_x_cursor (Fixture       *fixture,
               gconstpointer  data)
{
  HdFakeServer *server = fixture->x->server;
  g_autoptr(HdProviderInbox) first = NULL;
  g_autoptr(HdProviderInbox) second = NULL;
  g_autoptr(HdProviderInbox) third = NULL;
  g_autoptr(GHashTable) query = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *cursor = NULL;
  HdInboxItem *item;
  const char *answer;
  const char *mention;
  const char *newest = NULL;

  answer = hd_fake_x_add_mention (fixture->x, "alice", "Alice Baker",
                                  "@cornerbakery Is the spelt one vegan?", fixture->remote_id,
                                  TEST_NOW - 600);
  mention = hd_fake_x_add_mention (fixture->x, "bob", "Bob", "Best rye in town @cornerbakery",
                                   NULL, TEST_NOW - 300);
  newest = hd_fake_x_add_mention (fixture->x, "carol", "Carol", "@cornerbakery open today?",
                                  NULL, TEST_NOW - 60);

  first = pull_inbox (fixture, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (first->items->len, ==, 3);
  g_assert_null (first->notice);
  /* The newest mention's id is where the next look starts. */
  g_assert_cmpstr (first->cursor, ==, newest);
  cursor = g_strdup (first->cursor);

  /* An answer to Herald's post belongs to it, in its conversation. */
  item = find_item (first->items, answer);
  g_assert_nonnull (item);
  g_assert_cmpint (hd_inbox_item_get_kind (item), ==, HD_INBOX_KIND_REPLY);
  g_assert_cmpstr (hd_inbox_item_get_parent_id (item), ==, fixture->remote_id);
  g_assert_cmpstr (hd_inbox_item_get_thread_id (item), ==, fixture->remote_id);
  g_assert_cmpstr (hd_inbox_item_get_post_id (item), ==, hd_post_get_id (fixture->post));
  g_assert_cmpstr (hd_inbox_item_get_author_name (item), ==, "Alice Baker");
  g_assert_cmpstr (hd_inbox_item_get_author_handle (item), ==, "alice");
  g_assert_cmpstr (hd_inbox_item_get_text (item), ==, "@cornerbakery Is the spelt one vegan?");
  g_assert_cmpint (hd_inbox_item_get_received_at (item), ==, TEST_NOW - 600);

  /* A mention elsewhere is one, on no post of Herald's. */
  item = find_item (first->items, mention);
  g_assert_nonnull (item);
  g_assert_cmpint (hd_inbox_item_get_kind (item), ==, HD_INBOX_KIND_MENTION);
  g_assert_null (hd_inbox_item_get_post_id (item));
  g_assert_cmpstr (hd_inbox_item_get_author_handle (item), ==, "bob");

  /* Nothing new: nothing, and the cursor stays where it was. */
  second = pull_inbox (fixture, 0, cursor, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (second->items->len, ==, 0);
  g_assert_true (second->cursor == NULL || g_str_equal (second->cursor, cursor));

  /* A hundred and fifty new ones, two pages of a hundred: all of them, none seen before. */
  for (guint i = 0; i < 150; i++)
    {
      g_autofree char *text = g_strdup_printf ("@cornerbakery loaf %u", i);

      newest = hd_fake_x_add_mention (fixture->x, "fan", "Fan", text, NULL, TEST_NOW + i);
    }
  hd_fake_server_clear_requests (server);
  third = pull_inbox (fixture, 0, cursor, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (third->items->len, ==, 150);
  for (guint i = 0; i < first->items->len; i++)
    g_assert_null (find_item (third->items,
                              hd_inbox_item_get_remote_id (g_ptr_array_index (first->items,
                                                                              i))));
  g_assert_cmpstr (third->cursor, ==, newest);
  g_assert_cmpuint (count_requests (server, "GET", "/mentions"), ==, 2);
  query = soup_form_decode (nth_request (server, "/mentions", 0)->query);
  g_assert_cmpstr (g_hash_table_lookup (query, "since_id"), ==, cursor);
  g_assert_null (g_hash_table_lookup (query, "pagination_token"));
  g_clear_pointer (&query, g_hash_table_unref);
  query = soup_form_decode (nth_request (server, "/mentions", 1)->query);
  g_assert_cmpstr (g_hash_table_lookup (query, "since_id"), ==, cursor);
  g_assert_nonnull (g_hash_table_lookup (query, "pagination_token"));
}

static void
test_x_reply (Fixture       *fixture,
              gconstpointer  data)
{
  HdFakeServer *server = fixture->x->server;
  g_autoptr(HdProviderInbox) inbox = NULL;
  g_autoptr(HdProviderResult) first = NULL;
  g_autoptr(HdProviderResult) again = NULL;
  g_autoptr(HdProviderResult) other = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(GError) error = NULL;
  HdInboxItem *item;
  JsonObject *reply_part;
  const char *question;
  guint n_tweets;

  question = hd_fake_x_add_mention (fixture->x, "alice", "Alice", "@cornerbakery Rye today?",
                                    fixture->remote_id, TEST_NOW - 60);
  inbox = pull_inbox (fixture, 0, NULL, &error);
  g_assert_no_error (error);
  item = find_item (inbox->items, question);
  g_assert_nonnull (item);

  n_tweets = fixture->x->tweets->len;
  first = reply (fixture, item, "@alice Yes, until noon!", "outbox-row-5", &error);
  g_assert_no_error (error);
  g_assert_nonnull (first);
  body = hd_fake_request_get_json (hd_fake_server_last (server, "POST", "/2/tweets"));
  reply_part = json_object_get_object_member (json_node_get_object (body), "reply");
  g_assert_cmpstr (json_object_get_string_member (reply_part, "in_reply_to_tweet_id"), ==,
                   question);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (body), "text"), ==,
                   "@alice Yes, until noon!");
  g_assert_cmpuint (fixture->x->tweets->len, ==, n_tweets + 1);
  g_assert_nonnull (hd_fake_x_find_tweet (fixture->x, first->remote_id));

  /* X keeps no idempotency key. The outbox sends again after a lost answer: Herald finds
   * the answer it already made and posts nothing. */
  hd_fake_server_clear_requests (server);
  again = reply (fixture, item, "@alice Yes, until noon!", "outbox-row-5", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again->remote_id, ==, first->remote_id);
  g_assert_cmpuint (fixture->x->tweets->len, ==, n_tweets + 1);
  g_assert_cmpuint (count_requests (server, "POST", "/2/tweets"), ==, 0);

  /* A different answer to the same post does go out. */
  other = reply (fixture, item, "@alice And spelt on Saturday.", "outbox-row-6", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (other->remote_id, !=, first->remote_id);
  g_assert_cmpuint (fixture->x->tweets->len, ==, n_tweets + 2);

  /* X offers no hiding of replies to Herald. */
  g_assert_false (hd_provider_can_hide (fixture->provider));
  g_assert_false (hide (fixture, item, TRUE, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
}

/* LinkedIn */

#define LINKEDIN_POST "urn:li:share:7140000000000000001"
#define LINKEDIN_MEMBER "urn:li:person:x7Yq2LmN"
#define LINKEDIN_OTHER "urn:li:person:R4dDs9aK"

/* A comment under @under, @minutes after the fixture's clock. */
static char *
linkedin_comment (Fixture    *fixture,
                  const char *under,
                  const char *actor,
                  const char *text,
                  gint         minutes)
{
  return hd_fake_linkedin_add_comment (fixture->linkedin, under, actor, text,
                                       (TEST_NOW + minutes * 60) * 1000);
}

static guint
count_linkedin_listings (Fixture    *fixture,
                        const char *urn)
{
  g_autofree char *path = g_strconcat ("/rest/socialActions/", urn, "/comments", NULL);

  return hd_fake_server_count (fixture->linkedin->server, "GET", path);
}

static void
test_linkedin_comments_and_answers (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(HdProviderInbox) inbox = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *question = NULL;
  g_autofree char *praise = NULL;
  g_autofree char *answer = NULL;
  HdFakeRequest *request;
  HdInboxItem *item;

  question = linkedin_comment (fixture, LINKEDIN_POST, LINKEDIN_MEMBER,
                               "Do you deliver to Leith?", 5);
  praise = linkedin_comment (fixture, LINKEDIN_POST, LINKEDIN_OTHER, "Best rye in town.", 9);
  answer = linkedin_comment (fixture, question, HD_FAKE_LINKEDIN_ORGANIZATION,
                             "Yes, on Thursdays.", 12);

  inbox = pull_inbox (fixture, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (inbox->notice);
  g_assert_cmpuint (inbox->items->len, ==, 3);
  g_assert_cmpuint (inbox->deleted->len, ==, 0);

  item = find_item (inbox->items, question);
  g_assert_nonnull (item);
  g_assert_cmpint (hd_inbox_item_get_kind (item), ==, HD_INBOX_KIND_COMMENT);
  g_assert_cmpstr (hd_inbox_item_get_text (item), ==, "Do you deliver to Leith?");
  /* LinkedIn gives a member's URN, not their name; the URN is not shown. */
  g_assert_cmpstr (hd_inbox_item_get_author_name (item), ==, "A LinkedIn member");
  g_assert_null (hd_inbox_item_get_author_handle (item));
  g_assert_cmpstr (hd_inbox_item_get_thread_id (item), ==, LINKEDIN_POST);
  g_assert_cmpstr (hd_inbox_item_get_parent_id (item), ==, LINKEDIN_POST);
  g_assert_cmpint (hd_inbox_item_get_received_at (item), ==, TEST_NOW + 5 * 60);
  g_assert_cmpstr (hd_inbox_item_get_post_id (item), ==, hd_post_get_id (fixture->post));

  /* The Page's own answer sits under the question, signed with the channel's name. */
  item = find_item (inbox->items, answer);
  g_assert_nonnull (item);
  g_assert_cmpint (hd_inbox_item_get_kind (item), ==, HD_INBOX_KIND_REPLY);
  g_assert_cmpstr (hd_inbox_item_get_parent_id (item), ==, question);
  g_assert_cmpstr (hd_inbox_item_get_thread_id (item), ==, LINKEDIN_POST);
  g_assert_cmpstr (hd_inbox_item_get_author_name (item), ==, "Corner Bakery");
  g_assert_cmpstr (hd_inbox_item_get_text (item), ==, "Yes, on Thursdays.");

  g_assert_nonnull (find_item (inbox->items, praise));

  /* The versioned API, and the answers read only where LinkedIn counts some. */
  request = hd_fake_server_last (fixture->linkedin->server, "GET", "/rest/socialActions/");
  g_assert_cmpstr (soup_message_headers_get_one (request->headers, "LinkedIn-Version"), ==,
                   HD_LINKEDIN_VERSION);
  g_assert_cmpstr (soup_message_headers_get_one (request->headers,
                                                 "X-Restli-Protocol-Version"), ==, "2.0.0");
  g_assert_cmpuint (count_linkedin_listings (fixture, LINKEDIN_POST), ==, 1);
  g_assert_cmpuint (count_linkedin_listings (fixture, question), ==, 1);
  g_assert_cmpuint (count_linkedin_listings (fixture, praise), ==, 0);
}

static void
test_linkedin_paging_and_since (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(HdProviderInbox) first = NULL;
  g_autoptr(HdProviderInbox) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *late = NULL;
  g_autofree char *missed = NULL;
  gboolean saw_second_page = FALSE;
  GPtrArray *requests;

  /* More than one page of LinkedIn's answer. */
  for (guint i = 0; i < 60; i++)
    {
      g_autofree char *text = g_strdup_printf ("Comment %u", i);
      g_autofree char *urn = linkedin_comment (fixture, LINKEDIN_POST, LINKEDIN_OTHER, text, i);
    }

  first = pull_inbox (fixture, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (first->items->len, ==, 60);
  g_assert_cmpuint (count_linkedin_listings (fixture, LINKEDIN_POST), ==, 2);
  requests = hd_fake_server_get_requests (fixture->linkedin->server);
  for (guint i = 0; i < requests->len; i++)
    {
      HdFakeRequest *request = g_ptr_array_index (requests, i);

      if (g_strcmp0 (request->query, "start=50&count=50") == 0)
        saw_second_page = TRUE;
    }
  g_assert_true (saw_second_page);
  save_items (fixture, first->items);

  /* The next look brings what came since, and nothing seen before. */
  missed = linkedin_comment (fixture, LINKEDIN_POST, LINKEDIN_MEMBER, "From before", -30);
  late = linkedin_comment (fixture, LINKEDIN_POST, LINKEDIN_MEMBER, "Open on Sunday?", 90);
  second = pull_inbox (fixture, TEST_NOW + 60 * 60, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (second->items->len, ==, 1);
  g_assert_nonnull (find_item (second->items, late));
  g_assert_cmpuint (second->deleted->len, ==, 0);
}

static void
test_linkedin_deleted (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(HdProviderInbox) first = NULL;
  g_autoptr(HdProviderInbox) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *gone = NULL;

  kept = linkedin_comment (fixture, LINKEDIN_POST, LINKEDIN_MEMBER, "Lovely crust", 1);
  gone = linkedin_comment (fixture, LINKEDIN_POST, LINKEDIN_OTHER, "Wrong post, sorry", 2);
  first = pull_inbox (fixture, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (first->items->len, ==, 2);
  save_items (fixture, first->items);

  hd_fake_linkedin_remove_comment (fixture->linkedin, gone);
  second = pull_inbox (fixture, TEST_NOW + 60, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (second->items->len, ==, 0);
  g_assert_cmpuint (second->deleted->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (second->deleted, 0), ==, gone);
}

static void
test_linkedin_reply (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(HdProviderInbox) inbox = NULL;
  g_autoptr(HdProviderResult) answer = NULL;
  g_autoptr(HdProviderResult) second = NULL;
  g_autoptr(HdProviderResult) refused = NULL;
  g_autoptr(HdInboxItem) not_linkedin = hd_inbox_item_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *question = NULL;
  g_autofree char *follow_up = NULL;
  g_autofree char *thread = NULL;
  HdFakeRequest *request;
  JsonObject *sent;
  JsonObject *stored;

  question = linkedin_comment (fixture, LINKEDIN_POST, LINKEDIN_MEMBER, "Gluten free?", 3);
  follow_up = linkedin_comment (fixture, question, LINKEDIN_OTHER, "Asking too!", 4);
  inbox = pull_inbox (fixture, 0, NULL, &error);
  g_assert_no_error (error);
  hd_fake_server_clear_requests (fixture->linkedin->server);

  answer = reply (fixture, find_item (inbox->items, question), "Yes, the spelt loaf.",
                  "outbox-row-3", &error);
  g_assert_no_error (error);
  g_assert_nonnull (answer);

  /* LinkedIn got the reply as a comment on the comment, from the Page. */
  request = hd_fake_server_last (fixture->linkedin->server, "POST", "/rest/socialActions/");
  g_assert_nonnull (request);
  body = hd_fake_request_get_json (request);
  sent = json_node_get_object (body);
  thread = hd_linkedin_comment_thread (question);
  g_assert_cmpstr (json_object_get_string_member (sent, "actor"), ==,
                   HD_FAKE_LINKEDIN_ORGANIZATION);
  g_assert_cmpstr (json_object_get_string_member (sent, "object"), ==, thread);
  g_assert_cmpstr (json_object_get_string_member (sent, "parentComment"), ==, question);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (sent, "message"),
                                                  "text"), ==, "Yes, the spelt loaf.");

  /* Its URN is the one LinkedIn keeps, so the next look knows it. */
  g_assert_true (hd_linkedin_is_comment_urn (answer->remote_id));
  stored = json_node_get_object (g_ptr_array_index (fixture->linkedin->comments,
                                                    fixture->linkedin->comments->len - 1));
  g_assert_cmpstr (answer->remote_id, ==, json_object_get_string_member (stored, "$URN"));
  g_assert_cmpstr (json_object_get_string_member (stored, "parentComment"), ==, question);

  /* An answer to an answer goes under the same first-level comment. */
  second = reply (fixture, find_item (inbox->items, follow_up), "Both of you: yes.",
                  "outbox-row-4", &error);
  g_assert_no_error (error);
  stored = json_node_get_object (g_ptr_array_index (fixture->linkedin->comments,
                                                    fixture->linkedin->comments->len - 1));
  g_assert_cmpstr (json_object_get_string_member (stored, "parentComment"), ==, question);
  g_assert_cmpstr (second->remote_id, ==, json_object_get_string_member (stored, "$URN"));

  /* What is not a comment URN never reaches a URL. */
  hd_fake_server_clear_requests (fixture->linkedin->server);
  hd_inbox_item_set_channel_id (not_linkedin, hd_channel_get_id (fixture->channel));
  hd_inbox_item_set_remote_id (not_linkedin, "urn:li:comment:(urn:li:share:1,2)/../../posts");
  refused = reply (fixture, not_linkedin, "Thank you!", "outbox-row-5", &error);
  g_assert_error (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_NOT_FOUND);
  g_assert_null (refused);
  g_assert_false (hd_provider_can_hide (fixture->provider));
  g_assert_cmpuint (hd_fake_server_get_requests (fixture->linkedin->server)->len, ==, 0);
}

static void
test_linkedin_missing_permission (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(HdProviderInbox) inbox = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(HdChannel) stored = NULL;
  g_autofree char *urn = NULL;

  urn = linkedin_comment (fixture, LINKEDIN_POST, LINKEDIN_MEMBER, "Hello", 1);
  fixture->linkedin->comments_forbidden = TRUE;

  /* No failure: a sentence for the channel that says which permission to ask for. */
  inbox = pull_inbox (fixture, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (inbox);
  g_assert_cmpuint (inbox->items->len, ==, 0);
  g_assert_cmpuint (inbox->deleted->len, ==, 0);
  g_assert_nonnull (inbox->notice);
  g_assert_nonnull (strstr (inbox->notice, "r_organization_social"));
  g_assert_nonnull (strstr (inbox->notice, "Corner Bakery"));

  stored = hd_store_load_channel (fixture->env.store, hd_channel_get_id (fixture->channel),
                                  &error);
  g_assert_no_error (error);
  g_assert_cmpint (hd_channel_get_state (stored), ==, HD_CHANNEL_STATE_CONNECTED);
}

static void
test_linkedin_unauthorized (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(HdProviderInbox) inbox = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(HdChannel) stored = NULL;

  /* The member revoked the app on linkedin.com. */
  g_free (fixture->linkedin->access_token);
  fixture->linkedin->access_token = g_strdup ("another-token");
  inbox = pull_inbox (fixture, 0, NULL, &error);
  g_assert_null (inbox);
  g_assert_error (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_AUTH);
  g_clear_error (&error);

  stored = hd_store_load_channel (fixture->env.store, hd_channel_get_id (fixture->channel),
                                  &error);
  g_assert_no_error (error);
  g_assert_cmpint (hd_channel_get_state (stored), ==, HD_CHANNEL_STATE_NEEDS_RECONNECT);
}

static void
test_linkedin_daily_limit (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(HdProviderInbox) inbox = NULL;
  g_autoptr(GError) error = NULL;

  fixture->linkedin->calls_left_today = 0;
  inbox = pull_inbox (fixture, 0, NULL, &error);
  g_assert_null (inbox);
  g_assert_error (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_RATE_LIMITED);
  /* 10:00 UTC: LinkedIn's day starts again in 14 hours. */
  g_assert_cmpuint (hd_provider_error_get_retry_after (error), ==, 14 * 60 * 60);
}

static void
test_linkedin_malformed (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(HdProviderInbox) broken = NULL;
  g_autoptr(HdProviderInbox) inbox = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *urn = NULL;

  urn = linkedin_comment (fixture, LINKEDIN_POST, LINKEDIN_MEMBER, "Still there?", 1);
  hd_fake_server_add_fault (fixture->linkedin->server, "GET", "/rest/socialActions/",
                            HD_FAKE_FAULT_MALFORMED, 200, NULL, NULL, 0);
  broken = pull_inbox (fixture, 0, NULL, &error);
  g_assert_null (broken);
  g_assert_error (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_TRANSIENT);
  g_assert_nonnull (strstr (error->message, "could not"));
  g_clear_error (&error);

  /* An answer of the wrong shape is no better. */
  hd_fake_server_add_fault (fixture->linkedin->server, "GET", "/rest/socialActions/",
                            HD_FAKE_FAULT_WRONG_SHAPE, 200, "{\"elements\":{}}", NULL, 0);
  broken = pull_inbox (fixture, 0, NULL, &error);
  g_assert_null (broken);
  g_assert_error (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_TRANSIENT);
  g_clear_error (&error);

  /* Nothing was lost: the next look reads it all. */
  inbox = pull_inbox (fixture, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (inbox->items->len, ==, 1);
  g_assert_nonnull (find_item (inbox->items, urn));
}

/* Mastodon */

static guint
count_notification_requests (HdFakeServer *server)
{
  GPtrArray *requests = hd_fake_server_get_requests (server);
  guint n = 0;

  for (guint i = 0; i < requests->len; i++)
    if (g_str_equal (((HdFakeRequest *) g_ptr_array_index (requests, i))->path,
                     "/api/v1/notifications"))
      n++;

  return n;
}

/* The id of the newest notification, which Herald keeps as the cursor. */
static const char *
newest_notification (HdFakeMastodon *fake)
{
  JsonNode *node = g_ptr_array_index (fake->notifications, fake->notifications->len - 1);

  return json_object_get_string_member (json_node_get_object (node), "id");
}

static void
test_mastodon_cursor (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(HdProviderInbox) first = NULL;
  g_autoptr(HdProviderInbox) second = NULL;
  g_autoptr(HdProviderInbox) third = NULL;
  g_autoptr(GHashTable) query = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *cursor = NULL;
  HdFakeRequest *request;
  for (guint i = 0; i < 3; i++)
    hd_fake_mastodon_add_notification (fixture->mastodon, "mention", "fan@crumbs.example",
                                                "Fan", "@bakery hello", NULL,
                                                TEST_NOW - 600 + i);

  first = pull_inbox (fixture, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (first->items->len, ==, 3);
  g_assert_cmpstr (first->cursor, ==, newest_notification (fixture->mastodon));
  cursor = g_strdup (first->cursor);

  /* Nothing new: nothing, and the cursor stays where it was. */
  second = pull_inbox (fixture, 0, cursor, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (second->items->len, ==, 0);
  g_assert_true (second->cursor == NULL || g_str_equal (second->cursor, cursor));

  /* Ninety new ones, more than two pages of forty, and a like that is not for the inbox: all
   * ninety come, read forward from the cursor, and none of the three seen before. */
  for (guint i = 0; i < 90; i++)
    {
      g_autofree char *text = g_strdup_printf ("@bakery loaf %u", i);

      hd_fake_mastodon_add_notification (fixture->mastodon, "mention", "fan@crumbs.example",
                                         "Fan", text, NULL, TEST_NOW + i);
      if (i == 45)
        hd_fake_mastodon_add_notification (fixture->mastodon, "favourite", "quiet@crumbs.example",
                                           "Quiet", "", NULL, TEST_NOW + i);
    }
  hd_fake_server_clear_requests (fixture->mastodon->server);
  third = pull_inbox (fixture, 0, cursor, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (third->items->len, ==, 90);
  for (guint i = 0; i < first->items->len; i++)
    g_assert_null (find_item (third->items,
                              hd_inbox_item_get_remote_id (g_ptr_array_index (first->items,
                                                                              i))));
  g_assert_cmpstr (third->cursor, ==, newest_notification (fixture->mastodon));
  g_assert_cmpuint (count_notification_requests (fixture->mastodon->server), ==, 3);
  request = g_ptr_array_index (hd_fake_server_get_requests (fixture->mastodon->server), 0);
  query = soup_form_decode (request->query);
  g_assert_cmpstr (g_hash_table_lookup (query, "min_id"), ==, cursor);
  g_assert_cmpstr (g_hash_table_lookup (query, "types[]"), ==, "mention");
}

static void
test_mastodon_reply (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(HdProviderInbox) inbox = NULL;
  g_autoptr(HdProviderResult) first = NULL;
  g_autoptr(HdProviderResult) again = NULL;
  g_autoptr(GError) error = NULL;
  HdFakeRequest *request;
  HdInboxItem *item;
  const char *question;
  guint n_statuses;

  question = hd_fake_mastodon_add_notification (fixture->mastodon, "mention",
                                                "alice@elsewhere.example", "Alice",
                                                "@bakery Rye?", fixture->remote_id,
                                                TEST_NOW - 60);
  inbox = pull_inbox (fixture, 0, NULL, &error);
  g_assert_no_error (error);
  item = find_item (inbox->items, question);
  g_assert_nonnull (item);
  g_assert_cmpint (hd_inbox_item_get_kind (item), ==, HD_INBOX_KIND_REPLY);

  n_statuses = fixture->mastodon->statuses->len;
  first = reply (fixture, item, "@alice@elsewhere.example Yes!", "outbox-row-77", &error);
  g_assert_no_error (error);
  request = hd_fake_server_last (fixture->mastodon->server, "POST", "/api/v1/statuses");
  g_assert_cmpstr (soup_message_headers_get_one (request->headers, "Idempotency-Key"), ==,
                   "outbox-row-77");

  /* The outbox sends again after a lost answer: the key keeps it to one reply. */
  again = reply (fixture, item, "@alice@elsewhere.example Yes!", "outbox-row-77", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again->remote_id, ==, first->remote_id);
  g_assert_cmpuint (fixture->mastodon->statuses->len, ==, n_statuses + 1);

  /* Mastodon has no hiding of replies to one's posts. */
  g_assert_false (hd_provider_can_hide (fixture->provider));
  g_assert_false (hide (fixture, item, TRUE, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  g_assert_nonnull (strstr (error->message, "Mastodon"));
}

/* Bluesky */

static void
test_bluesky_without_app_view (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(HdProviderInbox) inbox = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  hd_fake_bluesky_add_mention (fixture->bluesky, "did:plc:alice5x3n", "alice.test", "Alice",
                               "@" HD_FAKE_BLUESKY_HANDLE " hi", TEST_NOW - 60);
  fixture->bluesky->no_app_view = TRUE;

  /* The round goes on: no error, nothing fetched, a sentence for the channel. */
  inbox = pull_inbox (fixture, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (inbox);
  g_assert_cmpuint (inbox->items->len, ==, 0);
  g_assert_nonnull (inbox->notice);
  g_assert_true (g_str_has_prefix (inbox->notice,
                                   "This Bluesky server does not offer notifications; "));
  g_assert_cmpint (hd_channel_get_state (fixture->channel), ==, HD_CHANNEL_STATE_CONNECTED);

  /* Asked without a cursor, the same sentence explains why nothing came. */
  hd_provider_fetch_inbox_async (fixture->provider, 0, NULL, test_store_result, &result);
  items = hd_provider_fetch_inbox_finish (fixture->provider, test_wait (&result), &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  g_assert_cmpstr (error->message, ==, inbox->notice);
  g_assert_null (items);

  /* Once the server has one, the mention comes. */
  g_clear_pointer (&inbox, hd_provider_inbox_free);
  g_clear_error (&error);
  fixture->bluesky->no_app_view = FALSE;
  inbox = pull_inbox (fixture, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (inbox->items->len, ==, 1);
  g_assert_null (inbox->notice);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func, set_up) \
  g_test_add ("/herald/channels/inbox/" path, Fixture, NULL, set_up, func, fixture_tear_down)

  ADD ("facebook/incremental", test_facebook_incremental, facebook_set_up);
  ADD ("facebook/deleted", test_facebook_deleted, facebook_set_up);
  ADD ("facebook/reply-and-hide", test_facebook_reply_and_hide, facebook_set_up);
  ADD ("mastodon/cursor", test_mastodon_cursor, mastodon_set_up);
  ADD ("mastodon/reply", test_mastodon_reply, mastodon_set_up);
  ADD ("bluesky/without-app-view", test_bluesky_without_app_view, bluesky_set_up);
  ADD ("instagram/incremental", test_instagram_incremental, instagram_set_up);
  ADD ("instagram/deleted", test_instagram_deleted, instagram_set_up);
  ADD ("instagram/reply-and-hide", test_instagram_reply_and_hide, instagram_set_up);
  ADD ("x/cursor", test_x_cursor, x_set_up);
  ADD ("x/reply", test_x_reply, x_set_up);
  ADD ("linkedin/comments-and-answers", test_linkedin_comments_and_answers, linkedin_set_up);
  ADD ("linkedin/paging-and-since", test_linkedin_paging_and_since, linkedin_set_up);
  ADD ("linkedin/deleted", test_linkedin_deleted, linkedin_set_up);
  ADD ("linkedin/reply", test_linkedin_reply, linkedin_set_up);
  ADD ("linkedin/403-names-the-permission", test_linkedin_missing_permission, linkedin_set_up);
  ADD ("linkedin/401-needs-reconnect", test_linkedin_unauthorized, linkedin_set_up);
  ADD ("linkedin/429-until-midnight-utc", test_linkedin_daily_limit, linkedin_set_up);
  ADD ("linkedin/malformed-loses-nothing", test_linkedin_malformed, linkedin_set_up);

#undef ADD

  return g_test_run ();
}
