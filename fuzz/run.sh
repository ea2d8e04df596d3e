#!/usr/bin/env bash
# fuzz/run.sh [SECONDS] [-- LIBFUZZER ARGS...]
#
# Builds the libFuzzer targets with clang (AddressSanitizer and UndefinedBehaviorSanitizer
# on) into fuzz/_build, then runs them over a copy of each seed corpus, SECONDS (default 60)
# in all, shared between the targets (at least 5 each). Exits non-zero when a target crashes,
# leaks or trips a sanitizer; the input that did it is left in fuzz/_build/artifacts/.
#
# Targets: feed-parser (RSS and Atom), mastodon (statuses, scheduled statuses, the instance
# description, account HTML, notifications, counts and followers), bluesky (sessions and their
# JWTs, createRecord answers, notifications, post counts, profiles) and oauth (token answers
# and pasted codes), linkedin (userinfo, organizationAcls, uploads, posts, comment pages,
# created comments, share statistics, socialActions summaries, network sizes and the
# commentary escaper) and x (users/me, posts, media upload answers, error bodies, mentions, counts),
# facebook (/me/accounts, post lists, ids, Graph's error envelope, comments, insights) and
# instagram (container status, publishing quota, Page photo renditions, media lists,
# comments, counts).
# change-set reads the change files `herald changes import` and the Changes view accept, and
# csv the post plans of `herald import`, checking that a good row survives an export.
# meta-ads reads the Marketing API's answers: ad accounts, minimum budgets, targeting search,
# reach estimates, daily insights with their money strings, image hashes and name look-ups.
# ads-csv reads the campaign files of `herald ads import`, checked without a store.
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

# The channel parsers live in the core with everything it links; it is compiled once per run
# with the same sanitizers, its enum types generated as meson would.
core="$build/core"
mkdir -p "$core"
glib-mkenums \
  --fhead '#pragma once\n#include <glib-object.h>\nG_BEGIN_DECLS\n' \
  --eprod 'GType @enum_name@_get_type (void) G_GNUC_CONST;\n' \
  --eprod '#define HD_TYPE_@ENUMSHORT@ (@enum_name@_get_type ())\n' \
  --ftail 'G_END_DECLS\n' \
  "$root/src/core/hd-types.h" >"$core/hd-core-enums.h"
glib-mkenums \
  --fhead '#include "hd-core-enums.h"\n#include "hd-types.h"\n' \
  --vhead 'GType\n@enum_name@_get_type (void)\n{\n  static gsize type_id = 0;\n' \
  --vhead '  static const G@Type@Value values[] = {\n' \
  --vprod '    { @VALUENAME@, "@VALUENAME@", "@valuenick@" },\n' \
  --vtail '    { 0, NULL, NULL }\n  };\n  if (g_once_init_enter (&type_id))\n' \
  --vtail '    g_once_init_leave (&type_id, g_@type@_register_static ' \
  --vtail '(g_intern_static_string ("@EnumName@"), values));\n  return type_id;\n}\n' \
  "$root/src/core/hd-types.h" >"$core/hd-core-enums.c"

core_dirs=(. model store media text net channels)
core_includes=(-I"$core")
for dir in "${core_dirs[@]}"; do
  core_includes+=(-I"$root/src/core/$dir")
done
# shellcheck disable=SC2207
core_deps=($(pkg-config --cflags --libs glib-2.0 gio-2.0 sqlite3 libsoup-3.0 json-glib-1.0 \
             libsecret-1 gdk-pixbuf-2.0 icu-uc icu-i18n) -lm)
core_flags=("${flags[@]/-fsanitize=fuzzer,address,undefined/-fsanitize=fuzzer-no-link,address}")
core_flags+=(-fsanitize=undefined)

objects=()
for source in "$core/hd-core-enums.c" "$root"/src/core/hd-types.c \
              "$root"/src/core/{model,store,media,text,net,channels}/*.c; do
  object="$core/$(basename "${source%.c}").o"
  "$cc" "${core_flags[@]}" -DG_LOG_USE_STRUCTURED "${core_includes[@]}" -c "$source" \
    -o "$object" $(pkg-config --cflags glib-2.0 gio-2.0 sqlite3 libsoup-3.0 json-glib-1.0 \
                   libsecret-1 gdk-pixbuf-2.0 icu-uc)
  objects+=("$object")
done

for target in mastodon bluesky oauth linkedin x facebook instagram; do
  "$cc" "${flags[@]}" "${core_includes[@]}" -o "$build/fuzz-$target" \
    "$here/fuzz-$target.c" "${objects[@]}" "${core_deps[@]}"
done

# The change files of the Changes view; their parser sits in the sync layer.
"$cc" "${flags[@]}" "${core_includes[@]}" -I"$root/src/core/sync" -o "$build/fuzz-change-set" \
  "$here/fuzz-change-set.c" "$root/src/core/sync/hd-change-set.c" "${objects[@]}" \
  "${core_deps[@]}"

# The CSV files of `herald import`: the reader is in the text library the core holds.
"$cc" "${flags[@]}" "${core_includes[@]}" -o "$build/fuzz-csv" \
  "$here/fuzz-csv.c" "${objects[@]}" "${core_deps[@]}"

# The Marketing API's answers: the client is in the channel layer the core objects hold.
"$cc" "${flags[@]}" "${core_includes[@]}" -o "$build/fuzz-meta-ads" \
  "$here/fuzz-meta-ads.c" "${objects[@]}" "${core_deps[@]}"

# The campaign files of `herald ads import`; the reader is in the store the core objects hold.
"$cc" "${flags[@]}" "${core_includes[@]}" -o "$build/fuzz-ads-csv" \
  "$here/fuzz-ads-csv.c" "${objects[@]}" "${core_deps[@]}"

targets=(feed-parser mastodon bluesky oauth linkedin x facebook instagram)
targets+=(change-set csv)
targets+=(meta-ads)
targets+=(ads-csv)
share=$(( seconds / ${#targets[@]} ))
[ "$share" -lt 5 ] && share=5

status=0
for target in "${targets[@]}"; do
  work="$build/corpus-$target"
  rm -rf "$work"
  mkdir -p "$work"
  cp "$here/corpus/$target/"* "$work/"
  dict=()
  case "$target" in
    feed-parser) dict=(-dict="$here/xml.dict") ;;
    csv) ;;
    ads-csv) ;;
    *) dict=(-dict="$here/json.dict") ;;
  esac
  echo "fuzz/run.sh: $target for ${share}s"
  # The feed parser allocates up to its 5 MB cap; libFuzzer's default input limit is far
  # lower.
  if ! ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
       "$build/fuzz-$target" -max_total_time="$share" -timeout=10 -rss_limit_mb=2048 \
       -max_len=65536 "${dict[@]}" -artifact_prefix="$build/artifacts/$target-" \
       -print_final_stats=1 "$@" "$work" "$here/corpus/$target"; then
    status=1
  fi
done

exit $status
