/* fuzz-facebook.c: libFuzzer target for what Graph answers about Facebook Pages: the Page
 * list of /me/accounts, post lists, ids, the error envelope, comment pages and insights.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-fuzz"

#include "config.h"

#include <stddef.h>
#include <stdint.h>

#include "hd-facebook-connect.h"
#include "hd-facebook-provider.h"
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
  g_autoptr(GHashTable) tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) pages = NULL;
  g_autoptr(GPtrArray) posts = NULL;
  g_autoptr(GPtrArray) scheduled = NULL;
  g_autoptr(GError) http_error = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *post_id = NULL;
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

  pages = hd_facebook_parse_pages (root, "https://graph.example/v24.0", tokens);
  for (guint i = 0; pages != NULL && i < pages->len; i++)
    {
      HdChannel *page = g_ptr_array_index (pages, i);

      /* Every Page listed has an id, a name and a token for it. */
      g_assert (hd_channel_get_remote_account_id (page) != NULL);
      g_assert (hd_channel_get_display_name (page) != NULL);
      g_assert (g_hash_table_contains (tokens, hd_channel_get_remote_account_id (page)));
    }

  posts = hd_facebook_parse_posts (root, FALSE);
  for (guint i = 0; posts != NULL && i < posts->len; i++)
    {
      HdProviderResult *post = g_ptr_array_index (posts, i);

      g_assert (post->remote_id != NULL && !post->scheduled && post->published_at >= 0);
    }
  scheduled = hd_facebook_parse_posts (root, TRUE);
  for (guint i = 0; scheduled != NULL && i < scheduled->len; i++)
    g_assert (((HdProviderResult *) g_ptr_array_index (scheduled, i))->scheduled);

  id = hd_graph_parse_id (root, "id");
  g_assert (id == NULL || *id != '\0');
  post_id = hd_graph_parse_id (root, "post_id");

  /* Any error body Graph sends maps to one of Herald's codes with a sentence. */
  http_error = g_error_new_literal (HD_HTTP_ERROR, HD_HTTP_ERROR_REJECTED, "refused");
  error = hd_graph_error_new (http_error, 400, root, 0, "Facebook");
  g_assert (error != NULL && error->domain == HD_PROVIDER_ERROR);
  g_assert (error->message != NULL && g_utf8_validate (error->message, -1, NULL));
  g_assert (error->code != HD_PROVIDER_ERROR_RATE_LIMITED
            || hd_provider_error_get_retry_after (error) > 0);

  /* A Page's comments, with one of them known before, and its insights. */
  {
    g_autoptr(HdChannel) channel = hd_channel_new ();
    g_autoptr(GHashTable) known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
    g_autoptr(GPtrArray) comments = NULL;
    g_autofree char *after = NULL;

    g_hash_table_insert (known, g_strdup ("123_456"), GINT_TO_POINTER (FALSE));
    comments = _hd_facebook_parse_comments (channel, "123_789", NULL, root, 1700000000, known,
                                            &after);
    g_assert (comments != NULL || after == NULL);
    g_assert (g_hash_table_size (known) == 1);
    check_items (comments, channel);
    for (guint i = 0; comments != NULL && i < comments->len; i++)
      g_assert (hd_inbox_item_get_parent_id (g_ptr_array_index (comments, i)) != NULL);

    g_assert (_hd_facebook_parse_insight (root, "page_follows") >= -1);
    g_assert (_hd_facebook_parse_insight (root, "post_total_media_view_unique") >= -1);
    (void) _hd_facebook_is_retired_metric (root);
  }

  return 0;
}
