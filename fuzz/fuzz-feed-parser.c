/* fuzz-feed-parser.c: libFuzzer target for the RSS and Atom parser.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-fuzz"

#include "config.h"

#include <stddef.h>
#include <stdint.h>

#include "hd-feed-parser.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdFeedDocument) document = NULL;

  document = hd_feed_parse ((const char *) data, size, "https://fuzz.example/feed/", &error);

  /* Either a document or a sentence, never both, never neither. */
  g_assert ((document == NULL) != (error == NULL));
  if (document != NULL)
    {
      g_assert (g_utf8_validate (document->title, -1, NULL));
      for (guint i = 0; i < document->entries->len; i++)
        {
          HdFeedEntry *entry = g_ptr_array_index (document->entries, i);

          g_assert (entry->guid != NULL && *entry->guid != '\0');
          g_assert (g_utf8_validate (entry->title, -1, NULL));
          g_assert (g_utf8_validate (entry->summary, -1, NULL));
          g_assert (entry->link == NULL || g_str_has_prefix (entry->link, "http"));
        }
      g_assert (document->entries->len <= HD_FEED_MAX_ITEMS);
    }
  else
    {
      g_assert (error->domain == HD_FEED_ERROR);
      g_assert (g_utf8_validate (error->message, -1, NULL));
    }

  /* The helpers see the same bytes as text. */
  if (size < 4096)
    {
      g_autofree char *text = g_strndup ((const char *) data, size);
      g_autofree char *plain = hd_feed_html_to_text (text);
      g_autofree char *url = hd_feed_resolve_url ("https://fuzz.example/a/b", text);

      g_assert (g_utf8_validate (plain, -1, NULL));
      (void) hd_feed_parse_date (text);
    }

  return 0;
}
