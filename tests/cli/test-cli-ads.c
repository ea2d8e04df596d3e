/* test-cli-ads.c: `herald changes`, `herald changes check` and `herald sync` with a paid
 * campaign waiting to go, run as a user would, against the Marketing API fake
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>
#include <string.h>

#include "hd-core.h"
#include "hd-fake-meta-ads.h"
#include "hd-meta-ads.h"
#include "hd-secrets.h"

#define DAY (24 * 60 * 60)

typedef struct
{
  char          *dir;
  char          *data_dir;
  HdFakeMetaAds *fake;
  HdStore       *store;
  HdAd          *ad;
} Fixture;

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
store_result_cb (GObject      *object,
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

/* A Facebook channel on the fake with its ad account, and a campaign → ad set → ad made from a
 * post, queued as the campaign editor leaves them; the ad has no link yet. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(HdChannel) channel = hd_channel_new ();
  g_autoptr(HdAdAccount) account = hd_ad_account_new ();
  g_autoptr(HdAudience) audience = hd_audience_new ();
  g_autoptr(HdCampaign) campaign = hd_campaign_new ();
  g_autoptr(HdAdSet) ad_set = hd_ad_set_new ();
  g_autoptr(HdPost) post = hd_post_new ();
  g_autofree char *graph = NULL;
  g_autofree char *path = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  fixture->dir = g_dir_make_tmp ("herald-cli-ads-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->data_dir = g_build_filename (fixture->dir, "data", NULL);
  g_mkdir_with_parents (fixture->data_dir, 0700);
  path = g_build_filename (fixture->data_dir, "herald.db", NULL);
  fixture->store = hd_store_open (path, &error);
  g_assert_no_error (error);

  fixture->fake = hd_fake_meta_ads_new ();
  graph = hd_fake_meta_ads_get_graph_base (fixture->fake);

  hd_channel_set_kind (channel, HD_CHANNEL_KIND_FACEBOOK_PAGE);
  hd_channel_set_display_name (channel, "Hazel’s Grooming");
  hd_channel_set_base_url (channel, graph);
  hd_channel_set_remote_account_id (channel, "104857600");
  hd_channel_set_state (channel, HD_CHANNEL_STATE_CONNECTED);
  hd_store_save_channel (fixture->store, channel, &error);
  g_assert_no_error (error);
  hd_secrets_store_async (hd_channel_get_id (channel), HD_META_ADS_TOKEN_KIND, NULL,
                          fixture->fake->user_token, NULL, store_result_cb, &result);
  g_assert_true (hd_secrets_store_finish (wait_for (&result), &error));
  g_assert_no_error (error);

  hd_ad_account_set_channel_id (account, hd_channel_get_id (channel));
  hd_ad_account_set_remote_id (account, fixture->fake->account_id);
  hd_ad_account_set_name (account, "Hazel’s ads");
  hd_ad_account_set_currency (account, "GBP");
  hd_ad_account_set_time_zone (account, "Europe/London");
  hd_store_save_ad_account (fixture->store, account, &error);
  g_assert_no_error (error);

  hd_audience_set_name (audience, "Dog owners");
  hd_audience_set_spec (audience,
                        "{\"geo_locations\":{\"countries\":[\"GB\"]},\"age_min\":25,"
                        "\"age_max\":45,\"targeting_automation\":{\"advantage_audience\":0}}");
  hd_store_save_audience (fixture->store, audience, &error);
  g_assert_no_error (error);

  hd_post_set_text (post, "Spring grooming, 20 % off all week.");
  hd_store_save_post (fixture->store, post, &error);
  g_assert_no_error (error);

  hd_campaign_set_name (campaign, "Spring sale");
  hd_campaign_set_objective (campaign, "OUTCOME_TRAFFIC");
  hd_campaign_set_special_ad_categories (campaign, "[\"NONE\"]");
  hd_campaign_set_account_id (campaign, hd_ad_account_get_id (account));
  hd_store_save_campaign_queued (fixture->store, campaign, &error);
  g_assert_no_error (error);

  hd_ad_set_set_campaign_id (ad_set, hd_campaign_get_id (campaign));
  hd_ad_set_set_name (ad_set, "Watford dog owners");
  hd_ad_set_set_budget_kind (ad_set, HD_BUDGET_KIND_DAILY);
  hd_ad_set_set_budget_minor (ad_set, 2000);
  hd_ad_set_set_currency (ad_set, "GBP");
  hd_ad_set_set_time_zone (ad_set, "Europe/London");
  hd_ad_set_set_starts_at (ad_set, now + DAY);
  hd_ad_set_set_ends_at (ad_set, now + 15 * DAY);
  hd_ad_set_set_optimization_goal (ad_set, "LINK_CLICKS");
  hd_ad_set_set_billing_event (ad_set, "IMPRESSIONS");
  hd_ad_set_set_audience_id (ad_set, hd_audience_get_id (audience));
  hd_store_save_ad_set_queued (fixture->store, ad_set, &error);
  g_assert_no_error (error);

  fixture->ad = hd_ad_new ();
  hd_ad_set_ad_set_id (fixture->ad, hd_ad_set_get_id (ad_set));
  hd_ad_set_post_id (fixture->ad, hd_post_get_id (post));
  hd_ad_set_name (fixture->ad, "Spring sale – groom");
  hd_ad_set_headline (fixture->ad, "Book a groom");
  hd_ad_set_call_to_action (fixture->ad, "BOOK_NOW");
  hd_store_save_ad_queued (fixture->store, fixture->ad, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->ad);
  g_assert_finalize_object (fixture->store);
  hd_fake_meta_ads_free (fixture->fake);
  remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->data_dir);
}

/* Runs `herald ARGS --data-dir DIR` while this process's main loop serves the fake. */
static int
run_herald (Fixture     *fixture,
            char       **out,
            char       **err,
            const char  *first,
            ...)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const char *arg = first;
  va_list list;

  g_ptr_array_add (args, g_build_filename (g_getenv ("HERALD_BUILD_ROOT"), "src", "herald",
                                           NULL));
  va_start (list, first);
  while (arg != NULL)
    {
      g_ptr_array_add (args, g_strdup (arg));
      arg = va_arg (list, const char *);
    }
  va_end (list);
  g_ptr_array_add (args, g_strdup ("--data-dir"));
  g_ptr_array_add (args, g_strdup (fixture->data_dir));
  g_ptr_array_add (args, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "HERALD_DATA_DIR");
  g_subprocess_launcher_setenv (launcher, "GDK_BACKEND", "none", TRUE);
  /* The test machine may have no default route; the fake is on loopback. */
  g_subprocess_launcher_setenv (launcher, "GIO_USE_NETWORK_MONITOR", "base", TRUE);
  g_subprocess_launcher_set_cwd (launcher, fixture->dir);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) args->pdata, &error);
  g_assert_no_error (error);

  g_subprocess_communicate_utf8_async (process, NULL, NULL, store_result_cb, &result);
  g_assert_true (g_subprocess_communicate_utf8_finish (process, wait_for (&result), out, err,
                                                       &error));
  g_assert_no_error (error);
  g_test_message ("herald %s: %s%s", first, *out, *err);

  return g_subprocess_get_if_exited (process) ? g_subprocess_get_exit_status (process) : -1;
}

static void
test_list (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_herald (fixture, &out, &err, "changes", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Hazel’s Grooming\tadded\tCampaign “Spring sale”\t"));
  g_assert_nonnull (strstr (out, "Hazel’s Grooming\tadded\tAd set “Watford dog owners”\t"));
  g_assert_nonnull (strstr (out, "Hazel’s Grooming\tadded\tAd “Spring sale – groom”\t"));
}

static void
test_check (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;

  /* The ad leads nowhere: Check says so and exits non-zero. */
  g_assert_cmpint (run_herald (fixture, &out, &err, "changes", "check", NULL), ==, 1);
  g_assert_nonnull (strstr (out, "Add the web address the ad “Spring sale – groom” leads to."));
  g_assert_nonnull (strstr (err, "to fix before sending"));

  /* Given its link and its Page, the tree is ready. */
  hd_ad_set_link (fixture->ad, "https://hazels.example/book");
  hd_ad_set_page_remote_id (fixture->ad, "104857600");
  hd_store_save_ad_queued (fixture->store, fixture->ad, &error);
  g_assert_no_error (error);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_herald (fixture, &out, &err, "changes", "check", NULL), ==, 0);
  g_assert_null (strstr (out, "Add the web address"));
  g_assert_nonnull (strstr (out, "Every change is ready to send."));
}

static void
test_sync (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;

  hd_ad_set_link (fixture->ad, "https://hazels.example/book");
  hd_ad_set_page_remote_id (fixture->ad, "104857600");
  hd_store_save_ad_queued (fixture->store, fixture->ad, &error);
  g_assert_no_error (error);

  g_assert_cmpint (run_herald (fixture, &out, &err, "sync", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Campaign “Spring sale” · Hazel’s Grooming · sent: Created on "
                                 "Meta as "));
  g_assert_nonnull (strstr (out, "Ad “Spring sale – groom” · Hazel’s Grooming · sent:"));
  g_assert_cmpuint (hd_fake_meta_ads_count_created (fixture->fake, HD_FAKE_META_ADS_CAMPAIGN),
                    ==, 1);
  g_assert_cmpuint (hd_fake_meta_ads_count_created (fixture->fake, HD_FAKE_META_ADS_AD_SET),
                    ==, 1);
  g_assert_cmpuint (hd_fake_meta_ads_count_created (fixture->fake, HD_FAKE_META_ADS_AD), ==, 1);

  /* Nothing is left to send. */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_herald (fixture, &out, &err, "changes", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Nothing to send."));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/herald/cli/ads/list", Fixture, NULL, fixture_set_up, test_list,
              fixture_tear_down);
  g_test_add ("/herald/cli/ads/check", Fixture, NULL, fixture_set_up, test_check,
              fixture_tear_down);
  g_test_add ("/herald/cli/ads/sync", Fixture, NULL, fixture_set_up, test_sync,
              fixture_tear_down);

  return g_test_run ();
}
