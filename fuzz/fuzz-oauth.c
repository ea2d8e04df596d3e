/* fuzz-oauth.c: libFuzzer target for OAuth token answers and for codes pasted by hand.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-fuzz"

#include "config.h"

#include <stddef.h>
#include <stdint.h>

#include "hd-oauth.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autofree char *text = g_strndup ((const char *) data, size);

  {
    g_autofree char *code = NULL;
    g_autofree char *state = NULL;
    g_autoptr(GError) error = NULL;

    /* Either a code or a sentence. */
    if (hd_oauth_parse_pasted_code (text, &code, &state, &error))
      g_assert (code != NULL && *code != '\0' && error == NULL);
    else
      g_assert (error != NULL && g_utf8_validate (error->message, -1, NULL));
  }

  if (json_parser_load_from_data (parser, (const char *) data, size, NULL) &&
      json_parser_get_root (parser) != NULL)
    {
      g_autoptr(HdOAuthTokens) tokens = NULL;
      g_autoptr(GError) error = NULL;

      tokens = hd_oauth_tokens_parse (json_parser_get_root (parser), 1772445600, &error);
      g_assert ((tokens == NULL) != (error == NULL));
      if (tokens != NULL)
        {
          g_assert (tokens->access_token != NULL && *tokens->access_token != '\0');
          g_assert (tokens->expires_at == 0 || tokens->expires_at > 0);
        }
    }

  return 0;
}
