/* fuzz-bluesky.c: libFuzzer target for what a PDS answers: sessions (createSession and
 * refreshSession, with their JWTs), createRecord, and what it passes on from the AppView:
 * notifications, post counts and the profile's followers.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-fuzz"

#include "config.h"

#include <stddef.h>
#include <stdint.h>

#include "hd-bluesky-provider.h"
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
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autofree char *text = g_strndup ((const char *) data, size);
  JsonNode *root;

  /* A JWT is read for its expiry alone, from whatever the server sent. */
  (void) hd_bluesky_jwt_get_expiry (text);

  if (!json_parser_load_from_data (parser, (const char *) data, size, NULL))
    return 0;
  root = json_parser_get_root (parser);
  if (root == NULL)
    return 0;

  /* Herald's HTTP layer hands every parsed answer over with its strings made valid UTF-8;
   * the parsers are fuzzed on the same footing. */
  g_autoptr(JsonNode) valid_root = hd_json_node_make_valid (root);
  root = valid_root;

  {
    g_autofree char *did = NULL;
    g_autofree char *handle = NULL;

    if (_hd_bluesky_parse_session (root, &did, &handle))
      g_assert (did != NULL);
  }

  {
    g_autofree char *uri = _hd_bluesky_parse_created_uri (root);

    g_assert (uri == NULL || g_utf8_validate (uri, -1, NULL));
  }

  {
    JsonObject *object = _hd_json_root_object (root);
    const char *jwt = _hd_json_string (object, "accessJwt");

    if (jwt != NULL)
      (void) hd_bluesky_jwt_get_expiry (jwt);
  }

  /* Notifications, post counts and the profile's followers, as the AppView answers them. */
  {
    g_autoptr(HdChannel) channel = hd_channel_new ();
    g_autoptr(GPtrArray) items = NULL;
    g_autoptr(GPtrArray) counts = NULL;
    g_autoptr(HdMetric) followers = NULL;
    g_autofree char *cursor = NULL;
    gboolean older_seen = FALSE;
    guint listed = 0;

    hd_channel_set_remote_account_id (channel, "did:plc:bakery7xk2mq4z");
    items = _hd_bluesky_parse_notifications (channel, NULL, root, 1700000000, &older_seen,
                                             &listed, &cursor);
    g_assert (items != NULL || (listed == 0 && cursor == NULL));
    g_assert (items == NULL || items->len <= listed);
    check_items (items, channel);

    counts = _hd_bluesky_parse_post_counts (channel, "post", root, 1);
    for (guint i = 0; counts != NULL && i < counts->len; i++)
      check_metric (g_ptr_array_index (counts, i));
    followers = _hd_bluesky_parse_followers (channel, root, 1);
    check_metric (followers);
  }

  return 0;
}
