#!/usr/bin/env bash
# fuzz/run.sh [SECONDS] [-- LIBFUZZER ARGS...]
#
# Builds the libFuzzer targets with clang (AddressSanitizer and UndefinedBehaviorSanitizer
# on) into fuzz/_build, then runs each for SECONDS (default 60) over a copy of its seed
# corpus. Exits non-zero when a target crashes, leaks or trips a sanitizer; the input that
# did it is left in fuzz/_build/artifacts/.
#
# Copyright 2026 The Herald authors
# SPDX-License-Identifier: GPL-3.0-or-later

set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
seconds=${1:-60}
shift || true
[ "${1:-}" = "--" ] && shift

build="${HERALD_FUZZ_BUILD:-$here/_build}"
mkdir -p "$build/artifacts"

cc=${CC_FUZZ:-clang}
if ! command -v "$cc" >/dev/null; then
  echo "fuzz/run.sh: $cc is needed (apt-get install clang)" >&2
  exit 77
fi

# config.h is all the parser needs from the build; a fuzz build makes its own.
cat >"$build/config.h" <<CONFIG
#define GETTEXT_PACKAGE "herald"
#define PACKAGE_VERSION "fuzz"
CONFIG

flags=(-g -O1 -fno-omit-frame-pointer -fsanitize=fuzzer,address,undefined
       -fno-sanitize-recover=undefined -std=gnu11
       -DGLIB_VERSION_MIN_REQUIRED=GLIB_VERSION_2_74 -DGLIB_VERSION_MAX_ALLOWED=GLIB_VERSION_2_74
       -I"$build" -I"$root/src/core/feeds")
# shellcheck disable=SC2207
deps=($(pkg-config --cflags --libs glib-2.0 libxml-2.0))

"$cc" "${flags[@]}" -o "$build/fuzz-feed-parser" \
  "$here/fuzz-feed-parser.c" "$root/src/core/feeds/hd-feed-parser.c" "${deps[@]}"

status=0
for target in feed-parser; do
  work="$build/corpus-$target"
  rm -rf "$work"
  mkdir -p "$work"
  cp "$here/corpus/$target/"* "$work/"
  echo "fuzz/run.sh: $target for ${seconds}s"
  # The parser allocates up to its 5 MB cap; libFuzzer's default input limit is far lower.
  if ! ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
       "$build/fuzz-$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
       -max_len=65536 -dict="$here/xml.dict" -artifact_prefix="$build/artifacts/$target-" \
       -print_final_stats=1 "$@" "$work" "$here/corpus/$target"; then
    status=1
  fi
done

exit $status
