/* fuzz-mastodon.c: libFuzzer target for what a Mastodon instance answers: statuses,
 * scheduled statuses, the instance description, notifications, a status's counts and the
 * account's followers.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-fuzz"

#include "config.h"

#include <stddef.h>
#include <stdint.h>

#include "hd-mastodon-provider.h"
#include "hd-provider-private.h"
#include "hd-http.h"

/* What every parser of an inbox page promises, whatever the answer held. */
static void
check_items (GPtrArray *items,
             HdChannel *channel)
{
  for (guint i = 0; items != NULL && i < items->len; i++)
    {
      HdInboxItem *item = g_ptr_array_index (items, i);

      g_assert (hd_inbox_item_get_remote_id (item) != NULL);
      g_assert (g_strcmp0 (hd_inbox_item_get_channel_id (item),
                           hd_channel_get_id (channel)) == 0);
      g_assert (hd_inbox_item_get_text (item) == NULL
                || g_utf8_validate (hd_inbox_item_get_text (item), -1, NULL));
    }
}

/* A figure is either a count or "not available", never a negative count. */
static void
check_metric (HdMetric *metric)
{
  g_assert (metric != NULL && hd_metric_get_subject_id (metric) != NULL);
  g_assert (!hd_provider_metric_is_available (metric) || hd_metric_get_value (metric) >= 0);
}

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static HdHttp *http = NULL;
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(HdChannel) channel = NULL;
  g_autoptr(HdMastodonProvider) provider = NULL;
  g_autoptr(HdProviderResult) status = NULL;
  g_autoptr(HdProviderResult) scheduled = NULL;
  const HdProviderCaps *caps;
  JsonNode *root;

  if (!json_parser_load_from_data (parser, (const char *) data, size, NULL))
    return 0;
  root = json_parser_get_root (parser);
  if (root == NULL)
    return 0;

  /* Herald's HTTP layer hands every parsed answer over with its strings made valid UTF-8;
   * the parsers are fuzzed on the same footing. */
  g_autoptr(JsonNode) valid_root = hd_json_node_make_valid (root);
  root = valid_root;

  if (http == NULL)
    http = hd_http_new ();

  status = _hd_mastodon_parse_status (root, FALSE);
  g_assert (status == NULL || status->remote_id != NULL);
  g_assert (status == NULL || status->text == NULL || g_utf8_validate (status->text, -1, NULL));
  scheduled = _hd_mastodon_parse_status (root, TRUE);
  g_assert (scheduled == NULL || scheduled->scheduled);

  /* The instance description sets the limits a channel keeps; nonsense must not make them
   * nonsense. */
  channel = hd_channel_new ();
  hd_channel_set_base_url (channel, "https://fuzz.example");
  provider = hd_mastodon_provider_new (http, NULL, channel);
  hd_mastodon_provider_apply_instance (provider, root);
  caps = hd_provider_get_caps (HD_PROVIDER (provider));
  g_assert (caps->text_limit > 0);
  g_assert (caps->max_media > 0 && caps->max_media <= 100);
  g_assert (caps->mime_types != NULL);
  for (guint i = 0; caps->mime_types[i] != NULL; i++)
    g_assert (g_str_has_prefix (caps->mime_types[i], "image/"));

  /* Account answers carry HTML notes and names; the HTML reader sees the raw bytes too. */
  if (size < 8192)
    {
      g_autofree char *text = g_strndup ((const char *) data, size);

      if (g_utf8_validate (text, -1, NULL))
        {
          g_autofree char *plain = hd_mastodon_html_to_text (text);

          g_assert (plain != NULL && g_utf8_validate (plain, -1, NULL));
        }
    }

  /* Notifications and counts, read back and forward; the account's followers. */
  hd_channel_set_remote_account_id (channel, "109372");
  for (guint forward = 0; forward < 2; forward++)
    {
      g_autoptr(GPtrArray) items = NULL;
      g_autofree char *cursor = NULL;
      gboolean older_seen = FALSE;

      items = _hd_mastodon_parse_notifications (channel, NULL, root, 1700000000, forward, TRUE,
                                                &cursor, &older_seen);
      g_assert (items != NULL || JSON_NODE_TYPE (root) != JSON_NODE_ARRAY);
      g_assert (!forward || !older_seen);
      check_items (items, channel);
    }

  {
    g_autoptr(GPtrArray) counts = _hd_mastodon_parse_counts (channel, "post", root, 1);
    g_autoptr(HdMetric) followers = _hd_mastodon_parse_followers (channel, root, 1);

    for (guint i = 0; i < counts->len; i++)
      check_metric (g_ptr_array_index (counts, i));
    check_metric (followers);
    g_assert (hd_metric_get_subject (followers) == HD_METRIC_SUBJECT_CHANNEL);
  }

  return 0;
}
