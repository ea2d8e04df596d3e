/* fuzz-csv.c: libFuzzer target for the CSV files `herald import` and the Import dialog read.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-fuzz"

#include "config.h"

#include <stddef.h>
#include <stdint.h>

#include "hd-csv.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static const HdCsvChannel channels[] = {
  { "Bakery toots", HD_CHANNEL_KIND_MASTODON, 500 },
  { "Bakery sky", HD_CHANNEL_KIND_BLUESKY, 0 },
  { "Bakery X", HD_CHANNEL_KIND_X, 0 },
};

/* What a good row says survives being written out and read back: an export of an import
 * gives the same posts. */
static void
check_round_trip (const HdCsvPost *post)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GError) error = NULL;
  const HdCsvPost *copy;

  hd_csv_append_post_header (out);
  hd_csv_append_post (out, post);
  again = hd_csv_read_posts (out->str, out->len, "Europe/London", channels,
                             G_N_ELEMENTS (channels), &error);
  g_assert (again != NULL && error == NULL);
  g_assert (again->len == 1);
  copy = g_ptr_array_index (again, 0);
  g_assert (copy->valid);
  g_assert (g_strcmp0 (copy->text, post->text) == 0);
  g_assert (copy->instant == post->instant);
  g_assert (g_strcmp0 (copy->zone, post->zone) == 0);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GPtrArray) posts = NULL;
  g_autoptr(GError) error = NULL;

  posts = hd_csv_read_posts ((const char *) data, size, "Europe/London", channels,
                             G_N_ELEMENTS (channels), &error);

  /* Either rows or a sentence, never both, never neither. */
  g_assert ((posts == NULL) != (error == NULL));
  if (posts == NULL)
    {
      g_assert (error->domain == HD_CSV_ERROR);
      g_assert (g_utf8_validate (error->message, -1, NULL));
      return 0;
    }

  for (guint i = 0; i < posts->len; i++)
    {
      const HdCsvPost *post = g_ptr_array_index (posts, i);

      /* A bad row says why, in words; a good one has text and a zone to go with its time. */
      if (!post->valid)
        {
          g_assert (post->reason != NULL && g_utf8_validate (post->reason, -1, NULL));
          continue;
        }
      g_assert (post->text != NULL && g_utf8_validate (post->text, -1, NULL));
      g_assert (post->instant == 0 || post->zone != NULL);
      check_round_trip (post);
    }

  return 0;
}
