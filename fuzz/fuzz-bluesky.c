/* fuzz-bluesky.c: libFuzzer target for what a PDS answers: sessions (createSession and
 * refreshSession, with their JWTs) and createRecord.
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

  return 0;
}
