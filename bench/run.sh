#!/usr/bin/env bash
# run.sh [BUILD_DIR]: builds the benchmarks and runs each with a display of its own, then prints
# one table of every measure: median, 95th percentile, target and whether it is met.
# run.sh --soak [BUILD_DIR]: only the hour of simulated use (bench-soak), with its own table;
# BENCH_SOAK_MINUTES shortens it.
#
# Each benchmark runs BENCH_REPEAT times (3 unless set); the table gives the median of the
# runs' medians and of their 95th percentiles, and the spread of the medians, because a shared
# machine's load moves single runs by more than the differences that matter.
#
# Copyright 2026 The Herald authors
# SPDX-License-Identifier: GPL-3.0-or-later

set -euo pipefail

source_root=$(cd "$(dirname "$0")/.." && pwd)
soak=
if [ "${1:-}" = "--soak" ]; then
  soak=1
  shift
fi
build_dir=${1:-"$source_root/_build-bench"}
repeat=${BENCH_REPEAT:-3}
benchmarks=(bench-calendar bench-import bench-composer)

if [ ! -f "$build_dir/build.ninja" ]; then
  # An optimised build without the development profile's marks (the header bar's stripe among
  # them): the figures are for what users run.
  meson setup "$build_dir" "$source_root" --buildtype=release -Dprofile=default -Dtests=false
fi
ninja -C "$build_dir" "${benchmarks[@]/#/bench/}" data/gschemas.compiled
ninja -C "$build_dir" bench/bench-sync
ninja -C "$build_dir" src/herald bench/bench-startup bench/bench-bare-window bench/bench-soak

export GSETTINGS_BACKEND=memory
export GSETTINGS_SCHEMA_DIR="$build_dir/data"
export TZ=Europe/London
export LC_ALL=C.UTF-8
export NO_AT_BRIDGE=1
export GTK_A11Y=none
export GDK_BACKEND=x11
export GSK_RENDERER=cairo

# The same table as bench-sync's, for the measures that print "PREFIX\tmeasure\tvalue\tunit\t
# target\tresult" lines.
value_table () {
  awk -F'\t' -v prefix="$1" '
    BEGIN {
      printf "| %-56s | %18s | %-45s | %-12s |\n", "measure", "value", "target", "result"
      printf "|%s|%s|%s|%s|\n", "----------------------------------------------------------",
             "--------------------", "-----------------------------------------------",
             "--------------"
    }
    $1 == prefix { printf "| %-56s | %10.2f %-7s | %-45s | %-12s |\n", $2, $3, $4, $5, $6 }
  ' "$2"
}

if [ -n "$soak" ]; then
  soak_results=$(mktemp)
  trap 'rm -f "$soak_results"' EXIT
  load_before=$(cut -d' ' -f1-3 /proc/loadavg)
  echo "== bench-soak, ${BENCH_SOAK_MINUTES:-60} minutes"
  "$source_root/build-aux/test-session.sh" "$build_dir/bench/bench-soak" 2>&1 |
    grep --line-buffered -v 'dbus-daemon\[' | tee "$soak_results" | grep -v '^SOAK' || true
  echo
  echo "Herald soak, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores" \
       "($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'))"
  echo "Load average (1, 5, 15 min) before: $load_before; after:" \
       "$(cut -d' ' -f1-3 /proc/loadavg)."
  echo
  value_table SOAK "$soak_results"
  ! grep -q $'^SOAK\t.*\tnot met$' "$soak_results"
  exit
fi

results=$(mktemp)
trap 'rm -f "$results"' EXIT

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for run in $(seq 1 "$repeat"); do
  for bench in "${benchmarks[@]}"; do
    echo "== $bench, run $run of $repeat"
    # Each prints what it found as it goes, and one RESULT line per measure for the table; a
    # target missed makes it exit with 1, which the table reports.
    "$source_root/build-aux/test-session.sh" "$build_dir/bench/$bench" 2>&1 |
      grep -v 'dbus-daemon\[' | tee -a "$results" | grep -v '^RESULT' || true
  done
done

# bench-sync runs once, not BENCH_REPEAT times: under Mastodon's limit of 300 requests per 5
# minutes its second part takes about 15 minutes for 1,000 posts. BENCH_SYNC_POSTS and
# BENCH_SYNC_LIMITED_POSTS change the counts; 0 limited posts leaves that part out.
sync_results=$(mktemp)
trap 'rm -f "$results" "$sync_results"' EXIT
echo "== bench-sync"
if ! command -v ab > /dev/null; then
  echo "ab (apache2-utils) is not installed: the sender's rate is not compared with the" \
       "instance's own capacity. Install apache2-utils to measure it."
fi
"$source_root/build-aux/test-session.sh" "$build_dir/bench/bench-sync" \
    --posts "${BENCH_SYNC_POSTS:-1000}" --limited-posts "${BENCH_SYNC_LIMITED_POSTS:-1000}" 2>&1 |
  grep -v 'dbus-daemon\[' | tee "$sync_results" | grep -v '^SYNC' || true

# bench-startup runs once: it starts each program BENCH_STARTUP_RUNS times (9 unless set) in
# turn and reports their medians: a start moves by tens of milliseconds with what else the
# two cores do, the size of the difference measured. The filled store is kept in the build dir
# for the next run.
startup_results=$(mktemp)
trap 'rm -f "$results" "$sync_results" "$startup_results"' EXIT
echo "== bench-startup"
"$source_root/build-aux/test-session.sh" "$build_dir/bench/bench-startup" \
    --runs "${BENCH_STARTUP_RUNS:-9}" --store "$build_dir/bench/startup-store.db" \
    --herald "$build_dir/src/herald" --bare "$build_dir/bench/bench-bare-window" 2>&1 |
  grep -v 'dbus-daemon\[' | tee "$startup_results" | grep -v '^STARTUP' || true
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

echo
echo "Herald benchmarks, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores" \
     "($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')), $repeat runs each"
echo "Load average (1, 5, 15 min) before: $load_before; after: $load_after." \
     "GTK $(pkg-config --modversion gtk4), GSK_RENDERER=cairo, Xvfb."
echo

# The sync measures are single runs with their own units; a missed target also makes the
# script exit with 1.
awk -F'\t' '
  BEGIN {
    printf "| %-56s | %18s | %-45s | %-7s |\n", "measure", "value", "target", "result"
    printf "|%s|%s|%s|%s|\n", "----------------------------------------------------------",
           "--------------------", "-----------------------------------------------",
           "---------"
  }
  /^SYNC/ { printf "| %-56s | %10.2f %-7s | %-45s | %-7s |\n", $2, $3, $4, $5, $6 }
' "$sync_results"
echo
if grep -q $'^SYNC\t.*\tnot met$' "$sync_results"; then
  trap 'rm -f "$results" "$sync_results" "$startup_results"; exit 1' EXIT
fi

# Start and memory: medians of the starts, taken from outside each program (see
# bench-startup.c for how), warm file cache.
value_table STARTUP "$startup_results"
echo
if grep -q $'^STARTUP\t.*\tnot met$' "$startup_results"; then
  trap 'rm -f "$results" "$sync_results" "$startup_results"; exit 1' EXIT
fi

# Median of the runs' medians, median of their 95th percentiles, lowest and highest median.
# The target's own words decide whether it is met: "median < N" and "p95 < N", in ms.
grep '^RESULT' "$results" | awk -F'\t' '
  function median(list,    n, a, i, j, t) {
    n = split(list, a, " ")
    for (i = 1; i <= n; i++)
      for (j = i + 1; j <= n; j++)
        if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
  }
  function lowest(list,    n, a, i, m) {
    n = split(list, a, " "); m = a[1]
    for (i = 2; i <= n; i++) if (a[i] + 0 < m + 0) m = a[i]
    return m
  }
  function highest(list,    n, a, i, m) {
    n = split(list, a, " "); m = a[1]
    for (i = 2; i <= n; i++) if (a[i] + 0 > m + 0) m = a[i]
    return m
  }
  {
    if (!($2 in medians)) order[++n] = $2
    medians[$2] = medians[$2] " " $3
    p95s[$2] = p95s[$2] " " $4
    target[$2] = $5
  }
  END {
    printf "| %-56s | %10s | %10s | %-19s | %-26s | %-7s |\n", "measure", "median", "p95",
           "medians of the runs", "target", "result"
    printf "|%s|%s|%s|%s|%s|%s|\n", "----------------------------------------------------------",
           "------------", "------------", "---------------------", "----------------------------",
           "---------"
    for (i = 1; i <= n; i++) {
      m = order[i]; med = median(medians[m]); p = median(p95s[m]); met = 1
      if (match(target[m], /median < [0-9.]+/))
        met = met && med < substr(target[m], RSTART + 9, RLENGTH - 9) + 0
      if (match(target[m], /p95 < [0-9.]+/))
        met = met && p < substr(target[m], RSTART + 6, RLENGTH - 6) + 0
      printf "| %-56s | %7.2f ms | %7.2f ms | %8.2f – %-8.2f | %-26s | %-7s |\n", m, med, p,
             lowest(medians[m]), highest(medians[m]), target[m], met ? "met" : "not met"
      if (!met) missed = 1
    }
    exit missed
  }'
