/* bench-common.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-bench"

#include "config.h"

#include "bench-common.h"

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

double
bench_percentile (GArray *samples,
                  double  fraction)
{
  g_return_val_if_fail (samples != NULL && samples->len > 0, 0);

  g_array_sort (samples, compare_doubles);
  return g_array_index (samples, double, (guint) ((samples->len - 1) * fraction + 0.5));
}

void
bench_iterate (guint ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  do
    {
      while (g_main_context_pending (NULL))
        g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  while (g_get_monotonic_time () < end);
}

gboolean
bench_report (const char *measure,
              GArray     *samples,
              const char *target,
              gboolean    met)
{
  /* Tab-separated, so a measure's name may hold spaces and commas. */
  g_print ("RESULT\t%s\t%.3f\t%.3f\t%s\t%s\n", measure, bench_percentile (samples, 0.5),
           bench_percentile (samples, 0.95), target, met ? "met" : "not met");

  return met;
}
