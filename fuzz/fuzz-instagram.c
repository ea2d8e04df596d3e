/* fuzz-instagram.c: libFuzzer target for what Graph answers about Instagram publishing:
 * container status, the publishing quota, a Page photo's renditions and media lists.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-fuzz"

#include "config.h"

#include <stddef.h>
#include <stdint.h>

#include "hd-instagram-provider.h"
#include "hd-http.h"

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

  return 0;
}
