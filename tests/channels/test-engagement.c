/* test-engagement.c: what comes back from Mastodon and Bluesky (mentions and replies for the
 * inbox, answers to them, and the counts of a published post), against the fakes
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define _GNU_SOURCE

#include "hd-fake-bluesky.h"
#include "hd-fake-mastodon.h"
#include "hd-test-channels.h"

#define MASTODON_TOKEN "mastodon-token-7c1e0b"

typedef struct
{
  TestEnv         env;
  HdFakeMastodon *mastodon;
  HdFakeBluesky  *bluesky;
  HdChannel      *channel;
  HdProvider     *provider;
  /* the post Herald published, as the store and the platform know it */
  HdPost         *post;
  char           *remote_id;
} Fixture;

/* A post that went out on the fixture's channel: the platform holds it, and the store knows
 * its variant by the platform's id, as after the sender's round. */
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
mastodon_set_up (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  test_env_init (&fixture->env);
  fixture->mastodon = hd_fake_mastodon_new ();
  fixture->mastodon->now = TEST_NOW;
  fixture->mastodon->access_token = g_strdup (MASTODON_TOKEN);

  /* What connecting leaves behind: the channel in the store, its token in the keyring. */
  fixture->channel = hd_channel_new ();
  hd_channel_set_kind (fixture->channel, HD_CHANNEL_KIND_MASTODON);
  hd_channel_set_display_name (fixture->channel, "Corner Bakery");
  hd_channel_set_handle (fixture->channel, "@bakery@bakery.example");
  hd_channel_set_base_url (fixture->channel, hd_fake_mastodon_get_url (fixture->mastodon));
  hd_channel_set_remote_account_id (fixture->channel, fixture->mastodon->account_id);
  hd_channel_set_state (fixture->channel, HD_CHANNEL_STATE_CONNECTED);
  hd_store_save_channel (fixture->env.store, fixture->channel, &error);
  g_assert_no_error (error);

  hd_secrets_store_async (hd_channel_get_id (fixture->channel), HD_SECRET_KIND_ACCESS_TOKEN,
                          "Herald: Mastodon access token", MASTODON_TOKEN, NULL,
                          test_store_result, &result);
  g_assert_true (hd_secrets_store_finish (test_wait (&result), &error));
  g_assert_no_error (error);

  fixture->provider = hd_provider_new_for_channel (fixture->env.http, fixture->env.store,
                                                   fixture->channel, &error);
  g_assert_no_error (error);

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

  publish_post (fixture, "Rye and spelt loaves are back on Saturday.");
  hd_fake_server_clear_requests (fixture->bluesky->server);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->provider);
  g_clear_object (&fixture->channel);
  g_clear_object (&fixture->post);
  g_free (fixture->remote_id);
  g_clear_pointer (&fixture->mastodon, hd_fake_mastodon_free);
  g_clear_pointer (&fixture->bluesky, hd_fake_bluesky_free);
  test_env_clear (&fixture->env);
}

static GPtrArray *
fetch_inbox (Fixture  *fixture,
             gint64    since,
             GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  hd_provider_fetch_inbox_async (fixture->provider, since, NULL, test_store_result, &result);
  return hd_provider_fetch_inbox_finish (fixture->provider, test_wait (&result), error);
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

static GPtrArray *
fetch_metrics (Fixture     *fixture,
               const char  *remote_id,
               GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  hd_provider_fetch_metrics_async (fixture->provider, remote_id, NULL, test_store_result,
                                   &result);
  return hd_provider_fetch_metrics_finish (fixture->provider, test_wait (&result), error);
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

static guint
count_kind (GPtrArray   *items,
            HdInboxKind  kind)
{
  guint n = 0;

  for (guint i = 0; i < items->len; i++)
    if (hd_inbox_item_get_kind (g_ptr_array_index (items, i)) == kind)
      n++;

  return n;
}

static HdMetric *
find_metric (GPtrArray  *metrics,
             const char *name)
{
  for (guint i = 0; i < metrics->len; i++)
    if (g_strcmp0 (hd_metric_get_name (g_ptr_array_index (metrics, i)), name) == 0)
      return g_ptr_array_index (metrics, i);

  return NULL;
}

/* Each metric lands in the store under a name the Reports page reads, on the local post. */
static void
assert_metrics (Fixture    *fixture,
                GPtrArray  *metrics,
                const char *name,
                gint64      value)
{
  g_autoptr(GListModel) stored = NULL;
  g_autoptr(HdMetric) first = NULL;
  g_autoptr(GError) error = NULL;
  HdMetric *metric = find_metric (metrics, name);

  g_assert_nonnull (metric);
  g_assert_cmpint (hd_metric_get_subject (metric), ==, HD_METRIC_SUBJECT_POST);
  g_assert_cmpstr (hd_metric_get_subject_id (metric), ==, hd_post_get_id (fixture->post));
  g_assert_cmpstr (hd_metric_get_channel_id (metric), ==, hd_channel_get_id (fixture->channel));
  g_assert_cmpint (hd_metric_get_measured_at (metric), ==, TEST_NOW);
  g_assert_cmpint (hd_metric_get_value (metric), ==, value);

  g_assert_true (hd_store_add_metric (fixture->env.store, metric, &error));
  g_assert_no_error (error);
  stored = hd_store_list_metrics (fixture->env.store, HD_METRIC_SUBJECT_POST,
                                  hd_post_get_id (fixture->post), name, 0, G_MAXINT64, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (stored), ==, 1);
  first = g_list_model_get_item (stored, 0);
  g_assert_cmpint (hd_metric_get_value (first), ==, value);
}

/* Mastodon */

static void
test_mastodon_inbox (Fixture       *fixture,
                     gconstpointer  data)
{
  gint64 since = TEST_NOW - 24 * 3600;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) inbox = NULL;
  g_autoptr(GHashTable) query = NULL;
  HdFakeRequest *request;
  HdInboxItem *item;
  const char *old;
  const char *answer;
  const char *elsewhere;
  GPtrArray *requests;
  guint n_notifications = 0;

  /* From before the last look: not news. */
  old = hd_fake_mastodon_add_notification (fixture->mastodon, "mention", "old@elsewhere.example",
                                           "Old Friend", "@bakery still open?", NULL,
                                           since - 3600);
  /* The oldest of the day, so it only comes on the second page. */
  answer = hd_fake_mastodon_add_notification (fixture->mastodon, "mention",
                                              "alice@elsewhere.example", "Alice Baker",
                                              "@bakery Do you have rye & spelt?\n"
                                              "Asking for <Sunday>",
                                              fixture->remote_id, since + 60);
  elsewhere = hd_fake_mastodon_add_notification (fixture->mastodon, "mention", "bob",
                                                 "Bob", "@bakery @carol@elsewhere.example you "
                                                 "two should meet", "1099000001", since + 120);
  for (guint i = 0; i < 45; i++)
    {
      g_autofree char *text = g_strdup_printf ("@bakery loved loaf number %u", i);

      hd_fake_mastodon_add_notification (fixture->mastodon, "mention", "fan@crumbs.example",
                                         "Fan", text, NULL, since + 600 + i * 60);
      /* Likes and follows are not for the inbox. */
      hd_fake_mastodon_add_notification (fixture->mastodon, i % 2 ? "favourite" : "follow",
                                         "quiet@crumbs.example", "Quiet", "", NULL,
                                         since + 630 + i * 60);
    }

  items = fetch_inbox (fixture, since, &error);
  g_assert_no_error (error);
  g_assert_nonnull (items);

  /* Every mention of the day, the answer on the second page included, and nothing else. */
  g_assert_cmpuint (items->len, ==, 47);
  g_assert_null (find_item (items, old));
  g_assert_cmpuint (count_kind (items, HD_INBOX_KIND_REPLY), ==, 1);
  g_assert_cmpuint (count_kind (items, HD_INBOX_KIND_MENTION), ==, 46);

  item = find_item (items, answer);
  g_assert_nonnull (item);
  g_assert_cmpint (hd_inbox_item_get_kind (item), ==, HD_INBOX_KIND_REPLY);
  g_assert_cmpstr (hd_inbox_item_get_channel_id (item), ==, hd_channel_get_id (fixture->channel));
  g_assert_cmpstr (hd_inbox_item_get_author_name (item), ==, "Alice Baker");
  g_assert_cmpstr (hd_inbox_item_get_author_handle (item), ==, "alice@elsewhere.example");
  g_assert_cmpstr (hd_inbox_item_get_text (item), ==,
                   "@bakery Do you have rye & spelt?\nAsking for <Sunday>");
  g_assert_cmpstr (hd_inbox_item_get_parent_id (item), ==, fixture->remote_id);
  g_assert_cmpstr (hd_inbox_item_get_thread_id (item), ==, fixture->remote_id);
  g_assert_cmpstr (hd_inbox_item_get_post_id (item), ==, hd_post_get_id (fixture->post));
  g_assert_cmpint (hd_inbox_item_get_received_at (item), ==, since + 60);

  /* A mention in someone else's conversation answers none of the bakery's posts. */
  item = find_item (items, elsewhere);
  g_assert_nonnull (item);
  g_assert_cmpint (hd_inbox_item_get_kind (item), ==, HD_INBOX_KIND_MENTION);
  g_assert_cmpstr (hd_inbox_item_get_text (item), ==,
                   "@bakery @carol you two should meet");
  g_assert_cmpstr (hd_inbox_item_get_parent_id (item), ==, "1099000001");
  g_assert_null (hd_inbox_item_get_post_id (item));

  /* Two pages: the first asked for mentions only, the second followed the Link header and
   * the paging stopped at the first notification older than @since. */
  requests = hd_fake_server_get_requests (fixture->mastodon->server);
  for (guint i = 0; i < requests->len; i++)
    if (g_str_equal (((HdFakeRequest *) g_ptr_array_index (requests, i))->path,
                     "/api/v1/notifications"))
      n_notifications++;
  g_assert_cmpuint (n_notifications, ==, 2);
  request = hd_fake_server_last (fixture->mastodon->server, "GET", "/api/v1/notifications");
  query = soup_form_decode (request->query);
  g_assert_cmpstr (g_hash_table_lookup (query, "types[]"), ==, "mention");
  g_assert_nonnull (g_hash_table_lookup (query, "max_id"));

  /* What the inbox page lists. */
  for (guint i = 0; i < items->len; i++)
    {
      hd_store_save_inbox_item (fixture->env.store, g_ptr_array_index (items, i), &error);
      g_assert_no_error (error);
    }
  inbox = hd_store_list_inbox (fixture->env.store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (inbox), ==, 47);
}

static void
test_mastodon_inbox_error (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) reset = g_date_time_new_from_unix_utc (TEST_NOW + 30);
  g_autofree char *reset_text = g_date_time_format_iso8601 (reset);
  /* What Mastodon sends with a 429: the spent window and when it comes back. */
  const char * const headers[] = {
    "X-RateLimit-Limit", "300", "X-RateLimit-Remaining", "0", "X-RateLimit-Reset", reset_text,
    "Retry-After", "30", NULL
  };

  hd_fake_server_add_fault (fixture->mastodon->server, "GET", "/api/v1/notifications",
                            HD_FAKE_FAULT_STATUS, 429, "{\"error\":\"Too many requests\"}",
                            headers, 0);
  items = fetch_inbox (fixture, 0, &error);
  g_assert_error (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_RATE_LIMITED);
  g_assert_cmpuint (hd_provider_error_get_retry_after (error), ==, 30);
  g_assert_null (items);
}

static void
test_mastodon_reply (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(HdProviderResult) first = NULL;
  g_autoptr(HdProviderResult) again = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(GError) error = NULL;
  HdFakeRequest *request;
  JsonObject *sent;
  JsonObject *status;
  HdInboxItem *item;
  const char *answer;
  guint n_statuses;

  answer = hd_fake_mastodon_add_notification (fixture->mastodon, "mention",
                                              "alice@elsewhere.example", "Alice Baker",
                                              "@bakery Do you have rye?", fixture->remote_id,
                                              TEST_NOW - 60);
  items = fetch_inbox (fixture, 0, &error);
  g_assert_no_error (error);
  item = find_item (items, answer);
  g_assert_nonnull (item);

  n_statuses = fixture->mastodon->statuses->len;
  first = reply (fixture, item, "@alice@elsewhere.example Yes, from 8 on Sunday!",
                 "outbox-row-4471", &error);
  g_assert_no_error (error);
  g_assert_nonnull (first);
  g_assert_nonnull (first->remote_id);
  g_assert_cmpuint (fixture->mastodon->statuses->len, ==, n_statuses + 1);

  request = hd_fake_server_last (fixture->mastodon->server, "POST", "/api/v1/statuses");
  g_assert_cmpstr (soup_message_headers_get_one (request->headers, "Idempotency-Key"), ==,
                   "outbox-row-4471");
  body = hd_fake_request_get_json (request);
  sent = json_node_get_object (body);
  g_assert_cmpstr (json_object_get_string_member (sent, "in_reply_to_id"), ==, answer);
  g_assert_cmpstr (json_object_get_string_member (sent, "status"), ==,
                   "@alice@elsewhere.example Yes, from 8 on Sunday!");

  status = hd_fake_mastodon_find_status (fixture->mastodon, first->remote_id);
  g_assert_nonnull (status);
  g_assert_cmpstr (json_object_get_string_member (status, "in_reply_to_id"), ==, answer);

  /* A retry after a lost answer carries the same key: no second reply. */
  again = reply (fixture, item, "@alice@elsewhere.example Yes, from 8 on Sunday!",
                 "outbox-row-4471", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again->remote_id, ==, first->remote_id);
  g_assert_cmpuint (fixture->mastodon->statuses->len, ==, n_statuses + 1);

  /* A refusal comes back with the platform's words. */
  fixture->mastodon->max_characters = 10;
  g_clear_pointer (&again, hd_provider_result_free);
  again = reply (fixture, item, "Far too long for this instance", "outbox-row-4472", &error);
  g_assert_error (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "character limit"));
  g_assert_null (again);
}

static void
test_mastodon_metrics (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) metrics = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *status = hd_fake_mastodon_find_status (fixture->mastodon, fixture->remote_id);

  json_object_set_int_member (status, "favourites_count", 12);
  json_object_set_int_member (status, "reblogs_count", 3);
  json_object_set_int_member (status, "replies_count", 4);

  metrics = fetch_metrics (fixture, fixture->remote_id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (metrics);
  g_assert_cmpuint (metrics->len, ==, 3);
  assert_metrics (fixture, metrics, HD_METRIC_REACTIONS, 12);
  assert_metrics (fixture, metrics, HD_METRIC_REPOSTS, 3);
  assert_metrics (fixture, metrics, HD_METRIC_REPLIES, 4);
  g_assert_true (hd_fake_server_last (fixture->mastodon->server, "GET",
                                      "/api/v1/statuses/") != NULL);

  /* Deleted on the platform. */
  g_clear_pointer (&metrics, g_ptr_array_unref);
  metrics = fetch_metrics (fixture, "1100999999", &error);
  g_assert_error (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_NOT_FOUND);
  g_assert_null (metrics);
}

/* Bluesky */

static void
test_bluesky_inbox (Fixture       *fixture,
                    gconstpointer  data)
{
  gint64 since = TEST_NOW - 24 * 3600;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) reasons = NULL;
  HdFakeRequest *request;
  HdInboxItem *item;
  const char *old;
  const char *answer;
  const char *deeper;
  const char *mention;
  GPtrArray *requests;
  guint n_lists = 0;

  old = hd_fake_bluesky_add_mention (fixture->bluesky, "did:plc:old3k", "old.test", "Old",
                                     "@" HD_FAKE_BLUESKY_HANDLE " still open?", since - 60);
  answer = hd_fake_bluesky_add_reply (fixture->bluesky, "did:plc:alice5x3n", "alice.test",
                                      "Alice Baker", "Do you have rye & spelt? 🥖",
                                      fixture->remote_id, since + 60);
  /* An answer to Alice's answer, further down the bakery's thread. */
  deeper = hd_fake_bluesky_add_reply (fixture->bluesky, "did:plc:bob7q", "bob.test", "Bob",
                                      "Seconded!", answer, since + 120);
  mention = hd_fake_bluesky_add_mention (fixture->bluesky, "did:plc:carol2", "carol.test",
                                         NULL, "Best croissants: @" HD_FAKE_BLUESKY_HANDLE,
                                         since + 180);
  for (guint i = 0; i < 55; i++)
    {
      g_autofree char *text = g_strdup_printf ("@" HD_FAKE_BLUESKY_HANDLE " loaf %u", i);

      hd_fake_bluesky_add_mention (fixture->bluesky, "did:plc:fan9", "fan.test", "Fan", text,
                                   since + 600 + i * 60);
      /* Likes and reposts are not for the inbox. */
      hd_fake_bluesky_add_notification (fixture->bluesky, i % 2 ? "like" : "repost",
                                        "did:plc:fan9", "fan.test", fixture->remote_id,
                                        since + 630 + i * 60);
    }

  items = fetch_inbox (fixture, since, &error);
  g_assert_no_error (error);
  g_assert_nonnull (items);

  /* Every mention and reply of the day, over two pages, and nothing else. */
  g_assert_cmpuint (items->len, ==, 2 + 1 + 55);
  g_assert_null (find_item (items, old));
  g_assert_cmpuint (count_kind (items, HD_INBOX_KIND_REPLY), ==, 2);
  g_assert_cmpuint (count_kind (items, HD_INBOX_KIND_MENTION), ==, 56);

  item = find_item (items, answer);
  g_assert_nonnull (item);
  g_assert_cmpint (hd_inbox_item_get_kind (item), ==, HD_INBOX_KIND_REPLY);
  g_assert_cmpstr (hd_inbox_item_get_channel_id (item), ==, hd_channel_get_id (fixture->channel));
  g_assert_cmpstr (hd_inbox_item_get_author_name (item), ==, "Alice Baker");
  g_assert_cmpstr (hd_inbox_item_get_author_handle (item), ==, "alice.test");
  g_assert_cmpstr (hd_inbox_item_get_text (item), ==, "Do you have rye & spelt? 🥖");
  g_assert_cmpstr (hd_inbox_item_get_parent_id (item), ==, fixture->remote_id);
  g_assert_cmpstr (hd_inbox_item_get_thread_id (item), ==, fixture->remote_id);
  g_assert_cmpstr (hd_inbox_item_get_post_id (item), ==, hd_post_get_id (fixture->post));
  g_assert_cmpint (hd_inbox_item_get_received_at (item), ==, since + 60);

  item = find_item (items, deeper);
  g_assert_nonnull (item);
  g_assert_cmpint (hd_inbox_item_get_kind (item), ==, HD_INBOX_KIND_REPLY);
  g_assert_cmpstr (hd_inbox_item_get_parent_id (item), ==, answer);
  g_assert_cmpstr (hd_inbox_item_get_thread_id (item), ==, fixture->remote_id);
  g_assert_cmpstr (hd_inbox_item_get_post_id (item), ==, hd_post_get_id (fixture->post));

  /* No display name: the handle is all there is to show. */
  item = find_item (items, mention);
  g_assert_nonnull (item);
  g_assert_cmpint (hd_inbox_item_get_kind (item), ==, HD_INBOX_KIND_MENTION);
  g_assert_cmpstr (hd_inbox_item_get_author_handle (item), ==, "carol.test");
  g_assert_cmpstr (hd_inbox_item_get_thread_id (item), ==, mention);
  g_assert_null (hd_inbox_item_get_parent_id (item));
  g_assert_null (hd_inbox_item_get_post_id (item));

  /* The answer was on the second page, reached with the cursor, and only mentions and
   * replies were asked for. */
  requests = hd_fake_server_get_requests (fixture->bluesky->server);
  for (guint i = 0; i < requests->len; i++)
    if (g_str_equal (((HdFakeRequest *) g_ptr_array_index (requests, i))->path,
                     "/xrpc/app.bsky.notification.listNotifications"))
      n_lists++;
  g_assert_cmpuint (n_lists, ==, 2);
  request = hd_fake_server_last (fixture->bluesky->server, "GET",
                                 "/xrpc/app.bsky.notification.listNotifications");
  g_assert_nonnull (strstr (request->query, "cursor="));
  g_assert_nonnull (strstr (request->query, "reasons=mention"));
  g_assert_nonnull (strstr (request->query, "reasons=reply"));
}

/* An answer without its list says so, and is tried again later. */
static void
test_bluesky_inbox_unusable (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;

  hd_fake_server_add_fault (fixture->bluesky->server, "GET",
                            "/xrpc/app.bsky.notification.listNotifications",
                            HD_FAKE_FAULT_STATUS, 200, "{\"cursor\":\"7\"}", NULL, 0);
  items = fetch_inbox (fixture, 0, &error);
  g_assert_error (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_TRANSIENT);
  g_assert_null (items);
}

static void
test_bluesky_reply (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(HdProviderResult) first = NULL;
  g_autoptr(HdProviderResult) again = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *stored;
  JsonObject *value;
  JsonObject *reply_refs;
  JsonObject *root;
  JsonObject *parent;
  HdInboxItem *item;
  const char *answer;
  const char *deeper;
  guint n_records;

  answer = hd_fake_bluesky_add_reply (fixture->bluesky, "did:plc:alice5x3n", "alice.test",
                                      "Alice Baker", "Do you have rye?", fixture->remote_id,
                                      TEST_NOW - 120);
  deeper = hd_fake_bluesky_add_reply (fixture->bluesky, "did:plc:bob7q", "bob.test", "Bob",
                                      "And spelt?", answer, TEST_NOW - 60);
  items = fetch_inbox (fixture, 0, &error);
  g_assert_no_error (error);
  item = find_item (items, deeper);
  g_assert_nonnull (item);

  /* The outbox row's key, the same on every attempt. */
  n_records = g_hash_table_size (fixture->bluesky->records);
  first = reply (fixture, item, "Both, from 8 on Sunday!",
                 "6f1c2a9e-3b7d-4c55-9a0e-2d8f61b0c4aa", &error);
  g_assert_no_error (error);
  g_assert_nonnull (first);
  g_assert_true (g_str_has_prefix (first->remote_id, "at://" HD_FAKE_BLUESKY_DID
                                   "/app.bsky.feed.post/"));
  g_assert_cmpuint (g_hash_table_size (fixture->bluesky->records), ==, n_records + 1);

  /* In the thread of the bakery's post, under Bob's answer, both by uri and cid. */
  stored = hd_fake_bluesky_get_record (fixture->bluesky, first->record_key);
  g_assert_nonnull (stored);
  value = json_object_get_object_member (stored, "value");
  g_assert_cmpstr (json_object_get_string_member (value, "text"), ==, "Both, from 8 on Sunday!");
  reply_refs = json_object_get_object_member (value, "reply");
  g_assert_nonnull (reply_refs);
  root = json_object_get_object_member (reply_refs, "root");
  parent = json_object_get_object_member (reply_refs, "parent");
  g_assert_cmpstr (json_object_get_string_member (root, "uri"), ==, fixture->remote_id);
  g_assert_cmpstr (json_object_get_string_member (root, "cid"), ==,
                   json_object_get_string_member (
                     hd_fake_bluesky_get_record (fixture->bluesky,
                                                 strrchr (fixture->remote_id, '/') + 1),
                     "cid"));
  g_assert_cmpstr (json_object_get_string_member (parent, "uri"), ==, deeper);
  g_assert_true (g_str_has_prefix (json_object_get_string_member (parent, "cid"),
                                   "bafyreiother"));

  /* A retry after a lost answer: the same record key, so still one reply. */
  again = reply (fixture, item, "Both, from 8 on Sunday!",
                 "6f1c2a9e-3b7d-4c55-9a0e-2d8f61b0c4aa", &error);
  g_assert_no_error (error);
  g_assert_nonnull (again);
  g_assert_cmpstr (again->remote_id, ==, first->remote_id);
  g_assert_cmpuint (g_hash_table_size (fixture->bluesky->records), ==, n_records + 1);

  /* An answer whose first attempt lost its answer on the way back is found, not repeated. */
  g_clear_pointer (&again, hd_provider_result_free);
  hd_fake_server_add_fault (fixture->bluesky->server, "POST",
                            "/xrpc/com.atproto.repo.createRecord",
                            HD_FAKE_FAULT_LOST_ANSWER, 0, NULL, NULL, 0);
  again = reply (fixture, find_item (items, answer), "Yes!",
                 "0b7e4d21-8a4f-4f0e-b1d3-5c9a7e2f6d10", &error);
  g_assert_no_error (error);
  g_assert_nonnull (again);
  g_assert_cmpuint (g_hash_table_size (fixture->bluesky->records), ==, n_records + 2);
}

static void
test_bluesky_metrics (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) metrics = NULL;
  g_autoptr(GError) error = NULL;
  HdFakeRequest *request;

  hd_fake_bluesky_set_counts (fixture->bluesky, fixture->remote_id, 2, 3, 7, 1);

  metrics = fetch_metrics (fixture, fixture->remote_id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (metrics);
  g_assert_cmpuint (metrics->len, ==, 3);
  assert_metrics (fixture, metrics, HD_METRIC_REACTIONS, 7);
  /* A quote shares the post further, as a repost does. */
  assert_metrics (fixture, metrics, HD_METRIC_REPOSTS, 3 + 1);
  assert_metrics (fixture, metrics, HD_METRIC_REPLIES, 2);

  request = hd_fake_server_last (fixture->bluesky->server, "GET", "/xrpc/app.bsky.feed.getPosts");
  g_assert_nonnull (request);
  g_assert_nonnull (strstr (request->query, "uris=at%3A%2F%2F"));

  g_clear_pointer (&metrics, g_ptr_array_unref);
  metrics = fetch_metrics (fixture, "at://" HD_FAKE_BLUESKY_DID "/app.bsky.feed.post/3lgone0000000",
                           &error);
  g_assert_error (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_NOT_FOUND);
  g_assert_null (metrics);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func, set_up) \
  g_test_add ("/herald/channels/engagement/" path, Fixture, NULL, set_up, func, \
              fixture_tear_down)

  ADD ("mastodon/inbox", test_mastodon_inbox, mastodon_set_up);
  ADD ("mastodon/inbox-rate-limited", test_mastodon_inbox_error, mastodon_set_up);
  ADD ("mastodon/reply", test_mastodon_reply, mastodon_set_up);
  ADD ("mastodon/metrics", test_mastodon_metrics, mastodon_set_up);
  ADD ("bluesky/inbox", test_bluesky_inbox, bluesky_set_up);
  ADD ("bluesky/inbox-unusable", test_bluesky_inbox_unusable, bluesky_set_up);
  ADD ("bluesky/reply", test_bluesky_reply, bluesky_set_up);
  ADD ("bluesky/metrics", test_bluesky_metrics, bluesky_set_up);

#undef ADD

  return g_test_run ();
}
