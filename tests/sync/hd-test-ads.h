/* hd-test-ads.h: a Facebook channel on the Marketing API fake, with its ad account and a
 * campaign → ad set → ad queued for sending, for the ads sync tests.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hd-test-channels.h"
#include "hd-fake-meta-ads.h"
#include "hd-meta-ads.h"
#include "hd-ads-puller.h"
#include "hd-ads-sender.h"
#include "hd-store-ads-outbox.h"
#include "hd-store-changes.h"

G_BEGIN_DECLS

#define TEST_DAY (24 * 60 * 60)

typedef struct
{
  TestEnv        env;
  HdFakeMetaAds *fake;
  HdChannel     *channel;
  HdAdAccount   *account;
  HdSender      *sender;
  HdAdsSender   *ads;
  HdCampaign    *campaign;
  HdAdSet       *ad_set;
  HdAd          *ad;
} AdsFixture;

static inline void
ads_fixture_set_up (AdsFixture    *fixture,
                    gconstpointer  data)
{
  g_autofree char *graph = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  test_env_init (&fixture->env);
  fixture->fake = hd_fake_meta_ads_new ();
  graph = hd_fake_meta_ads_get_graph_base (fixture->fake);

  fixture->channel = hd_channel_new ();
  hd_channel_set_kind (fixture->channel, HD_CHANNEL_KIND_FACEBOOK_PAGE);
  hd_channel_set_display_name (fixture->channel, "Hazel’s Grooming");
  hd_channel_set_base_url (fixture->channel, graph);
  hd_channel_set_remote_account_id (fixture->channel, "104857600");
  hd_channel_set_state (fixture->channel, HD_CHANNEL_STATE_CONNECTED);
  hd_store_save_channel (fixture->env.store, fixture->channel, &error);
  g_assert_no_error (error);

  hd_secrets_store_async (hd_channel_get_id (fixture->channel), HD_META_ADS_TOKEN_KIND, NULL,
                          fixture->fake->user_token, NULL, test_store_result, &result);
  g_assert_true (hd_secrets_store_finish (test_wait (&result), &error));
  g_assert_no_error (error);

  fixture->account = hd_ad_account_new ();
  hd_ad_account_set_channel_id (fixture->account, hd_channel_get_id (fixture->channel));
  hd_ad_account_set_remote_id (fixture->account, fixture->fake->account_id);
  hd_ad_account_set_name (fixture->account, "Hazel’s ads");
  hd_ad_account_set_currency (fixture->account, "GBP");
  hd_ad_account_set_time_zone (fixture->account, "Europe/London");
  hd_store_save_ad_account (fixture->env.store, fixture->account, &error);
  g_assert_no_error (error);

  fixture->sender = hd_sender_new (fixture->env.store, fixture->env.http);
  hd_sender_set_jitter_seed (fixture->sender, 7);
  fixture->ads = hd_ads_sender_new (fixture->sender);
  hd_ads_sender_set_jitter_seed (fixture->ads, 7);
}

static inline void
ads_fixture_tear_down (AdsFixture    *fixture,
                       gconstpointer  data)
{
  g_clear_object (&fixture->ad);
  g_clear_object (&fixture->ad_set);
  g_clear_object (&fixture->campaign);
  g_assert_finalize_object (fixture->ads);
  g_assert_finalize_object (fixture->sender);
  g_clear_object (&fixture->account);
  g_clear_object (&fixture->channel);
  hd_fake_meta_ads_free (fixture->fake);
  test_env_clear (&fixture->env);
}

/* Spring sale → Watford dog owners (£20 a day) → one ad with a picture, each saved queued,
 * as the campaign editor leaves them. */
static inline void
ads_fixture_queue_tree (AdsFixture *fixture,
                        const char *objective)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdAudience) audience = hd_audience_new ();
  g_autoptr(HdMedia) picture = test_import_png (&fixture->env, "A groomed spaniel");

  hd_audience_set_name (audience, "Dog owners near Watford");
  hd_audience_set_spec (audience,
                        "{\"geo_locations\":{\"countries\":[\"GB\"]},\"age_min\":25,"
                        "\"age_max\":45,\"targeting_automation\":{\"advantage_audience\":0}}");
  hd_store_save_audience (fixture->env.store, audience, &error);
  g_assert_no_error (error);

  fixture->campaign = hd_campaign_new ();
  hd_campaign_set_name (fixture->campaign, "Spring sale");
  hd_campaign_set_objective (fixture->campaign, objective);
  hd_campaign_set_account_id (fixture->campaign, hd_ad_account_get_id (fixture->account));
  hd_store_save_campaign_queued (fixture->env.store, fixture->campaign, &error);
  g_assert_no_error (error);

  fixture->ad_set = hd_ad_set_new ();
  hd_ad_set_set_campaign_id (fixture->ad_set, hd_campaign_get_id (fixture->campaign));
  hd_ad_set_set_name (fixture->ad_set, "Watford dog owners");
  hd_ad_set_set_budget_kind (fixture->ad_set, HD_BUDGET_KIND_DAILY);
  hd_ad_set_set_budget_minor (fixture->ad_set, 2000);
  hd_ad_set_set_currency (fixture->ad_set, "GBP");
  hd_ad_set_set_time_zone (fixture->ad_set, "Europe/London");
  hd_ad_set_set_starts_at (fixture->ad_set, TEST_NOW - 3 * TEST_DAY);
  hd_ad_set_set_ends_at (fixture->ad_set, TEST_NOW + 11 * TEST_DAY);
  hd_ad_set_set_optimization_goal (fixture->ad_set, "LINK_CLICKS");
  hd_ad_set_set_billing_event (fixture->ad_set, "IMPRESSIONS");
  hd_ad_set_set_audience_id (fixture->ad_set, hd_audience_get_id (audience));
  hd_store_save_ad_set_queued (fixture->env.store, fixture->ad_set, &error);
  g_assert_no_error (error);

  fixture->ad = hd_ad_new ();
  hd_ad_set_ad_set_id (fixture->ad, hd_ad_set_get_id (fixture->ad_set));
  hd_ad_set_name (fixture->ad, "Spring sale – groom");
  hd_ad_set_body (fixture->ad, "Spring grooming, 20 % off all week.");
  hd_ad_set_headline (fixture->ad, "Book a groom");
  hd_ad_set_link (fixture->ad, "https://hazels.example/book");
  hd_ad_set_call_to_action (fixture->ad, "BOOK_NOW");
  hd_ad_set_page_remote_id (fixture->ad, "104857600");
  hd_ad_set_image_sha256 (fixture->ad, hd_media_get_sha256 (picture));
  hd_store_save_ad_queued (fixture->env.store, fixture->ad, &error);
  g_assert_no_error (error);
}

/* One run of the ads sender at @now. */
static inline HdSendReport *
ads_fixture_send (AdsFixture *fixture,
                  gint64      now)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  HdSendReport *report = NULL;

  fixture->env.now = now;
  hd_ads_sender_send_due_async (fixture->ads, now, NULL, test_store_result, &result);
  g_assert_true (hd_ads_sender_send_due_finish (fixture->ads, test_wait (&result), &report,
                                                &error));
  g_assert_no_error (error);

  /* What Meta said, for when an assertion below fails. */
  for (guint i = 0; i < hd_send_report_get_n_items (report); i++)
    g_test_message ("%s: %d %s", hd_send_report_get_item (report, i)->excerpt,
                    hd_send_report_get_item (report, i)->outcome,
                    hd_send_report_get_item (report, i)->sentence);

  return report;
}

static inline HdAdsPullReport
ads_fixture_pull (AdsFixture *fixture,
                  gint64      now)
{
  g_autoptr(HdAdsPuller) puller = hd_ads_puller_new (fixture->env.store, fixture->env.http);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  HdAdsPullReport report = { 0, };

  fixture->env.now = now;
  hd_ads_puller_pull_async (puller, now, NULL, test_store_result, &result);
  g_assert_true (hd_ads_puller_pull_finish (puller, test_wait (&result), &report, &error));
  g_assert_no_error (error);

  return report;
}

/* The remote ids as the store has them now. */
static inline char *
ads_fixture_remote_id (AdsFixture *fixture,
                       const char *kind)
{
  g_autoptr(GError) error = NULL;

  if (g_str_equal (kind, HD_OUTBOX_SUBJECT_CAMPAIGN))
    {
      g_autoptr(HdCampaign) campaign =
        hd_store_load_campaign (fixture->env.store, hd_campaign_get_id (fixture->campaign),
                                &error);

      g_assert_no_error (error);
      return g_strdup (hd_campaign_get_remote_id (campaign));
    }
  if (g_str_equal (kind, HD_OUTBOX_SUBJECT_AD_SET))
    {
      g_autoptr(HdAdSet) ad_set =
        hd_store_load_ad_set (fixture->env.store, hd_ad_set_get_id (fixture->ad_set), &error);

      g_assert_no_error (error);
      return g_strdup (hd_ad_set_get_remote_id (ad_set));
    }

  {
    g_autoptr(HdAd) ad = hd_store_load_ad (fixture->env.store, hd_ad_get_id (fixture->ad),
                                           &error);

    g_assert_no_error (error);
    return g_strdup (hd_ad_get_remote_id (ad));
  }
}

G_END_DECLS
