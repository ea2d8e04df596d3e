/* fuzz-instagram.c: libFuzzer target for what Graph answers about Instagram publishing:
 * container status, the publishing quota, a Page photo's renditions and media lists; and
 * about what came back: comment pages and the counts of a medium and of the account.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-fuzz"

#include "config.h"

#include <stddef.h>
#include <stdint.h>

#include "hd-instagram-provider.h"
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

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GPtrArray) media = NULL;
  g_autofree char *status = NULL;
  g_autofree char *source = NULL;
  gint64 usage = 0;
  gint64 total = 0;
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

  status = hd_instagram_parse_status_code (root);
  g_assert (status == NULL || g_str_equal (status, "FINISHED")
            || g_str_equal (status, "IN_PROGRESS") || g_str_equal (status, "ERROR")
            || g_str_equal (status, "EXPIRED") || g_str_equal (status, "PUBLISHED"));

  if (hd_instagram_parse_publishing_limit (root, &usage, &total))
    g_assert (usage >= 0 && total > 0);

  /* Only a web address is handed to Instagram as the picture. */
  source = hd_instagram_parse_image_source (root);
  g_assert (source == NULL || g_str_has_prefix (source, "http"));

  media = hd_instagram_parse_media (root);
  for (guint i = 0; media != NULL && i < media->len; i++)
    {
      HdProviderResult *item = g_ptr_array_index (media, i);

      g_assert (item->remote_id != NULL && item->published_at >= 0);
    }

  /* A medium's comments, with one of them known before, and the counts of fields. */
  {
    g_autoptr(HdChannel) channel = hd_channel_new ();
    g_autoptr(GHashTable) known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
    g_autoptr(GPtrArray) comments = NULL;
    g_autofree char *after = NULL;

    g_hash_table_insert (known, g_strdup ("17900000000000001"), GINT_TO_POINTER (FALSE));
    comments = _hd_instagram_parse_comments (channel, "17890000000000001", NULL, root,
                                             1700000000, known, &after);
    g_assert (comments != NULL || after == NULL);
    g_assert (g_hash_table_size (known) == 1);
    check_items (comments, channel);

    g_assert (_hd_instagram_parse_count (root, "like_count") >= -1);
    g_assert (_hd_instagram_parse_count (root, "followers_count") >= -1);
  }

  return 0;
}
