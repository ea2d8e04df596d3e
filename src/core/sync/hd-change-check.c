/* hd-change-check.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-sync"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "hd-ads-check.h"
#include "hd-change-check.h"

char *
hd_changes_describe_channel_problem (HdChannelKind   kind,
                                     const char     *handle,
                                     HdChannelState  state)
{
  const char *platform = hd_channel_kind_to_label (kind);

  if (state == HD_CHANNEL_STATE_CONNECTED)
    return NULL;

  if (handle == NULL || *handle == '\0')
    {
      if (state == HD_CHANNEL_STATE_NEEDS_RECONNECT)
        /* TRANSLATORS: %s is a platform, such as Mastodon */
        return g_strdup_printf (_("Reconnect %s before sending."), platform);
      /* TRANSLATORS: %s is a platform, such as Mastodon */
      return g_strdup_printf (_("Connect %s before sending."), platform);
    }

  if (state == HD_CHANNEL_STATE_NEEDS_RECONNECT)
    /* TRANSLATORS: "Reconnect Mastodon (@shop@example.social) before sending." */
    return g_strdup_printf (_("Reconnect %s (%s) before sending."), platform, handle);
  /* TRANSLATORS: "Connect Mastodon (@shop@example.social) before sending." */
  return g_strdup_printf (_("Connect %s (%s) before sending."), platform, handle);
}

static GPtrArray *
problems_for (GHashTable *problems,
              const char *change_id)
{
  GPtrArray *list = g_hash_table_lookup (problems, change_id);

  if (list == NULL)
    {
      list = g_ptr_array_new_with_free_func (g_free);
      g_hash_table_insert (problems, g_strdup (change_id), list);
    }

  return list;
}

/* The request the sender would build for a publish row, or NULL with a sentence in
 * @problems. */
static HdProviderPost *
build_request (HdStore               *store,
               const HdChangeSummary *change,
               GPtrArray             *problems)
{
  g_autoptr(HdProviderPost) request = NULL;
  g_autoptr(HdPost) post = NULL;
  g_autoptr(GError) error = NULL;
  const char * const *media;
  HdVariant *variant;

  post = hd_store_load_post (store, change->post_id, &error);
  if (post == NULL)
    {
      g_ptr_array_add (problems, g_strdup (error->message));
      return NULL;
    }

  variant = hd_post_find_variant (post, change->channel_id);
  if (variant == NULL)
    {
      g_ptr_array_add (problems, g_strdup (_("The post no longer goes to this channel.")));
      return NULL;
    }

  /* Nothing leaves during a check, so any key will do; the row's own id is at hand. */
  request = hd_provider_post_new (post, variant, change->change_id);
  media = hd_variant_get_media (variant);
  for (guint i = 0; media != NULL && media[i] != NULL; i++)
    {
      g_autoptr(HdMedia) item = hd_store_load_media (store, media[i], &error);

      if (item == NULL)
        {
          g_ptr_array_add (problems, g_strdup (error->message));
          return NULL;
        }
      hd_provider_post_add_media (request, item);
    }

  return g_steal_pointer (&request);
}

static void
check_one (HdStore               *store,
           HdProvider            *provider,
           const HdChangeSummary *change,
           gint64                 now,
           GPtrArray             *problems)
{
  g_autoptr(HdProviderPost) request = NULL;

  /* A removal needs only the connection, which the caller checked. */
  if (change->kind == HD_CHANGE_KIND_REMOVED)
    return;

  request = build_request (store, change, problems);
  if (request == NULL)
    return;

  hd_provider_validate (provider, request, now, problems);
}

/* Ads */

static HdAudience *
lookup_audience (const char *audience_id,
                 gpointer    user_data)
{
  return hd_store_load_audience (HD_STORE (user_data), audience_id, NULL);
}

/* The campaign an ad change belongs to, or NULL with @error. */
static char *
campaign_of (HdStore                *store,
             const HdChangeSummary  *change,
             GError                **error)
{
  g_autoptr(HdAd) ad = NULL;
  g_autoptr(HdAdSet) ad_set = NULL;
  const char *ad_set_id = change->subject_id;

  if (g_strcmp0 (change->subject_kind, HD_OUTBOX_SUBJECT_CAMPAIGN) == 0)
    return g_strdup (change->subject_id);

  if (g_strcmp0 (change->subject_kind, HD_OUTBOX_SUBJECT_AD) == 0)
    {
      ad = hd_store_load_ad (store, change->subject_id, error);
      if (ad == NULL)
        return NULL;
      ad_set_id = hd_ad_get_ad_set_id (ad);
    }

  ad_set = hd_store_load_ad_set (store, ad_set_id, error);
  if (ad_set == NULL)
    return NULL;

  return g_strdup (hd_ad_set_get_campaign_id (ad_set));
}

static GPtrArray *
array_from_model (GListModel *model)
{
  GPtrArray *array = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; model != NULL && i < g_list_model_get_n_items (model); i++)
    g_ptr_array_add (array, g_list_model_get_item (model, i));

  return array;
}

/* Check for the whole tree of @campaign_id, whose changes are @changes: each problem goes to
 * the change of the object it is about, and one about an object without a change (the ad
 * account, an audience, an ad set saved earlier) to the first change of the campaign. */
static gboolean
check_campaign (HdStore     *store,
                const char  *campaign_id,
                GPtrArray   *changes,
                gint64       now,
                GHashTable  *problems,
                GError     **error)
{
  g_autoptr(HdCampaign) campaign = NULL;
  g_autoptr(HdAdAccount) account = NULL;
  g_autoptr(GListModel) ad_set_model = NULL;
  g_autoptr(GPtrArray) ad_sets = NULL;
  g_autoptr(GPtrArray) ads = NULL;
  g_autoptr(GPtrArray) found = NULL;

  campaign = hd_store_load_campaign (store, campaign_id, error);
  if (campaign == NULL)
    return FALSE;

  if (hd_campaign_get_account_id (campaign) != NULL)
    account = hd_store_load_ad_account (store, hd_campaign_get_account_id (campaign), NULL);

  ad_set_model = hd_store_list_ad_sets (store, campaign_id, error);
  if (ad_set_model == NULL)
    return FALSE;
  ad_sets = array_from_model (ad_set_model);

  ads = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < ad_sets->len; i++)
    {
      g_autoptr(GListModel) ad_model = NULL;

      ad_model = hd_store_list_ads (store, hd_ad_set_get_id (g_ptr_array_index (ad_sets, i)),
                                    error);
      if (ad_model == NULL)
        return FALSE;
      for (guint j = 0; j < g_list_model_get_n_items (ad_model); j++)
        g_ptr_array_add (ads, g_list_model_get_item (ad_model, j));
    }

  found = g_ptr_array_new_with_free_func ((GDestroyNotify) hd_ads_problem_free);
  hd_ads_check_campaign (account, campaign, ad_sets, ads, lookup_audience, store, now, found);

  for (guint i = 0; i < found->len; i++)
    {
      HdAdsProblem *problem = g_ptr_array_index (found, i);
      const HdChangeSummary *owner = g_ptr_array_index (changes, 0);

      for (guint j = 0; j < changes->len; j++)
        {
          const HdChangeSummary *change = g_ptr_array_index (changes, j);

          if (g_strcmp0 (change->subject_id, problem->subject_id) == 0)
            {
              owner = change;
              break;
            }
        }

      g_ptr_array_add (problems_for (problems, owner->change_id), g_strdup (problem->sentence));
    }

  return TRUE;
}

/* Every ad change, checked a campaign at a time as Check in the campaign editor does. */
static gboolean
check_ads (HdStore     *store,
           GPtrArray   *changes,
           gint64       now,
           GHashTable  *problems,
           GError     **error)
{
  g_autoptr(GHashTable) by_campaign = NULL;
  g_autoptr(GPtrArray) order = g_ptr_array_new_with_free_func (g_free);

  by_campaign = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) g_ptr_array_unref);

  for (guint i = 0; i < changes->len; i++)
    {
      const HdChangeSummary *change = g_ptr_array_index (changes, i);
      g_autoptr(GError) local_error = NULL;
      g_autofree char *campaign_id = campaign_of (store, change, &local_error);
      GPtrArray *list;

      if (campaign_id == NULL)
        {
          if (!g_error_matches (local_error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          /* Deleted since it was queued: sending would fail, so say so now. */
          g_ptr_array_add (problems_for (problems, change->change_id),
                           g_strdup (local_error->message));
          continue;
        }

      list = g_hash_table_lookup (by_campaign, campaign_id);
      if (list == NULL)
        {
          list = g_ptr_array_new ();
          g_hash_table_insert (by_campaign, g_strdup (campaign_id), list);
          g_ptr_array_add (order, g_strdup (campaign_id));
        }
      g_ptr_array_add (list, (gpointer) change);
    }

  for (guint i = 0; i < order->len; i++)
    {
      const char *campaign_id = g_ptr_array_index (order, i);

      if (!check_campaign (store, campaign_id, g_hash_table_lookup (by_campaign, campaign_id),
                           now, problems, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * hd_changes_check:
 * @changes: (element-type HdChangeSummary) (nullable): the changes, or %NULL for all
 *
 * Returns: (transfer full) (element-type utf8 GPtrArray): the problems by change id; those of
 *   a campaign, ad set or ad are Check's (hd_ads_check_campaign) for its whole campaign
 */
GHashTable *
hd_changes_check (HdStore    *store,
                  HdHttp     *http,
                  GPtrArray  *changes,
                  gint64      now,
                  GError    **error)
{
  g_autoptr(GHashTable) problems = NULL;
  g_autoptr(GHashTable) providers = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) ad_changes = NULL;

  g_return_val_if_fail (HD_IS_STORE (store), NULL);
  g_return_val_if_fail (HD_IS_HTTP (http), NULL);

  if (changes == NULL)
    {
      all = hd_store_describe_changes (store, error);
      if (all == NULL)
        return NULL;
      changes = all;
    }

  problems = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                    (GDestroyNotify) g_ptr_array_unref);
  providers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  ad_changes = g_ptr_array_new ();

  for (guint i = 0; i < changes->len; i++)
    {
      const HdChangeSummary *change = g_ptr_array_index (changes, i);
      g_autofree char *channel_problem = NULL;
      g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
      HdProvider *provider;

      channel_problem = hd_changes_describe_channel_problem (change->channel_kind,
                                                             change->channel_handle,
                                                             change->channel_state);
      if (channel_problem != NULL)
        g_ptr_array_add (found, g_steal_pointer (&channel_problem));

      /* A campaign's objects are checked against Meta's rules below, not the Page's. */
      if (change->subject_kind != NULL &&
          g_strcmp0 (change->subject_kind, HD_OUTBOX_SUBJECT_POST) != 0)
        {
          g_ptr_array_add (ad_changes, (gpointer) change);
          for (guint j = 0; j < found->len; j++)
            g_ptr_array_add (problems_for (problems, change->change_id),
                             g_strdup (g_ptr_array_index (found, j)));
          continue;
        }

      provider = g_hash_table_lookup (providers, change->channel_id);
      if (provider == NULL)
        {
          g_autoptr(HdChannel) channel = NULL;
          g_autoptr(GError) local_error = NULL;

          channel = hd_store_load_channel (store, change->channel_id, &local_error);
          if (channel != NULL)
            provider = hd_provider_new_for_channel (http, store, channel, &local_error);
          if (provider == NULL)
            {
              /* The connection sentence already says what to do. */
              if (found->len == 0)
                g_ptr_array_add (found, g_strdup (local_error->message));
            }
          else
            {
              g_hash_table_insert (providers, g_strdup (change->channel_id), provider);
            }
        }

      if (provider != NULL)
        check_one (store, provider, change, now, found);

      for (guint j = 0; j < found->len; j++)
        g_ptr_array_add (problems_for (problems, change->change_id),
                         g_strdup (g_ptr_array_index (found, j)));
    }

  if (ad_changes->len > 0 && !check_ads (store, ad_changes, now, problems, error))
    return NULL;

  return g_steal_pointer (&problems);
}
