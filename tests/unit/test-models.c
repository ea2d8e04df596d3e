/* test-models.c: every entity through save and load, cascades, list models, transactions.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-test"

#include "config.h"

#include <glib/gstdio.h>

#include "hd-core.h"
#include "hd-store-private.h"

/* More than a double holds exactly: money must never pass through floating point. */
#define BIG_MONEY G_GINT64_CONSTANT (9007199254740993)

typedef struct
{
  char *dir;
  HdStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("herald-models-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "herald.db", NULL);
  fixture->store = hd_store_open (path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  static const char * const files[] = { "herald.db", "herald.db-wal", "herald.db-shm" };

  g_assert_finalize_object (fixture->store);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (fixture->dir, files[i], NULL);

      g_unlink (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

static gint64
count_rows (Fixture    *fixture,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 result;

  g_assert_cmpint (sqlite3_prepare_v2 (_hd_store_get_db (fixture->store), sql, -1, &stmt, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  result = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return result;
}

static gboolean
strv_same (const char * const *a,
           const char * const *b)
{
  if (a == NULL || a[0] == NULL || b == NULL || b[0] == NULL)
    return (a == NULL || a[0] == NULL) && (b == NULL || b[0] == NULL);

  return g_strv_equal (a, b);
}

/* Every property of @a equals the same property of @b, so a field the store forgets to save
 * or load fails here by name. */
static void
assert_same_properties (gpointer a,
                        gpointer b)
{
  g_autofree GParamSpec **pspecs = NULL;
  guint n_pspecs = 0;

  g_assert_true (G_OBJECT_TYPE (a) == G_OBJECT_TYPE (b));

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (a), &n_pspecs);
  for (guint i = 0; i < n_pspecs; i++)
    {
      g_auto(GValue) va = G_VALUE_INIT;
      g_auto(GValue) vb = G_VALUE_INIT;

      g_value_init (&va, pspecs[i]->value_type);
      g_value_init (&vb, pspecs[i]->value_type);
      g_object_get_property (a, pspecs[i]->name, &va);
      g_object_get_property (b, pspecs[i]->name, &vb);

      if (pspecs[i]->value_type == G_TYPE_STRV)
        {
          if (!strv_same (g_value_get_boxed (&va), g_value_get_boxed (&vb)))
            g_error ("%s:%s differs after loading", G_OBJECT_TYPE_NAME (a), pspecs[i]->name);
        }
      else if (g_param_values_cmp (pspecs[i], &va, &vb) != 0)
        {
          g_autofree char *sa = g_strdup_value_contents (&va);
          g_autofree char *sb = g_strdup_value_contents (&vb);

          g_error ("%s:%s differs after loading: %s != %s",
                   G_OBJECT_TYPE_NAME (a), pspecs[i]->name, sa, sb);
        }
    }
}

static HdChannel *
save_channel (Fixture       *fixture,
              HdChannelKind  kind,
              const char    *name)
{
  g_autoptr(GError) error = NULL;
  HdChannel *channel = hd_channel_new ();

  hd_channel_set_kind (channel, kind);
  hd_channel_set_display_name (channel, name);
  hd_store_save_channel (fixture->store, channel, &error);
  g_assert_no_error (error);

  return channel;
}

static HdPost *
new_post (const char *text,
          gint64      scheduled_at)
{
  HdPost *post = hd_post_new ();

  hd_post_set_text (post, text);
  hd_post_set_state (post, scheduled_at != 0 ? HD_POST_STATE_SCHEDULED : HD_POST_STATE_IDEA);
  hd_post_set_scheduled_at (post, scheduled_at);
  if (scheduled_at != 0)
    hd_post_set_time_zone (post, "Europe/London");

  return post;
}

static void
save_post (Fixture *fixture,
           HdPost  *post)
{
  g_autoptr(GError) error = NULL;

  hd_store_save_post (fixture->store, post, &error);
  g_assert_no_error (error);
}

static void
test_ids (void)
{
  g_autoptr(HdPost) a = hd_post_new ();
  g_autoptr(HdPost) b = hd_post_new ();
  g_autoptr(HdCampaign) campaign = hd_campaign_new ();

  g_assert_true (g_uuid_string_is_valid (hd_post_get_id (a)));
  g_assert_true (g_uuid_string_is_valid (hd_campaign_get_id (campaign)));
  g_assert_cmpstr (hd_post_get_id (a), !=, hd_post_get_id (b));
}

static void
test_channel (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdChannel) channel = hd_channel_new ();
  g_autoptr(HdChannel) loaded = NULL;

  hd_channel_set_kind (channel, HD_CHANNEL_KIND_BLUESKY);
  hd_channel_set_display_name (channel, "Ünïcødé Grooming 🐩 犬");
  hd_channel_set_handle (channel, "salon.bsky.social");
  hd_channel_set_base_url (channel, "https://pds.example");
  hd_channel_set_remote_account_id (channel, "did:plc:abc123");
  hd_channel_set_state (channel, HD_CHANNEL_STATE_NEEDS_RECONNECT);
  hd_store_save_channel (fixture->store, channel, &error);
  g_assert_no_error (error);
  g_assert_cmpint (hd_channel_get_created_at (channel), >, 0);

  loaded = hd_store_load_channel (fixture->store, hd_channel_get_id (channel), &error);
  g_assert_no_error (error);
  assert_same_properties (channel, loaded);

  /* Saving again updates the same row and keeps when it was made. */
  hd_channel_set_handle (loaded, NULL);
  hd_channel_set_state (loaded, HD_CHANNEL_STATE_CONNECTED);
  hd_store_save_channel (fixture->store, loaded, &error);
  g_assert_no_error (error);
  g_clear_object (&channel);
  channel = hd_store_load_channel (fixture->store, hd_channel_get_id (loaded), &error);
  g_assert_no_error (error);
  assert_same_properties (loaded, channel);
  g_assert_null (hd_channel_get_handle (channel));
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM channels"), ==, 1);
}

static void
test_label_and_media (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdLabel) label = hd_label_new ();
  g_autoptr(HdLabel) loaded_label = NULL;
  g_autoptr(HdMedia) media = hd_media_new ();
  g_autoptr(HdMedia) loaded_media = NULL;
  g_autoptr(HdMedia) again = hd_media_new ();
  g_autofree char *sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "biscuit.jpg", -1);

  hd_label_set_name (label, "Avant & après");
  hd_label_set_color (label, "#e66100");
  hd_store_save_label (fixture->store, label, &error);
  g_assert_no_error (error);
  loaded_label = hd_store_load_label (fixture->store, hd_label_get_id (label), &error);
  g_assert_no_error (error);
  assert_same_properties (label, loaded_label);

  hd_media_set_sha256 (media, sha);
  hd_media_set_path (media, "media/ab/biscuit.jpg");
  hd_media_set_mime_type (media, "image/jpeg");
  hd_media_set_width (media, 4032);
  hd_media_set_height (media, 3024);
  hd_media_set_alt_text (media, "A cockapoo after a groom, looking like a teddy bear");
  hd_media_set_bytes (media, G_GINT64_CONSTANT (3) << 32);
  hd_store_save_media (fixture->store, media, &error);
  g_assert_no_error (error);
  loaded_media = hd_store_load_media (fixture->store, sha, &error);
  g_assert_no_error (error);
  assert_same_properties (media, loaded_media);

  /* The same file imported twice stays one row. */
  hd_media_set_sha256 (again, sha);
  hd_media_set_path (again, "media/ab/biscuit.jpg");
  hd_media_set_mime_type (again, "image/jpeg");
  hd_store_save_media (fixture->store, again, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM media"), ==, 1);
}

static void
test_post (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdChannel) mastodon = save_channel (fixture, HD_CHANNEL_KIND_MASTODON, "M");
  g_autoptr(HdChannel) bluesky = save_channel (fixture, HD_CHANNEL_KIND_BLUESKY, "B");
  g_autoptr(HdPost) post = new_post ("Schöne Grüße aus Watford 🐕‍🦺 — “quoted”", 1893456000);
  g_autoptr(HdPost) loaded = NULL;
  g_autoptr(HdVariant) short_one = hd_variant_new ();
  g_autoptr(HdVariant) plain = hd_variant_new ();
  g_autoptr(HdMedia) photo = hd_media_new ();
  g_autoptr(HdMedia) video = hd_media_new ();
  g_autofree char *sha1 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "1", -1);
  g_autofree char *sha2 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "2", -1);
  const char *media[] = { sha2, sha1, NULL };
  const char *labels[] = { "Offers", "Tips", NULL };

  hd_media_set_sha256 (photo, sha1);
  hd_media_set_path (photo, "a.jpg");
  hd_media_set_mime_type (photo, "image/jpeg");
  hd_store_save_media (fixture->store, photo, &error);
  g_assert_no_error (error);
  hd_media_set_sha256 (video, sha2);
  hd_media_set_path (video, "b.mp4");
  hd_media_set_mime_type (video, "video/mp4");
  hd_store_save_media (fixture->store, video, &error);
  g_assert_no_error (error);

  hd_post_set_notes (post, "Ask Tom for the photo");
  hd_post_set_published_at (post, 1893456060);
  hd_post_set_labels (post, labels);
  hd_variant_set_channel_id (short_one, hd_channel_get_id (bluesky));
  hd_variant_set_text (short_one, "Kurz ✂️");
  hd_variant_set_first_comment (short_one, "#dogs");
  hd_variant_set_remote_id (short_one, "at://did:plc:x/app.bsky.feed.post/3k");
  hd_variant_set_remote_url (short_one, "https://bsky.app/profile/x/post/3k");
  hd_variant_set_state (short_one, HD_POST_STATE_PUBLISHED);
  hd_variant_set_media (short_one, media);
  hd_post_add_variant (post, short_one);
  hd_variant_set_channel_id (plain, hd_channel_get_id (mastodon));
  hd_post_add_variant (post, plain);
  save_post (fixture, post);

  loaded = hd_store_load_post (fixture->store, hd_post_get_id (post), &error);
  g_assert_no_error (error);
  assert_same_properties (post, loaded);
  g_assert_cmpuint (g_list_model_get_n_items (hd_post_get_variants (loaded)), ==, 2);
  assert_same_properties (short_one,
                          hd_post_find_variant (loaded, hd_channel_get_id (bluesky)));
  assert_same_properties (plain, hd_post_find_variant (loaded, hd_channel_get_id (mastodon)));
  /* Media keeps the order the user chose, not the order of the hashes. */
  g_assert_cmpstr (hd_variant_get_media (hd_post_find_variant (loaded,
                                                               hd_channel_get_id (bluesky)))[0],
                   ==, sha2);
  g_assert_null (hd_variant_get_text (hd_post_find_variant (loaded,
                                                            hd_channel_get_id (mastodon))));
  g_assert_true (hd_post_has_label (loaded, "Tips"));
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM labels"), ==, 2);

  /* Dropping a variant and a label on the post drops them in the database. */
  hd_post_remove_variant (loaded, hd_post_find_variant (loaded, hd_channel_get_id (mastodon)));
  hd_post_set_labels (loaded, (const char *[]) { "Tips", NULL });
  hd_post_set_notes (loaded, NULL);
  hd_post_set_scheduled_at (loaded, 0);
  save_post (fixture, loaded);
  g_clear_object (&post);
  post = hd_store_load_post (fixture->store, hd_post_get_id (loaded), &error);
  g_assert_no_error (error);
  assert_same_properties (loaded, post);
  g_assert_cmpuint (g_list_model_get_n_items (hd_post_get_variants (post)), ==, 1);
  g_assert_null (hd_post_get_notes (post));
  g_assert_cmpint (hd_post_get_scheduled_at (post), ==, 0);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM post_variants"), ==, 1);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM post_labels"), ==, 1);
}

static void
test_post_refused (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdPost) post = new_post ("Needs a zone", 1893456000);
  g_autoptr(HdVariant) orphan = hd_variant_new ();
  g_autoptr(HdPost) loaded = NULL;

  hd_post_set_time_zone (post, NULL);
  g_assert_false (hd_store_save_post (fixture->store, post, &error));
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "time zone"));
  g_clear_error (&error);

  /* A variant for a channel that is not there refuses the whole post, not half of it. */
  hd_post_set_time_zone (post, "Europe/London");
  hd_post_set_labels (post, (const char *[]) { "Offers", NULL });
  hd_variant_set_channel_id (orphan, "no-such-channel");
  hd_post_add_variant (post, orphan);
  g_assert_false (hd_store_save_post (fixture->store, post, &error));
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID);
  g_clear_error (&error);

  loaded = hd_store_load_post (fixture->store, hd_post_get_id (post), &error);
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND);
  g_assert_null (loaded);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM labels"), ==, 0);

  g_clear_error (&error);
  g_assert_false (hd_store_delete_post (fixture->store, "nothing", &error));
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND);
}

static void
test_campaign_family (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdAudience) audience = hd_audience_new ();
  g_autoptr(HdAudience) unknown_size = hd_audience_new ();
  g_autoptr(HdCampaign) campaign = hd_campaign_new ();
  g_autoptr(HdAdSet) ad_set = hd_ad_set_new ();
  g_autoptr(HdAd) ad = hd_ad_new ();
  g_autoptr(HdPost) post = new_post ("Spa day", 1893456000);
  g_autoptr(GObject) loaded = NULL;

  hd_audience_set_name (audience, "Hundebesitzer in Watford");
  hd_audience_set_spec (audience, "{\"age_min\":25,\"age_max\":55}");
  hd_audience_set_estimated_size (audience, 41000);
  hd_audience_set_estimated_at (audience, 1893000000);
  hd_store_save_audience (fixture->store, audience, &error);
  g_assert_no_error (error);
  loaded = G_OBJECT (hd_store_load_audience (fixture->store, hd_audience_get_id (audience),
                                             &error));
  g_assert_no_error (error);
  assert_same_properties (audience, loaded);
  g_clear_object (&loaded);

  /* An audience never estimated keeps "unknown", not zero people. */
  hd_audience_set_name (unknown_size, "Nobody yet");
  hd_store_save_audience (fixture->store, unknown_size, &error);
  g_assert_no_error (error);
  loaded = G_OBJECT (hd_store_load_audience (fixture->store, hd_audience_get_id (unknown_size),
                                             &error));
  g_assert_no_error (error);
  g_assert_cmpint (hd_audience_get_estimated_size (HD_AUDIENCE (loaded)), ==, -1);
  g_clear_object (&loaded);

  hd_campaign_set_ad_account_id (campaign, "act_1234");
  hd_campaign_set_name (campaign, "Autumn spa ☕");
  hd_campaign_set_objective (campaign, "OUTCOME_TRAFFIC");
  hd_campaign_set_special_ad_categories (campaign, "[\"NONE\"]");
  hd_campaign_set_status (campaign, HD_AD_STATUS_ACTIVE);
  hd_campaign_set_bid_strategy (campaign, "LOWEST_COST_WITHOUT_CAP");
  hd_campaign_set_remote_id (campaign, "120200000000");
  hd_store_save_campaign (fixture->store, campaign, &error);
  g_assert_no_error (error);
  loaded = G_OBJECT (hd_store_load_campaign (fixture->store, hd_campaign_get_id (campaign),
                                             &error));
  g_assert_no_error (error);
  assert_same_properties (campaign, loaded);
  g_clear_object (&loaded);

  hd_ad_set_set_campaign_id (ad_set, hd_campaign_get_id (campaign));
  hd_ad_set_set_name (ad_set, "Weekdays");
  hd_ad_set_set_budget_kind (ad_set, HD_BUDGET_KIND_LIFETIME);
  hd_ad_set_set_budget_minor (ad_set, BIG_MONEY);
  hd_ad_set_set_currency (ad_set, "JPY");
  hd_ad_set_set_starts_at (ad_set, 1893456000);
  hd_ad_set_set_ends_at (ad_set, 1893456000 + 14 * 86400);
  hd_ad_set_set_time_zone (ad_set, "Asia/Tokyo");
  hd_ad_set_set_optimization_goal (ad_set, "LINK_CLICKS");
  hd_ad_set_set_billing_event (ad_set, "IMPRESSIONS");
  hd_ad_set_set_audience_id (ad_set, hd_audience_get_id (audience));
  hd_ad_set_set_placements (ad_set, "{\"publisher_platforms\":[\"facebook\"]}");
  hd_ad_set_set_dayparting (ad_set, "[{\"days\":[1,2,3,4,5],\"start_minute\":480,"
                                    "\"end_minute\":1200}]");
  hd_ad_set_set_status (ad_set, HD_AD_STATUS_ARCHIVED);
  hd_ad_set_set_remote_id (ad_set, "120200000001");
  hd_store_save_ad_set (fixture->store, ad_set, &error);
  g_assert_no_error (error);
  loaded = G_OBJECT (hd_store_load_ad_set (fixture->store, hd_ad_set_get_id (ad_set), &error));
  g_assert_no_error (error);
  assert_same_properties (ad_set, loaded);
  g_assert_cmpint (hd_ad_set_get_budget_minor (HD_AD_SET (loaded)), ==, BIG_MONEY);
  g_clear_object (&loaded);

  hd_post_set_campaign_id (post, hd_campaign_get_id (campaign));
  save_post (fixture, post);

  hd_ad_set_ad_set_id (ad, hd_ad_set_get_id (ad_set));
  hd_ad_set_post_id (ad, hd_post_get_id (post));
  hd_ad_set_name (ad, "Spa");
  hd_ad_set_headline (ad, "A spa day for your dog, £45");
  hd_ad_set_link (ad, "https://example.com/book?x=1&y=2");
  hd_ad_set_call_to_action (ad, "BOOK_NOW");
  hd_ad_set_status (ad, HD_AD_STATUS_ACTIVE);
  hd_store_save_ad (fixture->store, ad, &error);
  g_assert_no_error (error);
  loaded = G_OBJECT (hd_store_load_ad (fixture->store, hd_ad_get_id (ad), &error));
  g_assert_no_error (error);
  assert_same_properties (ad, loaded);
  g_clear_object (&loaded);

  /* An audience in use is kept, with a reason. */
  g_assert_false (hd_store_delete_audience (fixture->store, hd_audience_get_id (audience),
                                            &error));
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "ad set"));
  g_clear_error (&error);

  /* Deleting the post keeps the ad, unlinked. */
  hd_store_delete_post (fixture->store, hd_post_get_id (post), &error);
  g_assert_no_error (error);
  loaded = G_OBJECT (hd_store_load_ad (fixture->store, hd_ad_get_id (ad), &error));
  g_assert_no_error (error);
  g_assert_null (hd_ad_get_post_id (HD_AD (loaded)));
  g_clear_object (&loaded);

  /* Deleting the campaign takes its ad sets and ads with it, and frees the audience. */
  hd_store_delete_campaign (fixture->store, hd_campaign_get_id (campaign), &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM ad_sets"), ==, 0);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM ads"), ==, 0);
  hd_store_delete_audience (fixture->store, hd_audience_get_id (audience), &error);
  g_assert_no_error (error);
}

static void
test_ad_set_needs_currency (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdCampaign) campaign = hd_campaign_new ();
  g_autoptr(HdAdSet) ad_set = hd_ad_set_new ();

  hd_campaign_set_name (campaign, "C");
  hd_store_save_campaign (fixture->store, campaign, &error);
  g_assert_no_error (error);

  hd_ad_set_set_campaign_id (ad_set, hd_campaign_get_id (campaign));
  hd_ad_set_set_name (ad_set, "No currency");
  hd_ad_set_set_budget_minor (ad_set, 2000);
  g_assert_false (hd_store_save_ad_set (fixture->store, ad_set, &error));
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "currency"));
  g_clear_error (&error);

  /* A flight that ends before it starts is refused by the schema itself. */
  hd_ad_set_set_currency (ad_set, "GBP");
  hd_ad_set_set_starts_at (ad_set, 2000);
  hd_ad_set_set_ends_at (ad_set, 1000);
  g_assert_false (hd_store_save_ad_set (fixture->store, ad_set, &error));
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM ad_sets"), ==, 0);
}

static void
test_inbox_and_channel_cascade (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdChannel) channel = save_channel (fixture, HD_CHANNEL_KIND_FACEBOOK_PAGE, "FB");
  g_autoptr(HdChannel) other = save_channel (fixture, HD_CHANNEL_KIND_INSTAGRAM, "IG");
  g_autoptr(HdInboxItem) item = hd_inbox_item_new ();
  g_autoptr(HdInboxItem) loaded = NULL;
  g_autoptr(HdPost) post = new_post ("Out now", 1893456000);
  g_autoptr(HdVariant) on_fb = hd_variant_new ();
  g_autoptr(HdVariant) on_ig = hd_variant_new ();
  g_autoptr(HdPost) reloaded = NULL;
  g_autoptr(HdMetric) metric = hd_metric_new ();
  g_autofree char *change = NULL;
  guint n = 0;

  hd_variant_set_channel_id (on_fb, hd_channel_get_id (channel));
  hd_variant_set_channel_id (on_ig, hd_channel_get_id (other));
  hd_variant_set_state (on_fb, HD_POST_STATE_SCHEDULED);
  hd_variant_set_state (on_ig, HD_POST_STATE_SCHEDULED);
  hd_post_add_variant (post, on_fb);
  hd_post_add_variant (post, on_ig);
  save_post (fixture, post);

  hd_inbox_item_set_channel_id (item, hd_channel_get_id (channel));
  hd_inbox_item_set_kind (item, HD_INBOX_KIND_MESSAGE);
  hd_inbox_item_set_remote_id (item, "m_1");
  hd_inbox_item_set_thread_id (item, "t_1");
  hd_inbox_item_set_parent_id (item, "p_1");
  hd_inbox_item_set_author_name (item, "Zoë O’Brien");
  hd_inbox_item_set_author_handle (item, "@zoe");
  hd_inbox_item_set_text (item, "How much for a cockapoo? 🐶");
  hd_inbox_item_set_received_at (item, 1893456100);
  hd_inbox_item_set_post_id (item, hd_post_get_id (post));
  hd_inbox_item_set_reply_state (item, HD_REPLY_STATE_REPLIED);
  hd_store_save_inbox_item (fixture->store, item, &error);
  g_assert_no_error (error);
  loaded = hd_store_load_inbox_item (fixture->store, hd_inbox_item_get_id (item), &error);
  g_assert_no_error (error);
  assert_same_properties (item, loaded);

  hd_metric_set_subject (metric, HD_METRIC_SUBJECT_POST);
  hd_metric_set_subject_id (metric, hd_post_get_id (post));
  hd_metric_set_channel_id (metric, hd_channel_get_id (channel));
  hd_metric_set_name (metric, HD_METRIC_IMPRESSIONS);
  hd_metric_set_value (metric, 120);
  hd_metric_set_measured_at (metric, 1893460000);
  hd_store_add_metric (fixture->store, metric, &error);
  g_assert_no_error (error);

  change = hd_store_enqueue_change (fixture->store, HD_OUTBOX_SUBJECT_VARIANT,
                                    hd_variant_get_id (on_fb), hd_channel_get_id (channel),
                                    HD_OUTBOX_OPERATION_CREATE, &error);
  g_assert_no_error (error);
  /* The scheduled post waits to go out on both channels, beside the change queued by hand. */
  hd_store_count_pending_changes (fixture->store, &n, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 3);

  hd_store_count_unread_inbox (fixture->store, &n, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 0);

  /* Removing a channel removes what only made sense on it; the post stays elsewhere. */
  hd_store_delete_channel (fixture->store, hd_channel_get_id (channel), &error);
  g_assert_no_error (error);
  reloaded = hd_store_load_post (fixture->store, hd_post_get_id (post), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (hd_post_get_variants (reloaded)), ==, 1);
  g_assert_nonnull (hd_post_find_variant (reloaded, hd_channel_get_id (other)));
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM inbox_items"), ==, 0);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM metrics"), ==, 0);
  /* Only the post going out on Instagram is left to send. */
  hd_store_count_pending_changes (fixture->store, &n, &error);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM outbox WHERE channel_id IS NOT"
                               " (SELECT id FROM channels WHERE kind = 'instagram')"), ==, 0);
}

static void
test_label_delete_keeps_posts (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdPost) post = new_post ("Tip", 0);
  g_autoptr(HdPost) loaded = NULL;
  g_autoptr(GListModel) labels = NULL;
  g_autoptr(HdLabel) label = NULL;

  hd_post_set_labels (post, (const char *[]) { "Tips", NULL });
  save_post (fixture, post);

  labels = hd_store_list_labels (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (labels), ==, 1);
  label = g_list_model_get_item (labels, 0);
  g_assert_cmpstr (hd_label_get_name (label), ==, "Tips");

  hd_store_delete_label (fixture->store, hd_label_get_id (label), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (labels), ==, 0);
  loaded = hd_store_load_post (fixture->store, hd_post_get_id (post), &error);
  g_assert_no_error (error);
  g_assert_false (hd_post_has_label (loaded, "Tips"));
}

static void
test_media_in_use (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdChannel) channel = save_channel (fixture, HD_CHANNEL_KIND_INSTAGRAM, "IG");
  g_autoptr(HdMedia) media = hd_media_new ();
  g_autoptr(HdPost) post = new_post ("Look", 0);
  g_autoptr(HdVariant) variant = hd_variant_new ();
  g_autofree char *sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "x", -1);

  hd_media_set_sha256 (media, sha);
  hd_media_set_path (media, "x.png");
  hd_media_set_mime_type (media, "image/png");
  hd_store_save_media (fixture->store, media, &error);
  g_assert_no_error (error);

  hd_variant_set_channel_id (variant, hd_channel_get_id (channel));
  hd_variant_set_media (variant, (const char *[]) { sha, NULL });
  hd_post_add_variant (post, variant);
  save_post (fixture, post);

  g_assert_false (hd_store_delete_media (fixture->store, sha, &error));
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID);
  g_clear_error (&error);

  hd_store_delete_post (fixture->store, hd_post_get_id (post), &error);
  g_assert_no_error (error);
  hd_store_delete_media (fixture->store, sha, &error);
  g_assert_no_error (error);
}

typedef struct
{
  guint n_calls;
  guint last_removed;
  guint last_added;
} ItemsChanged;

static void
on_items_changed (GListModel   *model,
                  guint         position,
                  guint         removed,
                  guint         added,
                  ItemsChanged *changed)
{
  changed->n_calls++;
  changed->last_removed = removed;
  changed->last_added = added;
}

static void
on_store_changed (HdStore    *store,
                  const char *family,
                  GPtrArray  *seen)
{
  g_ptr_array_add (seen, g_strdup (family));
}

static void
test_list_models (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) week = NULL;
  g_autoptr(GListModel) ideas = NULL;
  g_autoptr(GListModel) campaigns = NULL;
  g_autoptr(HdPost) inside = new_post ("Inside", 1000500);
  g_autoptr(HdPost) outside = new_post ("Outside", 2000000);
  g_autoptr(HdPost) idea = new_post ("An idea", 0);
  g_autoptr(HdPost) first = NULL;
  g_autoptr(HdAudience) audience = hd_audience_new ();
  ItemsChanged week_changed = { 0, };
  ItemsChanged campaigns_changed = { 0, };

  week = hd_store_list_posts (fixture->store, 1000000, 1000000 + 7 * 86400, &error);
  g_assert_no_error (error);
  ideas = hd_store_list_posts_in_state (fixture->store, HD_POST_STATE_IDEA, &error);
  g_assert_no_error (error);
  campaigns = hd_store_list_campaigns (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_true (g_list_model_get_item_type (week) == HD_TYPE_POST);
  g_assert_cmpuint (g_list_model_get_n_items (week), ==, 0);

  g_signal_connect (week, "items-changed", G_CALLBACK (on_items_changed), &week_changed);
  g_signal_connect (campaigns, "items-changed", G_CALLBACK (on_items_changed),
                    &campaigns_changed);

  save_post (fixture, inside);
  g_assert_cmpuint (week_changed.n_calls, ==, 1);
  g_assert_cmpuint (week_changed.last_added, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (week), ==, 1);
  first = g_list_model_get_item (week, 0);
  g_assert_cmpstr (hd_post_get_text (first), ==, "Inside");

  save_post (fixture, outside);
  save_post (fixture, idea);
  g_assert_cmpuint (g_list_model_get_n_items (week), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (ideas), ==, 1);

  /* Moving a post into the week shows it there, in time order. */
  hd_post_set_scheduled_at (outside, 1000100);
  save_post (fixture, outside);
  g_assert_cmpuint (g_list_model_get_n_items (week), ==, 2);
  g_clear_object (&first);
  first = g_list_model_get_item (week, 0);
  g_assert_cmpstr (hd_post_get_text (first), ==, "Outside");

  hd_store_delete_post (fixture->store, hd_post_get_id (inside), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (week), ==, 1);
  g_assert_cmpuint (week_changed.last_removed, ==, 2);

  /* A write to another family leaves the campaigns list alone. */
  hd_audience_set_name (audience, "People");
  hd_store_save_audience (fixture->store, audience, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (campaigns_changed.n_calls, ==, 0);

  /* A list outlives a store that is closed, without crashing or changing. */
  g_assert_finalize_object (g_steal_pointer (&fixture->store));
  g_assert_cmpuint (g_list_model_get_n_items (week), ==, 1);
  {
    g_autofree char *path = g_build_filename (fixture->dir, "herald.db", NULL);

    fixture->store = hd_store_open (path, &error);
    g_assert_no_error (error);
  }
}

static void
test_transactions (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(HdPost) a = new_post ("A", 0);
  g_autoptr(HdPost) b = new_post ("B", 0);
  g_autoptr(HdPost) c = new_post ("C", 0);
  g_autoptr(HdPost) d = new_post ("D", 0);
  guint n_posts = 0;

  g_signal_connect (fixture->store, "changed::posts", G_CALLBACK (on_store_changed), seen);

  /* Inner rollback undoes only the inner writes. */
  g_assert_true (hd_store_begin (fixture->store, &error));
  save_post (fixture, a);
  g_assert_true (hd_store_begin (fixture->store, &error));
  save_post (fixture, b);
  hd_store_rollback (fixture->store);
  g_assert_cmpuint (seen->len, ==, 0);
  g_assert_true (hd_store_commit (fixture->store, &error));
  g_assert_no_error (error);

  /* Listeners hear of the write once, after it is durable. */
  g_assert_cmpuint (seen->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (seen, 0), ==, "posts");
  hd_store_count_posts (fixture->store, &n_posts, &error);
  g_assert_cmpuint (n_posts, ==, 1);
  g_clear_object (&b);
  b = hd_store_load_post (fixture->store, hd_post_get_id (a), &error);
  g_assert_no_error (error);

  /* Outer rollback undoes everything, even a committed inner level, and says nothing. */
  g_assert_true (hd_store_begin (fixture->store, &error));
  save_post (fixture, c);
  g_assert_true (hd_store_begin (fixture->store, &error));
  save_post (fixture, d);
  g_assert_true (hd_store_commit (fixture->store, &error));
  hd_store_rollback (fixture->store);
  g_assert_cmpuint (seen->len, ==, 1);
  hd_store_count_posts (fixture->store, &n_posts, &error);
  g_assert_cmpuint (n_posts, ==, 1);
}

static void
test_reports (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdChannel) m = save_channel (fixture, HD_CHANNEL_KIND_MASTODON, "M");
  g_autoptr(HdChannel) f = save_channel (fixture, HD_CHANNEL_KIND_FACEBOOK_PAGE, "F");
  g_autoptr(HdCampaign) campaign = hd_campaign_new ();
  g_autoptr(GListModel) by_channel = NULL;
  g_autoptr(GListModel) by_campaign = NULL;
  g_autoptr(GListModel) series = NULL;
  g_autoptr(HdMetric) first = NULL;
  g_autoptr(HdMetric) second = NULL;
  g_autoptr(HdMetric) spend = NULL;
  struct { const char *channel; gint64 value; gint64 at; } points[] = {
    { hd_channel_get_id (m), 100, 1000 },
    { hd_channel_get_id (m), 50, 2000 },
    { hd_channel_get_id (f), 7, 1500 },
    { hd_channel_get_id (f), 1000, 9000 },  /* outside the range */
  };
  gint64 total = 0;

  hd_campaign_set_name (campaign, "C");
  hd_store_save_campaign (fixture->store, campaign, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (points); i++)
    {
      g_autoptr(HdMetric) metric = hd_metric_new ();

      hd_metric_set_subject (metric, HD_METRIC_SUBJECT_POST);
      hd_metric_set_subject_id (metric, "some-post");
      hd_metric_set_channel_id (metric, points[i].channel);
      hd_metric_set_name (metric, HD_METRIC_IMPRESSIONS);
      hd_metric_set_value (metric, points[i].value);
      hd_metric_set_measured_at (metric, points[i].at);
      hd_store_add_metric (fixture->store, metric, &error);
      g_assert_no_error (error);
    }

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(HdMetric) metric = hd_metric_new ();

      hd_metric_set_subject (metric, HD_METRIC_SUBJECT_CAMPAIGN);
      hd_metric_set_subject_id (metric, hd_campaign_get_id (campaign));
      hd_metric_set_name (metric, HD_METRIC_SPEND);
      hd_metric_set_value (metric, BIG_MONEY);
      hd_metric_set_measured_at (metric, 1000 + i);
      hd_store_add_metric (fixture->store, metric, &error);
      g_assert_no_error (error);
    }

  by_channel = hd_store_sum_metric_by_channel (fixture->store, HD_METRIC_IMPRESSIONS, 0, 5000,
                                               &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (by_channel), ==, 2);
  first = g_list_model_get_item (by_channel, 0);
  second = g_list_model_get_item (by_channel, 1);
  g_assert_cmpstr (hd_metric_get_subject_id (first), ==, hd_channel_get_id (m));
  g_assert_cmpint (hd_metric_get_value (first), ==, 150);
  g_assert_cmpint (hd_metric_get_value (second), ==, 7);

  by_campaign = hd_store_sum_metric_by_campaign (fixture->store, HD_METRIC_SPEND, 0, 5000,
                                                 &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (by_campaign), ==, 1);
  spend = g_list_model_get_item (by_campaign, 0);
  g_assert_cmpint (hd_metric_get_value (spend), ==, 3 * BIG_MONEY);

  hd_store_sum_metric (fixture->store, HD_METRIC_SUBJECT_CAMPAIGN, hd_campaign_get_id (campaign),
                       HD_METRIC_SPEND, 0, 1002, &total, &error);
  g_assert_no_error (error);
  g_assert_cmpint (total, ==, 2 * BIG_MONEY);

  series = hd_store_list_metrics (fixture->store, HD_METRIC_SUBJECT_POST, "some-post",
                                  HD_METRIC_IMPRESSIONS, 0, G_MAXINT64, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (series), ==, 4);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  g_test_add_func ("/herald/models/ids", test_ids);
  ADD ("/herald/models/channel", test_channel);
  ADD ("/herald/models/label-and-media", test_label_and_media);
  ADD ("/herald/models/post", test_post);
  ADD ("/herald/models/post-refused", test_post_refused);
  ADD ("/herald/models/campaign-family", test_campaign_family);
  ADD ("/herald/models/ad-set-needs-currency", test_ad_set_needs_currency);
  ADD ("/herald/models/inbox-and-channel-cascade", test_inbox_and_channel_cascade);
  ADD ("/herald/models/label-delete-keeps-posts", test_label_delete_keeps_posts);
  ADD ("/herald/models/media-in-use", test_media_in_use);
  ADD ("/herald/models/list-models", test_list_models);
  ADD ("/herald/models/transactions", test_transactions);
  ADD ("/herald/models/reports", test_reports);

#undef ADD

  return g_test_run ();
}
