#!/usr/bin/env bash
# run.sh [BUILD_DIR]: builds the benchmarks and runs them, each with a display of its own.
#
# Copyright 2026 The Herald authors
# SPDX-License-Identifier: GPL-3.0-or-later

set -euo pipefail

source_root=$(cd "$(dirname "$0")/.." && pwd)
build_dir=${1:-"$source_root/_build-bench"}

if [ ! -f "$build_dir/build.ninja" ]; then
  # An optimised build: the figures are for what users run.
  meson setup "$build_dir" "$source_root" --buildtype=release -Dtests=false
fi
ninja -C "$build_dir" bench/bench-calendar

export GSETTINGS_BACKEND=memory
export GSETTINGS_SCHEMA_DIR="$build_dir/data"
export TZ=Europe/London
export LC_ALL=C.UTF-8
export NO_AT_BRIDGE=1
export GTK_A11Y=none
export GDK_BACKEND=x11
export GSK_RENDERER=cairo

exec "$source_root/build-aux/test-session.sh" "$build_dir/bench/bench-calendar"
