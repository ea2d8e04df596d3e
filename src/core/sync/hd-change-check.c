/* hd-change-check.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-sync"

#include "config.h"

#include <glib/gi18n-lib.h>

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

/**
 * hd_changes_check:
 * @changes: (element-type HdChangeSummary) (nullable): the changes, or %NULL for all
 *
 * Returns: (transfer full) (element-type utf8 GPtrArray): the problems by change id
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

  return g_steal_pointer (&problems);
}
