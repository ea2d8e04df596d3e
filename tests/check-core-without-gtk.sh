#!/usr/bin/env bash
# check-core-without-gtk.sh LIBRARY
#
# The core must build and link without GTK, so that the command line and the sync engine
# never need a display. Fails when the archive defines or uses any GTK, GDK, GSK or
# libadwaita symbol. GdkPixbuf is an image library of its own, not GTK, and may be used.
#
# Copyright 2026 The Herald authors
# SPDX-License-Identifier: GPL-3.0-or-later

set -euo pipefail

library=$1
symbols=$(nm -A "$library")
if [ -z "$symbols" ]; then
  echo "no symbols found in $library" >&2
  exit 1
fi

if offending=$(grep -P ' [A-Za-z] _?(gtk|gsk|adw|gdk(?!_pixbuf))_' <<<"$symbols"); then
  echo "libherald-core refers to GTK symbols:" >&2
  echo "$offending" >&2
  exit 1
fi
echo "libherald-core: $(wc -l <<<"$symbols") symbols, none from GTK"
