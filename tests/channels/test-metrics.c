/* test-metrics.c: what a published post and a channel achieved, read from the platforms
 * through each provider's one table of metric names, against the fakes
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
#include "hd-linkedin-provider.h"
#include "hd-store-metrics.h"
#include "hd-test-channels.h"

typedef struct
{
  TestEnv         env;
  HdFakeFacebook *facebook;
  HdFakeInstagram *instagram;
  HdFakeX        *x;
  HdFakeLinkedIn *linkedin;
  HdFakeMastodon *mastodon;
  HdFakeBluesky  *bluesky;
  HdChannel      *channel;
  HdProvider     *provider;
  HdPost         *post;
  char           *remote_id;
} Fixture;

static void
facebook_set_up (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(HdProviderPost) request = NULL;
  g_autoptr(HdProviderResult) published = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *graph = NULL;
  HdVariant *variant;

  test_env_init (&fixture->env);
  fixture->facebook = hd_fake_facebook_new ();
  fixture->facebook->now = TEST_NOW;
  graph = hd_fake_facebook_get_graph_base (fixture->facebook);

  fixture->channel = hd_channel_new ();
  hd_channel_set_kind (fixture->channel, HD_CHANNEL_KIND_FACEBOOK_PAGE);
  hd_channel_set_display_name (fixture->channel, fixture->facebook->page_name);
  hd_channel_set_base_url (fixture->channel, graph);
  hd_channel_set_remote_account_id (fixture->channel, fixture->facebook->page_id);
  hd_channel_set_state (fixture->channel, HD_CHANNEL_STATE_CONNECTED);
  hd_store_save_channel (fixture->env.store, fixture->channel, &error);
  g_assert_no_error (error);
  hd_secrets_store_async (hd_channel_get_id (fixture->channel), HD_SECRET_KIND_ACCESS_TOKEN,
                          "Herald: Facebook Page token", fixture->facebook->page_token, NULL,
                          test_store_result, &stored);
  g_assert_true (hd_secrets_store_finish (test_wait (&stored), &error));
  g_assert_no_error (error);
  fixture->provider = hd_provider_new_for_channel (fixture->env.http, fixture->env.store,
                                                   fixture->channel, &error);
  g_assert_no_error (error);

  fixture->post = test_save_draft (&fixture->env, fixture->channel, "Fresh croissants today.");
  request = test_provider_post (fixture->post, fixture->channel, "publish-key-1", TEST_NOW);
  hd_provider_publish_async (fixture->provider, request, NULL, test_store_result, &result);
  published = hd_provider_publish_finish (fixture->provider, test_wait (&result), &error);
  g_assert_no_error (error);
  variant = hd_post_find_variant (fixture->post, hd_channel_get_id (fixture->channel));
  hd_variant_set_remote_id (variant, published->remote_id);
  hd_variant_set_state (variant, HD_POST_STATE_PUBLISHED);
  hd_post_set_state (fixture->post, HD_POST_STATE_PUBLISHED);
  hd_store_save_post (fixture->env.store, fixture->post, &error);
  g_assert_no_error (error);
  fixture->remote_id = g_strdup (published->remote_id);
  hd_fake_server_clear_requests (fixture->facebook->server);
}

/* The channel's token in the keyring, the channel in the store, and its provider. */
static void
connect_channel (Fixture    *fixture,
                 const char *token)
{
  g_autoptr(GAsyncResult) stored = NULL;
  g_autoptr(GError) error = NULL;

  hd_channel_set_state (fixture->channel, HD_CHANNEL_STATE_CONNECTED);
  hd_store_save_channel (fixture->env.store, fixture->channel, &error);
  g_assert_no_error (error);
  hd_secrets_store_async (hd_channel_get_id (fixture->channel), HD_SECRET_KIND_ACCESS_TOKEN,
                          "Herald: access token", token, NULL, test_store_result, &stored);
  g_assert_true (hd_secrets_store_finish (test_wait (&stored), &error));
  g_assert_no_error (error);
  fixture->provider = hd_provider_new_for_channel (fixture->env.http, fixture->env.store,
                                                   fixture->channel, &error);
  g_assert_no_error (error);
}

/* A post Herald published on the fixture's channel, as the store keeps it. */
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

  fixture->channel = hd_channel_new ();
  hd_channel_set_kind (fixture->channel, HD_CHANNEL_KIND_INSTAGRAM);
  hd_channel_set_display_name (fixture->channel, fixture->instagram->username);
  hd_channel_set_base_url (fixture->channel, graph);
  hd_channel_set_remote_account_id (fixture->channel, fixture->instagram->ig_user_id);
  limits = g_strdup_printf ("{\"" HD_INSTAGRAM_LIMIT_PAGE_ID "\":\"%s\"}",
                            graph_fake->page_id);
  hd_channel_set_limits (fixture->channel, limits);
  connect_channel (fixture, graph_fake->page_token);
  keep_published (fixture, "Spring coats are in.",
                  hd_fake_instagram_add_media (fixture->instagram, "Spring coats are in.",
                                               TEST_NOW - 3600));
}

static void
x_set_up (Fixture       *fixture,
          gconstpointer  data)
{
  g_autoptr(HdProviderPost) request = NULL;
  g_autoptr(HdProviderResult) published = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  test_env_init (&fixture->env);
  fixture->x = hd_fake_x_new ();
  fixture->x->now = TEST_NOW;
  fixture->x->access_token = g_strdup ("x-token-41d9a2");
  fixture->x->access_expires_at = TEST_NOW + 2 * 3600;

  fixture->channel = hd_channel_new ();
  hd_channel_set_kind (fixture->channel, HD_CHANNEL_KIND_X);
  hd_channel_set_display_name (fixture->channel, "Corner Bakery");
  hd_channel_set_handle (fixture->channel, "@cornerbakery");
  hd_channel_set_base_url (fixture->channel, hd_fake_x_get_url (fixture->x));
  hd_channel_set_remote_account_id (fixture->channel, fixture->x->user_id);
  connect_channel (fixture, fixture->x->access_token);

  fixture->post = test_save_draft (&fixture->env, fixture->channel, "Fresh croissants today.");
  request = test_provider_post (fixture->post, fixture->channel, "publish-key-1", TEST_NOW);
  hd_provider_publish_async (fixture->provider, request, NULL, test_store_result, &result);
  published = hd_provider_publish_finish (fixture->provider, test_wait (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&fixture->post);
  keep_published (fixture, "Fresh croissants today.", published->remote_id);
  hd_fake_server_clear_requests (fixture->x->server);
}

/* A LinkedIn channel posting as @author, with one post out. */
static void
set_up_linkedin_as (Fixture    *fixture,
                    const char *author,
                    const char *name)
{
  test_env_init (&fixture->env);
  fixture->linkedin = hd_fake_linkedin_new ();
  fixture->linkedin->now = TEST_NOW;
  fixture->linkedin->access_token = g_strdup ("linkedin-token-5b2f");
  fixture->linkedin->access_expires_at = TEST_NOW + 50 * 24 * 3600;

  fixture->channel = hd_channel_new ();
  hd_channel_set_kind (fixture->channel, HD_CHANNEL_KIND_LINKEDIN);
  hd_channel_set_display_name (fixture->channel, name);
  hd_channel_set_base_url (fixture->channel, hd_fake_linkedin_get_url (fixture->linkedin));
  hd_channel_set_remote_account_id (fixture->channel, author);
  connect_channel (fixture, fixture->linkedin->access_token);
  keep_published (fixture, "Fresh croissants today.", "urn:li:share:7140000000000000001");
}

static void
linkedin_set_up (Fixture       *fixture,
                 gconstpointer  data)
{
  set_up_linkedin_as (fixture, HD_FAKE_LINKEDIN_ORGANIZATION, "Corner Bakery");
}

static void
linkedin_member_set_up (Fixture       *fixture,
                        gconstpointer  data)
{
  set_up_linkedin_as (fixture, "urn:li:person:782bbtaQ", "Ada Baker");
}

static void
mastodon_set_up (Fixture       *fixture,
                 gconstpointer  data)
{
  test_env_init (&fixture->env);
  fixture->mastodon = hd_fake_mastodon_new ();
  fixture->mastodon->now = TEST_NOW;
  fixture->mastodon->access_token = g_strdup ("mastodon-token-3d8e21");

  fixture->channel = hd_channel_new ();
  hd_channel_set_kind (fixture->channel, HD_CHANNEL_KIND_MASTODON);
  hd_channel_set_display_name (fixture->channel, "Corner Bakery");
  hd_channel_set_handle (fixture->channel, "@bakery@bakery.example");
  hd_channel_set_base_url (fixture->channel, hd_fake_mastodon_get_url (fixture->mastodon));
  hd_channel_set_remote_account_id (fixture->channel, fixture->mastodon->account_id);
  connect_channel (fixture, fixture->mastodon->access_token);
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
  g_clear_pointer (&fixture->facebook, hd_fake_facebook_free);
  g_clear_pointer (&fixture->instagram, hd_fake_instagram_free);
  g_clear_pointer (&fixture->x, hd_fake_x_free);
  g_clear_pointer (&fixture->linkedin, hd_fake_linkedin_free);
  g_clear_pointer (&fixture->mastodon, hd_fake_mastodon_free);
  g_clear_pointer (&fixture->bluesky, hd_fake_bluesky_free);
  test_env_clear (&fixture->env);
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

static HdMetric *
find_metric (GPtrArray  *metrics,
             const char *name)
{
  for (guint i = 0; i < metrics->len; i++)
    if (g_strcmp0 (hd_metric_get_name (g_ptr_array_index (metrics, i)), name) == 0)
      return g_ptr_array_index (metrics, i);

  return NULL;
}

static void
test_facebook_post (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) metrics = NULL;
  g_autoptr(GHashTable) query = NULL;
  g_autoptr(GError) error = NULL;
  HdFakeRequest *request;
  HdMetric *views;

  hd_fake_facebook_set_insight (fixture->facebook, fixture->remote_id,
                                "post_total_media_view_unique", 412);
  metrics = fetch_metrics (fixture, fixture->remote_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (metrics->len, ==, 1);

  /* Meta's current name, under Herald's, on the local post. */
  views = find_metric (metrics, HD_METRIC_IMPRESSIONS);
  g_assert_nonnull (views);
  g_assert_true (hd_provider_metric_is_available (views));
  g_assert_cmpint (hd_metric_get_value (views), ==, 412);
  g_assert_cmpint (hd_metric_get_subject (views), ==, HD_METRIC_SUBJECT_POST);
  g_assert_cmpstr (hd_metric_get_subject_id (views), ==, hd_post_get_id (fixture->post));
  g_assert_cmpstr (hd_metric_get_channel_id (views), ==, hd_channel_get_id (fixture->channel));
  g_assert_cmpint (hd_metric_get_measured_at (views), ==, TEST_NOW);

  /* No deprecated name goes out. */
  request = hd_fake_server_last (fixture->facebook->server, "GET", "/");
  query = soup_form_decode (request->query);
  g_assert_cmpstr (g_hash_table_lookup (query, "metric"), ==, "post_total_media_view_unique");
  g_assert_null (strstr (request->query, "post_impressions"));

  /* A post deleted on Facebook is not a metric. */
  g_clear_pointer (&metrics, g_ptr_array_unref);
  metrics = fetch_metrics (fixture, "abc/../me", &error);
  g_assert_error (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_NOT_FOUND);
  g_assert_null (metrics);
}

static void
test_facebook_retired (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) metrics = NULL;
  g_autoptr(GListModel) stored = NULL;
  g_autoptr(GError) error = NULL;
  HdMetric *views;

  hd_fake_facebook_set_insight (fixture->facebook, fixture->remote_id,
                                "post_total_media_view_unique", 412);
  hd_fake_facebook_retire_metric (fixture->facebook, "post_total_media_view_unique");

  /* Meta retired the metric: the fetch still succeeds, and says "not available". */
  metrics = fetch_metrics (fixture, fixture->remote_id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (metrics);
  views = find_metric (metrics, HD_METRIC_IMPRESSIONS);
  g_assert_nonnull (views);
  g_assert_false (hd_provider_metric_is_available (views));
  g_assert_cmpint (hd_channel_get_state (fixture->channel), ==, HD_CHANNEL_STATE_CONNECTED);

  /* What the puller stores of it: nothing, so the history stays honest. */
  for (guint i = 0; i < metrics->len; i++)
    if (hd_provider_metric_is_available (g_ptr_array_index (metrics, i)))
      hd_store_add_metric (fixture->env.store, g_ptr_array_index (metrics, i), &error);
  g_assert_no_error (error);
  stored = hd_store_list_metrics (fixture->env.store, HD_METRIC_SUBJECT_POST,
                                  hd_post_get_id (fixture->post), HD_METRIC_IMPRESSIONS, 0,
                                  G_MAXINT64, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (stored), ==, 0);
}

static void
test_facebook_followers (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) metrics = NULL;
  g_autoptr(GError) error = NULL;
  HdMetric *followers;

  hd_fake_facebook_set_insight (fixture->facebook, fixture->facebook->page_id, "page_follows",
                                1280);
  metrics = fetch_metrics (fixture, hd_channel_get_remote_account_id (fixture->channel),
                           &error);
  g_assert_no_error (error);
  g_assert_cmpuint (metrics->len, ==, 1);
  followers = find_metric (metrics, HD_METRIC_FOLLOWERS);
  g_assert_nonnull (followers);
  g_assert_true (hd_provider_metric_is_available (followers));
  /* Today's count, the last of the daily series. */
  g_assert_cmpint (hd_metric_get_value (followers), ==, 1280);
  g_assert_cmpint (hd_metric_get_subject (followers), ==, HD_METRIC_SUBJECT_CHANNEL);
  g_assert_cmpstr (hd_metric_get_subject_id (followers), ==,
                   hd_channel_get_id (fixture->channel));
}

/* Instagram */

static void
test_instagram_post (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) metrics = NULL;
  g_autoptr(GHashTable) query = NULL;
  g_autoptr(GError) error = NULL;
  HdFakeRequest *request;
  HdMetric *likes;
  HdMetric *comments;

  hd_fake_instagram_set_counts (fixture->instagram, fixture->remote_id, 37, 5);
  metrics = fetch_metrics (fixture, fixture->remote_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (metrics->len, ==, 2);

  likes = find_metric (metrics, HD_METRIC_REACTIONS);
  g_assert_nonnull (likes);
  g_assert_true (hd_provider_metric_is_available (likes));
  g_assert_cmpint (hd_metric_get_value (likes), ==, 37);
  g_assert_cmpint (hd_metric_get_subject (likes), ==, HD_METRIC_SUBJECT_POST);
  g_assert_cmpstr (hd_metric_get_subject_id (likes), ==, hd_post_get_id (fixture->post));
  g_assert_cmpint (hd_metric_get_measured_at (likes), ==, TEST_NOW);
  comments = find_metric (metrics, HD_METRIC_REPLIES);
  g_assert_nonnull (comments);
  g_assert_cmpint (hd_metric_get_value (comments), ==, 5);

  /* One request, for the medium's own counts. */
  request = hd_fake_server_last (fixture->instagram->facebook->server, "GET", "/");
  query = soup_form_decode (request->query);
  g_assert_cmpstr (g_hash_table_lookup (query, "fields"), ==, "like_count,comments_count");

  g_clear_pointer (&metrics, g_ptr_array_unref);
  metrics = fetch_metrics (fixture, "abc/../me", &error);
  g_assert_error (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_NOT_FOUND);
  g_assert_null (metrics);
}

static void
test_instagram_not_available (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GPtrArray) metrics = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GError) error = NULL;

  /* The owner hides like counts: Graph leaves the field out. */
  hd_fake_instagram_set_counts (fixture->instagram, fixture->remote_id, -1, 5);
  metrics = fetch_metrics (fixture, fixture->remote_id, &error);
  g_assert_no_error (error);
  g_assert_false (hd_provider_metric_is_available (find_metric (metrics, HD_METRIC_REACTIONS)));
  g_assert_true (hd_provider_metric_is_available (find_metric (metrics, HD_METRIC_REPLIES)));

  /* Meta retires a field: the others still come, that one is "not available". */
  hd_fake_instagram_set_counts (fixture->instagram, fixture->remote_id, 40, 6);
  hd_fake_instagram_retire_field (fixture->instagram, "comments_count");
  again = fetch_metrics (fixture, fixture->remote_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->len, ==, 2);
  g_assert_cmpint (hd_metric_get_value (find_metric (again, HD_METRIC_REACTIONS)), ==, 40);
  g_assert_false (hd_provider_metric_is_available (find_metric (again, HD_METRIC_REPLIES)));
  g_assert_cmpint (hd_channel_get_state (fixture->channel), ==, HD_CHANNEL_STATE_CONNECTED);
}

static void
test_instagram_followers (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GPtrArray) metrics = NULL;
  g_autoptr(GError) error = NULL;
  HdMetric *followers;

  fixture->instagram->followers_count = 2048;
  metrics = fetch_metrics (fixture, hd_channel_get_remote_account_id (fixture->channel),
                           &error);
  g_assert_no_error (error);
  g_assert_cmpuint (metrics->len, ==, 1);
  followers = find_metric (metrics, HD_METRIC_FOLLOWERS);
  g_assert_nonnull (followers);
  g_assert_cmpint (hd_metric_get_value (followers), ==, 2048);
  g_assert_cmpint (hd_metric_get_subject (followers), ==, HD_METRIC_SUBJECT_CHANNEL);
  g_assert_cmpstr (hd_metric_get_subject_id (followers), ==,
                   hd_channel_get_id (fixture->channel));
}

/* X */

static void
test_x_post (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) metrics = NULL;
  g_autoptr(GHashTable) query = NULL;
  g_autoptr(GError) error = NULL;
  HdFakeRequest *request;
  HdMetric *likes;

  hd_fake_x_set_metrics (fixture->x, fixture->remote_id, 12, 3, 2, 950);
  metrics = fetch_metrics (fixture, fixture->remote_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (metrics->len, ==, 4);

  likes = find_metric (metrics, HD_METRIC_REACTIONS);
  g_assert_nonnull (likes);
  g_assert_cmpint (hd_metric_get_value (likes), ==, 12);
  g_assert_cmpint (hd_metric_get_subject (likes), ==, HD_METRIC_SUBJECT_POST);
  g_assert_cmpstr (hd_metric_get_subject_id (likes), ==, hd_post_get_id (fixture->post));
  g_assert_cmpint (hd_metric_get_measured_at (likes), ==, TEST_NOW);
  g_assert_cmpint (hd_metric_get_value (find_metric (metrics, HD_METRIC_REPOSTS)), ==, 3);
  g_assert_cmpint (hd_metric_get_value (find_metric (metrics, HD_METRIC_REPLIES)), ==, 2);
  g_assert_cmpint (hd_metric_get_value (find_metric (metrics, HD_METRIC_IMPRESSIONS)), ==, 950);

  request = hd_fake_server_last (fixture->x->server, "GET", "/2/tweets/");
  query = soup_form_decode (request->query);
  g_assert_cmpstr (g_hash_table_lookup (query, "tweet.fields"), ==,
                   "public_metrics,non_public_metrics");

  /* A post gone from X is not a metric. */
  g_clear_pointer (&metrics, g_ptr_array_unref);
  metrics = fetch_metrics (fixture, "1234567", &error);
  g_assert_error (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_NOT_FOUND);
  g_assert_null (metrics);
}

static void
test_x_impressions_expired (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GPtrArray) metrics = NULL;
  g_autoptr(GError) error = NULL;

  /* X gives impressions for 30 days; after that the public counts still come. */
  hd_fake_x_set_metrics (fixture->x, fixture->remote_id, 12, 3, 2, 950);
  fixture->x->now = TEST_NOW + 31 * 24 * 3600;
  fixture->x->access_expires_at = fixture->x->now + 2 * 3600;
  metrics = fetch_metrics (fixture, fixture->remote_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (metrics->len, ==, 4);
  g_assert_false (hd_provider_metric_is_available (find_metric (metrics,
                                                                HD_METRIC_IMPRESSIONS)));
  g_assert_true (hd_provider_metric_is_available (find_metric (metrics, HD_METRIC_REACTIONS)));
  g_assert_cmpint (hd_metric_get_value (find_metric (metrics, HD_METRIC_REACTIONS)), ==, 12);
  g_assert_cmpint (hd_channel_get_state (fixture->channel), ==, HD_CHANNEL_STATE_CONNECTED);
}

static void
test_x_followers (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) metrics = NULL;
  g_autoptr(GError) error = NULL;
  HdMetric *followers;

  fixture->x->followers_count = 733;
  metrics = fetch_metrics (fixture, hd_channel_get_remote_account_id (fixture->channel),
                           &error);
  g_assert_no_error (error);
  g_assert_cmpuint (metrics->len, ==, 1);
  followers = find_metric (metrics, HD_METRIC_FOLLOWERS);
  g_assert_nonnull (followers);
  g_assert_cmpint (hd_metric_get_value (followers), ==, 733);
  g_assert_cmpint (hd_metric_get_subject (followers), ==, HD_METRIC_SUBJECT_CHANNEL);
  g_assert_cmpstr (hd_metric_get_subject_id (followers), ==,
                   hd_channel_get_id (fixture->channel));
}

/* LinkedIn */

#define LINKEDIN_SHARE "urn:li:share:7140000000000000001"
#define LINKEDIN_UGC_POST "urn:li:ugcPost:7140000000000000002"

static const HdFakeLinkedInCounts linkedin_counts = {
  .impressions = 1840,
  .unique_impressions = 1210,
  .clicks = 57,
  .likes = 96,
  .first_level_comments = 11,
  .comments = 14,
  .shares = 7,
};

static void
assert_linkedin_count (GPtrArray  *metrics,
                       const char *name,
                       gint64      value)
{
  HdMetric *metric = find_metric (metrics, name);

  g_assert_nonnull (metric);
  g_assert_true (hd_provider_metric_is_available (metric));
  g_assert_cmpint (hd_metric_get_value (metric), ==, value);
}

static void
assert_linkedin_not_available (GPtrArray  *metrics,
                               const char *name)
{
  HdMetric *metric = find_metric (metrics, name);

  g_assert_nonnull (metric);
  g_assert_false (hd_provider_metric_is_available (metric));
}

static void
test_linkedin_page_post (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) metrics = NULL;
  g_autoptr(GError) error = NULL;
  HdFakeRequest *request;

  hd_fake_linkedin_set_counts (fixture->linkedin, LINKEDIN_SHARE, &linkedin_counts);

  /* Each count under its own name, so that a swap shows, on the local post. */
  metrics = fetch_metrics (fixture, fixture->remote_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (metrics->len, ==, 4);
  assert_linkedin_count (metrics, HD_METRIC_REACTIONS, 96);
  assert_linkedin_count (metrics, HD_METRIC_REPOSTS, 7);
  assert_linkedin_count (metrics, HD_METRIC_REPLIES, 14);
  assert_linkedin_count (metrics, HD_METRIC_IMPRESSIONS, 1840);
  for (guint i = 0; i < metrics->len; i++)
    {
      HdMetric *metric = g_ptr_array_index (metrics, i);

      g_assert_cmpint (hd_metric_get_subject (metric), ==, HD_METRIC_SUBJECT_POST);
      g_assert_cmpstr (hd_metric_get_subject_id (metric), ==, hd_post_get_id (fixture->post));
      g_assert_cmpstr (hd_metric_get_channel_id (metric), ==,
                       hd_channel_get_id (fixture->channel));
      g_assert_cmpint (hd_metric_get_measured_at (metric), ==, TEST_NOW);
    }

  /* One request, with the share in the shares list, escaped inside List(…) as Rest.li 2.0
   * wants it. */
  g_assert_cmpuint (hd_fake_server_get_requests (fixture->linkedin->server)->len, ==, 1);
  request = hd_fake_server_last (fixture->linkedin->server, "GET",
                                 "/rest/organizationalEntityShareStatistics");
  g_assert_nonnull (request);
  g_assert_nonnull (strstr (request->query, "q=organizationalEntity&"));
  g_assert_nonnull (strstr (request->query,
                            "organizationalEntity=urn%3Ali%3Aorganization%3A2414183"));
  g_assert_nonnull (strstr (request->query,
                            "shares=List(urn%3Ali%3Ashare%3A7140000000000000001)"));
  g_assert_null (strstr (request->query, "ugcPosts="));
}

static void
test_linkedin_page_ugc_post (Fixture       *fixture,
                             gconstpointer  data)
{
  HdFakeLinkedInCounts counts = linkedin_counts;
  g_autoptr(GPtrArray) metrics = NULL;
  g_autoptr(GError) error = NULL;
  HdFakeRequest *request;

  /* The Posts API may name a post urn:li:ugcPost; its counts are asked in ugcPosts. */
  g_clear_object (&fixture->post);
  g_clear_pointer (&fixture->remote_id, g_free);
  keep_published (fixture, "Rye loaves on Saturday.", LINKEDIN_UGC_POST);
  counts.likes = 31;
  counts.impressions = 402;
  hd_fake_linkedin_set_counts (fixture->linkedin, LINKEDIN_UGC_POST, &counts);

  metrics = fetch_metrics (fixture, LINKEDIN_UGC_POST, &error);
  g_assert_no_error (error);
  assert_linkedin_count (metrics, HD_METRIC_REACTIONS, 31);
  assert_linkedin_count (metrics, HD_METRIC_IMPRESSIONS, 402);
  assert_linkedin_count (metrics, HD_METRIC_REPOSTS, 7);
  assert_linkedin_count (metrics, HD_METRIC_REPLIES, 14);
  g_assert_cmpstr (hd_metric_get_subject_id (find_metric (metrics, HD_METRIC_REACTIONS)), ==,
                   hd_post_get_id (fixture->post));
  request = hd_fake_server_last (fixture->linkedin->server, "GET",
                                 "/rest/organizationalEntityShareStatistics");
  g_assert_nonnull (request);
  g_assert_nonnull (strstr (request->query,
                            "ugcPosts=List(urn%3Ali%3AugcPost%3A7140000000000000002)"));
  g_assert_null (strstr (request->query, "shares="));
}

static void
test_linkedin_page_post_left_out (Fixture       *fixture,
                                  gconstpointer  data)
{
  HdFakeLinkedInCounts quiet = { 0, };
  g_autoptr(GPtrArray) metrics = NULL;
  g_autoptr(GError) error = NULL;

  /* A post the statistics leave out (no activity yet, or older than their 12 months) is
   * read through socialActions: what that gives, and no made-up zero for the rest. */
  hd_fake_linkedin_set_counts (fixture->linkedin, LINKEDIN_SHARE, &quiet);
  metrics = fetch_metrics (fixture, fixture->remote_id, &error);
  g_assert_no_error (error);
  assert_linkedin_count (metrics, HD_METRIC_REACTIONS, 0);
  assert_linkedin_count (metrics, HD_METRIC_REPLIES, 0);
  assert_linkedin_not_available (metrics, HD_METRIC_IMPRESSIONS);
  assert_linkedin_not_available (metrics, HD_METRIC_REPOSTS);
  g_assert_nonnull (hd_fake_server_last (fixture->linkedin->server, "GET",
                                         "/rest/socialActions/" LINKEDIN_SHARE));
  g_clear_pointer (&metrics, g_ptr_array_unref);

  /* Gone from LinkedIn altogether: the post is reported gone, not as zeros. */
  metrics = fetch_metrics (fixture, "urn:li:share:7140000000000000099", &error);
  g_assert_error (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_NOT_FOUND);
  g_assert_null (metrics);
  g_assert_cmpint (hd_channel_get_state (fixture->channel), ==, HD_CHANNEL_STATE_CONNECTED);
}

static void
test_linkedin_page_followers (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GPtrArray) metrics = NULL;
  g_autoptr(GError) error = NULL;
  HdFakeRequest *request;
  HdMetric *followers;

  fixture->linkedin->followers = 3120;
  metrics = fetch_metrics (fixture, HD_FAKE_LINKEDIN_ORGANIZATION, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (metrics->len, ==, 1);
  followers = find_metric (metrics, HD_METRIC_FOLLOWERS);
  g_assert_nonnull (followers);
  g_assert_true (hd_provider_metric_is_available (followers));
  g_assert_cmpint (hd_metric_get_value (followers), ==, 3120);
  g_assert_cmpint (hd_metric_get_subject (followers), ==, HD_METRIC_SUBJECT_CHANNEL);
  g_assert_cmpstr (hd_metric_get_subject_id (followers), ==,
                   hd_channel_get_id (fixture->channel));
  request = hd_fake_server_last (fixture->linkedin->server, "GET", "/rest/networkSizes/");
  g_assert_nonnull (request);
  g_assert_cmpstr (request->query, ==, "edgeType=COMPANY_FOLLOWED_BY_MEMBER");
  g_assert_cmpuint (hd_fake_server_get_requests (fixture->linkedin->server)->len, ==, 1);

  /* The next reading follows the Page as it grows. */
  g_clear_pointer (&metrics, g_ptr_array_unref);
  fixture->linkedin->followers = 3125;
  metrics = fetch_metrics (fixture, HD_FAKE_LINKEDIN_ORGANIZATION, &error);
  g_assert_no_error (error);
  assert_linkedin_count (metrics, HD_METRIC_FOLLOWERS, 3125);
}

static void
test_linkedin_member (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) metrics = NULL;
  g_autoptr(GPtrArray) channel_metrics = NULL;
  g_autoptr(GError) error = NULL;
  HdFakeRequest *request;

  hd_fake_linkedin_set_counts (fixture->linkedin, LINKEDIN_SHARE, &linkedin_counts);

  /* A member's post: reactions and comments (with their answers) from socialActions;
   * impressions and reposts LinkedIn does not give an app for a member's post. */
  metrics = fetch_metrics (fixture, fixture->remote_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (metrics->len, ==, 4);
  assert_linkedin_count (metrics, HD_METRIC_REACTIONS, 96);
  assert_linkedin_count (metrics, HD_METRIC_REPLIES, 14);
  assert_linkedin_not_available (metrics, HD_METRIC_IMPRESSIONS);
  assert_linkedin_not_available (metrics, HD_METRIC_REPOSTS);
  g_assert_cmpstr (hd_metric_get_subject_id (find_metric (metrics, HD_METRIC_REACTIONS)), ==,
                   hd_post_get_id (fixture->post));
  g_assert_cmpuint (hd_fake_server_get_requests (fixture->linkedin->server)->len, ==, 1);
  request = hd_fake_server_last (fixture->linkedin->server, "GET", "/rest/socialActions/");
  g_assert_nonnull (request);
  g_assert_cmpstr (request->path, ==, "/rest/socialActions/" LINKEDIN_SHARE);
  g_assert_null (hd_fake_server_last (fixture->linkedin->server, "GET",
                                      "/rest/organizationalEntityShareStatistics"));

  /* A member's followers: no way for an app to read them, so nothing is asked. */
  hd_fake_server_clear_requests (fixture->linkedin->server);
  channel_metrics = fetch_metrics (fixture, hd_channel_get_remote_account_id (fixture->channel),
                                   &error);
  g_assert_no_error (error);
  g_assert_cmpuint (channel_metrics->len, ==, 1);
  assert_linkedin_not_available (channel_metrics, HD_METRIC_FOLLOWERS);
  g_assert_cmpuint (hd_fake_server_get_requests (fixture->linkedin->server)->len, ==, 0);
}

static void
test_linkedin_forbidden (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) metrics = NULL;
  g_autoptr(GPtrArray) channel_metrics = NULL;
  g_autoptr(GListModel) stored = NULL;
  g_autoptr(GError) error = NULL;

  hd_fake_linkedin_set_counts (fixture->linkedin, LINKEDIN_SHARE, &linkedin_counts);
  fixture->linkedin->followers = 3120;

  /* Signed in before Herald asked for rw_organization_admin: impressions and reposts are
   * not available, reactions and comments still read with r_organization_social. */
  fixture->linkedin->statistics_forbidden = TRUE;
  metrics = fetch_metrics (fixture, fixture->remote_id, &error);
  g_assert_no_error (error);
  assert_linkedin_not_available (metrics, HD_METRIC_IMPRESSIONS);
  assert_linkedin_not_available (metrics, HD_METRIC_REPOSTS);
  assert_linkedin_count (metrics, HD_METRIC_REACTIONS, 96);
  assert_linkedin_count (metrics, HD_METRIC_REPLIES, 14);

  channel_metrics = fetch_metrics (fixture, HD_FAKE_LINKEDIN_ORGANIZATION, &error);
  g_assert_no_error (error);
  assert_linkedin_not_available (channel_metrics, HD_METRIC_FOLLOWERS);

  /* Recorded as the metrics puller records them, only what is available: the reactions
   * are kept, and the impressions are not stored as a zero. */
  for (guint i = 0; i < metrics->len; i++)
    if (hd_provider_metric_is_available (g_ptr_array_index (metrics, i)))
      hd_store_add_metric (fixture->env.store, g_ptr_array_index (metrics, i), &error);
  g_assert_no_error (error);
  stored = hd_store_list_metrics (fixture->env.store, HD_METRIC_SUBJECT_POST,
                                  hd_post_get_id (fixture->post), HD_METRIC_IMPRESSIONS, 0,
                                  G_MAXINT64, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (stored), ==, 0);
  g_clear_object (&stored);
  stored = hd_store_list_metrics (fixture->env.store, HD_METRIC_SUBJECT_POST,
                                  hd_post_get_id (fixture->post), HD_METRIC_REACTIONS, 0,
                                  G_MAXINT64, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (stored), ==, 1);

  /* Without r_organization_social either, every count is not available, and the channel
   * stays connected. */
  g_clear_pointer (&metrics, g_ptr_array_unref);
  fixture->linkedin->comments_forbidden = TRUE;
  metrics = fetch_metrics (fixture, fixture->remote_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (metrics->len, ==, 4);
  for (guint i = 0; i < metrics->len; i++)
    g_assert_false (hd_provider_metric_is_available (g_ptr_array_index (metrics, i)));
  g_assert_cmpint (hd_channel_get_state (fixture->channel), ==, HD_CHANNEL_STATE_CONNECTED);
}

static void
test_linkedin_signed_out (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GPtrArray) metrics = NULL;
  g_autoptr(GError) error = NULL;

  /* LinkedIn no longer takes the token: only reconnecting helps. */
  hd_fake_linkedin_set_counts (fixture->linkedin, LINKEDIN_SHARE, &linkedin_counts);
  g_free (fixture->linkedin->access_token);
  fixture->linkedin->access_token = g_strdup ("linkedin-token-new-9c1e");
  metrics = fetch_metrics (fixture, fixture->remote_id, &error);
  g_assert_error (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_AUTH);
  g_assert_null (metrics);
  g_assert_cmpint (hd_channel_get_state (fixture->channel), ==,
                   HD_CHANNEL_STATE_NEEDS_RECONNECT);
}

static void
test_linkedin_daily_limit (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GPtrArray) metrics = NULL;
  g_autoptr(GError) error = NULL;

  /* The day's calls are spent: rate limited until midnight UTC, the channel still
   * connected. */
  fixture->linkedin->calls_left_today = 0;
  metrics = fetch_metrics (fixture, HD_FAKE_LINKEDIN_ORGANIZATION, &error);
  g_assert_error (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_RATE_LIMITED);
  g_assert_null (metrics);
  g_assert_nonnull (strstr (error->message, "midnight UTC"));
  g_assert_cmpint (hd_provider_error_get_retry_after (error), ==,
                   hd_linkedin_next_utc_midnight (TEST_NOW) - TEST_NOW);
  g_assert_cmpint (hd_channel_get_state (fixture->channel), ==, HD_CHANNEL_STATE_CONNECTED);
}

static void
test_linkedin_bad_answers (Fixture       *fixture,
                           gconstpointer  data)
{
  const char *wrong_shapes[] = {
    "[]",
    "{\"elements\":{\"share\":\"" LINKEDIN_SHARE "\"}}",
  };
  g_autoptr(GPtrArray) metrics = NULL;
  g_autoptr(GError) error = NULL;

  hd_fake_linkedin_set_counts (fixture->linkedin, LINKEDIN_SHARE, &linkedin_counts);

  /* Not JSON: a failure that says so, and no counts. */
  hd_fake_server_add_fault (fixture->linkedin->server, "GET",
                            "/rest/organizationalEntityShareStatistics",
                            HD_FAKE_FAULT_MALFORMED, 0, NULL, NULL, 0);
  metrics = fetch_metrics (fixture, fixture->remote_id, &error);
  g_assert_nonnull (error);
  g_assert_null (metrics);
  g_assert_cmpstr (error->message, !=, "");
  g_clear_error (&error);

  /* JSON, but not the shape LinkedIn documents. */
  for (guint i = 0; i < G_N_ELEMENTS (wrong_shapes); i++)
    {
      hd_fake_server_add_fault (fixture->linkedin->server, "GET",
                                "/rest/organizationalEntityShareStatistics",
                                HD_FAKE_FAULT_WRONG_SHAPE, 200, wrong_shapes[i], NULL, 0);
      metrics = fetch_metrics (fixture, fixture->remote_id, &error);
      g_assert_error (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_TRANSIENT);
      g_assert_null (metrics);
      g_assert_nonnull (strstr (error->message, "LinkedIn"));
      g_clear_error (&error);
    }

  /* A follower count that is not one is no count. */
  hd_fake_server_add_fault (fixture->linkedin->server, "GET", "/rest/networkSizes/",
                            HD_FAKE_FAULT_WRONG_SHAPE, 200, "{\"firstDegreeSize\":\"many\"}",
                            NULL, 0);
  metrics = fetch_metrics (fixture, HD_FAKE_LINKEDIN_ORGANIZATION, &error);
  g_assert_error (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_TRANSIENT);
  g_assert_null (metrics);
  g_clear_error (&error);
  g_assert_cmpint (hd_channel_get_state (fixture->channel), ==, HD_CHANNEL_STATE_CONNECTED);

  /* The next answer is read as before. */
  metrics = fetch_metrics (fixture, fixture->remote_id, &error);
  g_assert_no_error (error);
  assert_linkedin_count (metrics, HD_METRIC_IMPRESSIONS, 1840);
}

/* Mastodon */

static void
test_mastodon_followers (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) metrics = NULL;
  g_autoptr(GError) error = NULL;
  HdFakeRequest *request;
  HdMetric *followers;

  fixture->mastodon->followers_count = 1284;
  metrics = fetch_metrics (fixture, hd_channel_get_remote_account_id (fixture->channel),
                           &error);
  g_assert_no_error (error);
  g_assert_cmpuint (metrics->len, ==, 1);
  followers = find_metric (metrics, HD_METRIC_FOLLOWERS);
  g_assert_nonnull (followers);
  g_assert_true (hd_provider_metric_is_available (followers));
  g_assert_cmpint (hd_metric_get_value (followers), ==, 1284);
  g_assert_cmpint (hd_metric_get_subject (followers), ==, HD_METRIC_SUBJECT_CHANNEL);
  g_assert_cmpstr (hd_metric_get_subject_id (followers), ==,
                   hd_channel_get_id (fixture->channel));
  /* Read from the account Herald signed in as, not looked up as a status. */
  request = hd_fake_server_last (fixture->mastodon->server, "GET",
                                 "/api/v1/accounts/verify_credentials");
  g_assert_nonnull (request);
  g_assert_cmpuint (hd_fake_server_get_requests (fixture->mastodon->server)->len, ==, 1);

  /* The next reading follows the account as it grows. */
  g_clear_pointer (&metrics, g_ptr_array_unref);
  fixture->mastodon->followers_count = 1290;
  metrics = fetch_metrics (fixture, hd_channel_get_remote_account_id (fixture->channel),
                           &error);
  g_assert_no_error (error);
  g_assert_cmpint (hd_metric_get_value (find_metric (metrics, HD_METRIC_FOLLOWERS)), ==, 1290);
}

/* Bluesky */

static void
test_bluesky_followers (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) metrics = NULL;
  g_autoptr(GError) error = NULL;
  HdFakeRequest *request;
  HdMetric *followers;

  fixture->bluesky->followers_count = 412;
  metrics = fetch_metrics (fixture, hd_channel_get_remote_account_id (fixture->channel),
                           &error);
  g_assert_no_error (error);
  g_assert_cmpuint (metrics->len, ==, 1);
  followers = find_metric (metrics, HD_METRIC_FOLLOWERS);
  g_assert_nonnull (followers);
  g_assert_true (hd_provider_metric_is_available (followers));
  g_assert_cmpint (hd_metric_get_value (followers), ==, 412);
  g_assert_cmpint (hd_metric_get_subject (followers), ==, HD_METRIC_SUBJECT_CHANNEL);
  g_assert_cmpstr (hd_metric_get_subject_id (followers), ==,
                   hd_channel_get_id (fixture->channel));
  request = hd_fake_server_last (fixture->bluesky->server, "GET",
                                 "/xrpc/app.bsky.actor.getProfile");
  g_assert_nonnull (request);
  g_assert_nonnull (strstr (request->query, "actor=did%3Aplc%3Abakery7xk2mq4z"));
}

static void
test_bluesky_followers_without_app_view (Fixture       *fixture,
                                         gconstpointer  data)
{
  const char *post_uri = "at://" HD_FAKE_BLUESKY_DID "/app.bsky.feed.post/3lbw7aa2yxk2d";
  const char *names[] = { HD_METRIC_REPLIES, HD_METRIC_REPOSTS, HD_METRIC_REACTIONS };
  g_autoptr(GPtrArray) metrics = NULL;
  g_autoptr(GPtrArray) post_metrics = NULL;
  g_autoptr(GError) error = NULL;
  HdMetric *followers;

  /* The PDS has no AppView to count followers: "not available", and the channel stays
   * connected. */
  fixture->bluesky->no_app_view = TRUE;
  metrics = fetch_metrics (fixture, hd_channel_get_remote_account_id (fixture->channel),
                           &error);
  g_assert_no_error (error);
  g_assert_cmpuint (metrics->len, ==, 1);
  followers = find_metric (metrics, HD_METRIC_FOLLOWERS);
  g_assert_nonnull (followers);
  g_assert_false (hd_provider_metric_is_available (followers));
  g_assert_nonnull (hd_fake_server_last (fixture->bluesky->server, "GET",
                                         "/xrpc/app.bsky.actor.getProfile"));

  /* A post's counts come from the AppView too. */
  post_metrics = fetch_metrics (fixture, post_uri, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (post_metrics->len, ==, G_N_ELEMENTS (names));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      HdMetric *metric = find_metric (post_metrics, names[i]);

      g_assert_nonnull (metric);
      g_assert_false (hd_provider_metric_is_available (metric));
      g_assert_cmpstr (hd_metric_get_subject_id (metric), ==, post_uri);
    }
  g_assert_cmpint (hd_channel_get_state (fixture->channel), ==, HD_CHANNEL_STATE_CONNECTED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func, set_up) \
  g_test_add ("/herald/channels/metrics/" path, Fixture, NULL, set_up, func, fixture_tear_down)

  ADD ("facebook/post", test_facebook_post, facebook_set_up);
  ADD ("facebook/retired", test_facebook_retired, facebook_set_up);
  ADD ("facebook/followers", test_facebook_followers, facebook_set_up);
  ADD ("instagram/post", test_instagram_post, instagram_set_up);
  ADD ("instagram/not-available", test_instagram_not_available, instagram_set_up);
  ADD ("instagram/followers", test_instagram_followers, instagram_set_up);
  ADD ("x/post", test_x_post, x_set_up);
  ADD ("x/impressions-expired", test_x_impressions_expired, x_set_up);
  ADD ("x/followers", test_x_followers, x_set_up);
  ADD ("linkedin/page-post", test_linkedin_page_post, linkedin_set_up);
  ADD ("linkedin/page-ugc-post", test_linkedin_page_ugc_post, linkedin_set_up);
  ADD ("linkedin/page-post-left-out", test_linkedin_page_post_left_out, linkedin_set_up);
  ADD ("linkedin/page-followers", test_linkedin_page_followers, linkedin_set_up);
  ADD ("linkedin/member", test_linkedin_member, linkedin_member_set_up);
  ADD ("linkedin/forbidden", test_linkedin_forbidden, linkedin_set_up);
  ADD ("linkedin/signed-out", test_linkedin_signed_out, linkedin_set_up);
  ADD ("linkedin/daily-limit", test_linkedin_daily_limit, linkedin_set_up);
  ADD ("linkedin/bad-answers", test_linkedin_bad_answers, linkedin_set_up);
  ADD ("mastodon/followers", test_mastodon_followers, mastodon_set_up);
  ADD ("bluesky/followers", test_bluesky_followers, bluesky_set_up);
  ADD ("bluesky/followers-without-app-view", test_bluesky_followers_without_app_view,
       bluesky_set_up);

#undef ADD

  return g_test_run ();
}
