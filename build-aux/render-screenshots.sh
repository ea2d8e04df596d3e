#!/usr/bin/env bash
# render-screenshots.sh [OUT_DIR]
#
# Renders every page of the sample workspace to PNG files under Xvfb: in light style, in
# dark style, and folded at 360 px wide. The metainfo screenshots in data/screenshots/ come
# from here (pass data/screenshots as OUT_DIR, then keep the ones the metainfo names).
#
# Copyright 2026 The Herald authors
# SPDX-License-Identifier: GPL-3.0-or-later

set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=${1:-$top/screenshots-out}
build_dir=${HERALD_BUILD_DIR:-$top/_build}

if [ ! -f "$build_dir/build.ninja" ]; then
  meson setup "$build_dir" "$top"
fi
ninja -C "$build_dir" tests/ui/herald-render-pages data/gschemas.compiled >/dev/null

workspace=$(mktemp -d "${TMPDIR:-/tmp}/herald-shots.XXXXXX")
trap 'rm -rf "$workspace"' EXIT

mkdir -p "$out/light" "$out/dark"
export GSETTINGS_BACKEND=memory
export GSETTINGS_SCHEMA_DIR="$build_dir/data"
export TZ=${TZ:-Europe/London}
export GSK_RENDERER=cairo
export GDK_BACKEND=x11
export NO_AT_BRIDGE=1

render=("$top/build-aux/test-session.sh" "$build_dir/tests/ui/herald-render-pages")
"${render[@]}" --data-dir "$workspace/data" --out "$out/light"
"${render[@]}" --data-dir "$workspace/data" --out "$out/dark" --dark

echo "Screenshots written to $out"
ls "$out/light" "$out/dark"
