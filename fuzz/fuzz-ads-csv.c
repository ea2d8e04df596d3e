/* fuzz-ads-csv.c: libFuzzer target for the campaign files `herald ads import` reads.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-fuzz"

#include "config.h"

#include <stddef.h>
#include <stdint.h>

#include "hd-csv.h"
#include "hd-store-ads-csv.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(HdAdsCsvReport) report = NULL;
  g_autoptr(GError) error = NULL;
  guint previous_line = 0;

  /* Without a store the file is checked alone: every rule that needs no database runs. */
  hd_store_check_ads_csv (NULL, (const char *) data, size, &report, &error);

  /* Either a report or a sentence, never both, never neither. */
  g_assert ((report == NULL) != (error == NULL));
  if (report == NULL)
    {
      g_assert (error->domain == HD_CSV_ERROR);
      g_assert (g_utf8_validate (error->message, -1, NULL));
      return 0;
    }

  /* Each problem names a line of the file, in order, and says what is wrong in words. */
  for (guint i = 0; i < hd_ads_csv_report_get_n_problems (report); i++)
    {
      const char *sentence = NULL;
      guint line = 0;

      hd_ads_csv_report_get_problem (report, i, &line, &sentence);
      g_assert (line >= 1 && line >= previous_line);
      g_assert (sentence != NULL && *sentence != '\0' && g_utf8_validate (sentence, -1, NULL));
      previous_line = line;
    }

  return 0;
}
