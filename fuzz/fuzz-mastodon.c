/* fuzz-mastodon.c: libFuzzer target for what a Mastodon instance answers: statuses,
 * scheduled statuses and the instance description.
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

  return 0;
}
