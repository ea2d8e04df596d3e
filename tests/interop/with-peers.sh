#!/usr/bin/env bash
# tests/interop/with-peers.sh
# Copyright 2026 The Herald authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs one command with the interop peers up, and HERALD_PEERS_FILE naming
# the peers.json that says where they are; exits with the command's status.
#
#   with-peers.sh [--only pds,prism,oidc] [--pds-rate-limits]
#                 [--oidc-access-token-ttl SECONDS] [--] COMMAND [ARG...]
#
# Environment: HERALD_SHARED_DIR (default <repo>/../shared),
# HERALD_PEERS_TIMEOUT (seconds to wait for the peers, default 60),
# HERALD_KEEP_PEERS_STATE=1 keeps the state directory and its logs.

# The functions below run from traps, which shellcheck cannot follow.
# shellcheck disable=SC2317
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

usage() {
    echo "usage: $0 [--only LIST] [--pds-rate-limits] [--oidc-access-token-ttl SECONDS] [--] COMMAND [ARG...]" >&2
    exit 2
}

peer_args=()
while [ $# -gt 0 ]; do
    case "$1" in
        --only|--oidc-access-token-ttl)
            [ $# -ge 2 ] || usage
            peer_args+=("$1" "$2"); shift 2 ;;
        --pds-rate-limits) peer_args+=("$1"); shift ;;
        --) shift; break ;;
        -*) usage ;;
        *) break ;;
    esac
done
[ $# -gt 0 ] || usage

command -v node >/dev/null || { echo "with-peers.sh: node is not installed" >&2; exit 1; }

# better-sqlite3 is compiled on install; with the distribution's Node headers
# node-gyp needs no download, and the prebuilt binaries are never reachable.
if [ -z "${npm_config_nodedir:-}" ] && [ -f /usr/include/node/node.h ]; then
    export npm_config_nodedir=/usr
fi

# The native module is built for one Node ABI, so the Node version is part
# of what makes node_modules stale, as much as the lockfile is.
install_if_stale() {
    local stamp="$here/node_modules/.herald-install-stamp" want
    want=$(cat "$here/package.json" "$here/package-lock.json" <(node -p 'process.version + process.arch') |
        sha256sum | cut -d' ' -f1)
    if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
        return 0
    fi
    echo "with-peers.sh: installing the interop peers (npm ci)..." >&2
    local start=$SECONDS
    (cd "$here" && npm ci --no-audit --no-fund --loglevel=error) >&2
    echo "$want" >"$stamp"
    echo "with-peers.sh: npm ci took $((SECONDS - start)) s" >&2
}

# Test runners start several of these at once; one install at a time.
exec 9>"$here/.install.lock"
flock 9
install_if_stale
flock -u 9
exec 9>&-

state_dir=$(mktemp -d "${TMPDIR:-/tmp}/herald-peers.XXXXXX")
peers_pid=
status=0

show_logs() {
    local f
    for f in "$state_dir"/*.log; do
        [ -f "$f" ] || continue
        echo "----- ${f##*/} (last 40 lines) -----" >&2
        tail -n 40 "$f" >&2
    done
    [ -f "$state_dir/peers.out" ] && { echo "----- peers.mjs -----" >&2; cat "$state_dir/peers.out" >&2; }
    return 0
}

stop_peers() {
    [ -n "$peers_pid" ] || return 0
    if kill -0 "$peers_pid" 2>/dev/null; then
        kill -TERM "$peers_pid" 2>/dev/null || true
        for _ in $(seq 150); do
            kill -0 "$peers_pid" 2>/dev/null || break
            sleep 0.1
        done
        kill -KILL "$peers_pid" 2>/dev/null || true
    fi
    wait "$peers_pid" 2>/dev/null || true
    peers_pid=
}

cleanup() {
    stop_peers
    if [ "${HERALD_KEEP_PEERS_STATE:-0}" = 1 ]; then
        echo "with-peers.sh: peers' state and logs kept in $state_dir" >&2
    else
        rm -rf "$state_dir"
    fi
}
cmd_pid=

# Bash runs a trap only once the foreground child is done, so the command
# runs in the background and a signal to this script is passed on to it.
# A background command ignores SIGINT, hence TERM for every signal.
on_signal() {
    if [ -n "$cmd_pid" ]; then
        kill -TERM "$cmd_pid" 2>/dev/null || true
        wait "$cmd_pid" 2>/dev/null || true
    fi
    exit "$1"
}
trap cleanup EXIT
trap 'on_signal 130' INT
trap 'on_signal 143' TERM
trap 'on_signal 129' HUP

timeout=${HERALD_PEERS_TIMEOUT:-60}
HERALD_PEERS_READY_TIMEOUT_MS=$((timeout * 1000)) \
    node "$here/peers.mjs" start --state-dir "$state_dir" ${peer_args[@]+"${peer_args[@]}"} \
    >"$state_dir/peers.out" 2>&1 &
peers_pid=$!

# peers.mjs gives up first and says which peer did not answer.
deadline=$((SECONDS + timeout + 5))
until [ -f "$state_dir/peers.json" ]; do
    if ! kill -0 "$peers_pid" 2>/dev/null; then
        echo "with-peers.sh: the interop peers failed to start" >&2
        show_logs
        exit 1
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
        echo "with-peers.sh: the interop peers were not ready within ${timeout} s" >&2
        show_logs
        exit 1
    fi
    sleep 0.1
done
cat "$state_dir/peers.out" >&2

export HERALD_PEERS_FILE="$state_dir/peers.json"
# Without the explicit redirection a background command reads /dev/null.
exec 8<&0
"$@" <&8 8<&- &
cmd_pid=$!
exec 8<&-
wait "$cmd_pid" || status=$?
cmd_pid=
if [ "$status" -ne 0 ] && ! kill -0 "$peers_pid" 2>/dev/null; then
    echo "with-peers.sh: the interop peers stopped while the command ran" >&2
    show_logs
fi
exit "$status"
