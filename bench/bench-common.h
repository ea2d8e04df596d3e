/* bench-common.h: what the benchmarks share: sample statistics, turning the main loop, and
 * the result lines bench/run.sh gathers into one table.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The value below which @fraction of @samples (doubles) fall; sorts @samples. */
double   bench_percentile (GArray     *samples,
                           double      fraction);

/* Runs the default main context for @ms milliseconds, as the frame clock would between
 * frames. */
void     bench_iterate    (guint       ms);

/* Prints one result line for bench/run.sh: the median and the 95th percentile of @samples
 * (milliseconds), the target in words and whether it is met. Returns @met. */
gboolean bench_report     (const char *measure,
                           GArray     *samples,
                           const char *target,
                           gboolean    met);

G_END_DECLS
