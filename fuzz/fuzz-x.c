/* fuzz-x.c: libFuzzer target for what X answers: /2/users/me, created and looked-up posts,
 * the media upload's initialize, finalize and status answers, error bodies in both of X's
 * shapes, mention pages and the public and private counts.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-fuzz"

#include "config.h"

#include <stddef.h>
#include <stdint.h>

#include "hd-provider-private.h"
#include "hd-x-provider.h"
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

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const guint statuses[] = { 400, 401, 403, 404, 429, 500, 503 };
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonNode *root;

  if (!json_parser_load_from_data (parser, (const char *) data, size, NULL)
      || (root = json_parser_get_root (parser)) == NULL)
    return 0;

  /* Herald's HTTP layer hands every parsed answer over with its strings made valid UTF-8;
   * the parsers are fuzzed on the same footing. */
  g_autoptr(JsonNode) valid_root = hd_json_node_make_valid (root);
  root = valid_root;

  {
    g_autoptr(HdProviderResult) tweet = _hd_x_parse_tweet (root, "fuzz");

    g_assert (tweet == NULL || (tweet->remote_id != NULL && tweet->remote_url != NULL));
    g_assert (tweet == NULL || g_str_has_prefix (tweet->remote_url, "https://x.com/"));
  }

  {
    g_autofree char *id = NULL;
    g_autofree char *username = NULL;
    g_autofree char *name = NULL;
    g_autofree char *avatar = NULL;

    if (_hd_x_parse_user (root, &id, &username, &name, &avatar))
      g_assert (id != NULL && username != NULL && name != NULL);
  }

  {
    g_autofree char *media_id = NULL;
    g_autofree char *state = NULL;
    gint64 check_after = -1;

    if (_hd_x_parse_media (root, &media_id, &state, &check_after))
      g_assert (check_after >= 0 && check_after <= 60);
  }

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      g_autoptr(GError) error = _hd_x_error_from_body (statuses[i], root, 30);

      g_assert (error != NULL && error->domain == HD_PROVIDER_ERROR);
      g_assert (g_utf8_validate (error->message, -1, NULL));
      g_assert (statuses[i] != 429 || hd_provider_error_get_retry_after (error) == 30);
    }

  /* Mentions, read on from a cursor, and the counts of a post and of the account. */
  {
    g_autoptr(HdChannel) channel = hd_channel_new ();
    g_autoptr(GPtrArray) mentions = NULL;
    g_autofree char *cursor = g_strdup ("1790000000000000000");
    g_autofree char *next_token = NULL;

    mentions = _hd_x_parse_mentions (channel, NULL, root, &cursor, &next_token);
    g_assert (mentions != NULL || next_token == NULL);
    g_assert (cursor != NULL);
    check_items (mentions, channel);

    g_assert (_hd_x_parse_count (root, "public_metrics", "like_count") >= -1);
    g_assert (_hd_x_parse_count (root, "non_public_metrics", "impression_count") >= -1);
    g_assert (_hd_x_parse_count (root, "public_metrics", "followers_count") >= -1);
  }

  return 0;
}
