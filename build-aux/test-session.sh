#!/usr/bin/env bash
# test-session.sh COMMAND [ARGS...]
#
# Runs one test in a session of its own: a private D-Bus session bus, a real gnome-keyring
# that is unlocked and empty, and an X server (Xvfb) for the widgets. Nothing is shared with
# the user's desktop or with another test.
#
# Copyright 2026 The Herald authors
# SPDX-License-Identifier: GPL-3.0-or-later

set -euo pipefail

if [ -z "${HERALD_TEST_SESSION:-}" ]; then
  export HERALD_TEST_SESSION=1
  exec dbus-run-session --config-file="$(dirname "$0")/test-session-bus/session.conf" -- \
    "$0" "$@"
fi

session_dir=$(mktemp -d "${TMPDIR:-/tmp}/herald-session.XXXXXX")
xvfb_pid=
keyring_pid=

cleanup () {
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
  [ -n "$keyring_pid" ] && kill "$keyring_pid" 2>/dev/null || true
  rm -rf "$session_dir"
}
trap cleanup EXIT

# The keyring daemon keeps its files under its own data home, never the user's.
mkdir -p "$session_dir/data" "$session_dir/runtime"
chmod 700 "$session_dir/runtime"
export XDG_RUNTIME_DIR="$session_dir/runtime"

printf 'herald-test-keyring' | env -u G_DEBUG -u G_ENABLE_DIAGNOSTIC XDG_DATA_HOME="$session_dir/data" \
  gnome-keyring-daemon --foreground --unlock --components=secrets \
  >"$session_dir/keyring.log" 2>&1 &
keyring_pid=$!

# Wait until the Secret Service answers on the bus. On a loaded machine the daemon can take
# seconds; a test that started without it would only see "no keyring".
keyring_ready=
for _ in $(seq 1 600); do
  if dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
       org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null |
     grep -q 'boolean true'; then
    keyring_ready=1
    break
  fi
  kill -0 "$keyring_pid" 2>/dev/null || break
  sleep 0.05
done
if [ -z "$keyring_ready" ]; then
  echo "test-session: gnome-keyring-daemon did not come up:" >&2
  cat "$session_dir/keyring.log" >&2
  exit 1
fi

start_xvfb () {
  # -displayfd hands back a free display number. Two servers starting at the same moment
  # can still pick the same one, and the loser exits at once: then try again.
  exec {fd}<> <(:)
  Xvfb -displayfd "$fd" -screen 0 1280x800x24 -nolisten tcp -noreset \
    >"$session_dir/xvfb.log" 2>&1 &
  xvfb_pid=$!
  display=
  for _ in $(seq 1 200); do
    if read -r -t 0.05 -u "$fd" display; then
      break
    fi
    kill -0 "$xvfb_pid" 2>/dev/null || break
  done
  exec {fd}>&-
  [ -n "$display" ] && kill -0 "$xvfb_pid" 2>/dev/null
}

if [ -z "${HERALD_TEST_NO_X:-}" ]; then
  started=
  for attempt in 1 2 3 4 5 6 7 8; do
    if start_xvfb; then
      started=1
      break
    fi
    kill "$xvfb_pid" 2>/dev/null || true
    xvfb_pid=
    sleep "0.$((RANDOM % 5 + 1))"
  done
  if [ -z "$started" ]; then
    echo "test-session: Xvfb did not start:" >&2
    cat "$session_dir/xvfb.log" >&2
    exit 1
  fi
  export DISPLAY=":$display"
fi

"$@"
