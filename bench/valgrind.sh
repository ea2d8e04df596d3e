#!/usr/bin/env bash
# valgrind.sh [SUITE...]: runs the test suites without a display under valgrind's memcheck, one
# test at a time in its own session (D-Bus, keyring, X server), and prints which suites leak
# memory for certain ("definitely lost"), with the stack of every such leak.
#
# The suites default to the core's: store text net ads channels sync feeds. Within them, only
# the tests that run without GTK are taken (those meson gives the core's test environment,
# the one with LeakSanitizer on); a test that draws windows keeps its X11, Cairo and
# fontconfig caches for the life of the process, which is noise here. VALGRIND_TESTS (a
# regular expression on the test's name) narrows the choice further.
#
# Why not `meson test --wrapper valgrind`: the default test setup already wraps every test in
# build-aux/test-session.sh, and meson refuses a second wrapper. This script reads the tests
# from `meson introspect --tests` and runs each as meson would, with its own arguments and
# environment, inside test-session.sh, under valgrind.
#
# Its own build dir (_build-valgrind, or VALGRIND_BUILD_DIR): a plain debug build, no
# sanitizers, which valgrind cannot run under. Slow: expect tens of minutes.
#
# Copyright 2026 The Herald authors
# SPDX-License-Identifier: GPL-3.0-or-later

set -euo pipefail

source_root=$(cd "$(dirname "$0")/.." && pwd)
build_dir=${VALGRIND_BUILD_DIR:-"$source_root/_build-valgrind"}
suites=("$@")
[ ${#suites[@]} -gt 0 ] || suites=(store text net ads channels sync feeds)
log_dir="$build_dir/valgrind-logs"

if [ ! -f "$build_dir/build.ninja" ]; then
  meson setup "$build_dir" "$source_root" --buildtype=debug -Dprofile=development
fi

# The chosen tests, one a line: name, suite, timeout, then the JSON of the whole entry.
tests_file=$(mktemp)
trap 'rm -f "$tests_file"' EXIT
meson introspect --tests "$build_dir" | python3 -c '
import json, os, re, sys
wanted = set(sys.argv[1:])
pattern = re.compile(os.environ.get("VALGRIND_TESTS", ""))
for test in json.load(sys.stdin):
    suites = [s.split(":")[-1] for s in test["suite"]]
    suite = next((s for s in suites if s in wanted), None)
    if suite is None or not pattern.search(test["name"]):
        continue
    if "detect_leaks=1" not in test["env"].get("ASAN_OPTIONS", ""):
        continue
    print(json.dumps({"name": test["name"], "suite": suite, "test": test}))
' "${suites[@]}" > "$tests_file"

if [ ! -s "$tests_file" ]; then
  echo "No test without a display in the suites ${suites[*]}" >&2
  exit 2
fi

# Only what the chosen tests need, the schemas they read, and the herald executable that some
# of them run.
mapfile -t targets < <(python3 -c '
import json, os, sys
build = os.path.realpath(sys.argv[1])
for line in open(sys.argv[2]):
    cmd = json.loads(line)["test"]["cmd"][0]
    if os.path.realpath(cmd).startswith(build + os.sep):
        print(os.path.relpath(os.path.realpath(cmd), build))
' "$build_dir" "$tests_file" | sort -u)
ninja -C "$build_dir" data/gschemas.compiled src/herald "${targets[@]}"

rm -rf "$log_dir"
mkdir -p "$log_dir"

valgrind_options=(
  --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite
  --show-leak-kinds=definite --num-callers=30 --track-origins=no
  --suppressions=/usr/share/glib-2.0/valgrind/glib.supp
  --suppressions="$source_root/bench/valgrind.supp"
)

start=$(date +%s)
results="$log_dir/results.tsv"
: > "$results"
while IFS= read -r line; do
  name=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["name"])' "$line")
  suite=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["suite"])' "$line")
  log="$log_dir/$suite-$name.log"
  echo "== $suite / $name"
  test_start=$(date +%s)
  # The test's own environment and arguments, as meson would run it; GLib's slice allocator
  # hands memory straight to malloc so that valgrind sees every block.
  status=0
  python3 - "$line" "$log" "$source_root" "${valgrind_options[@]}" <<'PY' || status=$?
import json, os, subprocess, sys
entry = json.loads(sys.argv[1])
log, source_root, options = sys.argv[2], sys.argv[3], sys.argv[4:]
test = entry["test"]
env = dict(os.environ)
env.update(test["env"])
env["G_SLICE"] = "always-malloc"
env["G_DEBUG"] = ",".join(filter(None, [env.get("G_DEBUG", ""), "gc-friendly"]))
command = [os.path.join(source_root, "build-aux", "test-session.sh"),
           "valgrind", "--log-file=" + log] + options + test["cmd"]
timeout = (test.get("timeout") or 30) * 40
with open(log + ".out", "w") as out:
    try:
        result = subprocess.run(command, env=env, cwd=test.get("workdir") or None,
                                stdout=out, stderr=subprocess.STDOUT, timeout=timeout)
    except subprocess.TimeoutExpired:
        print(f"timed out after {timeout} s")
        sys.exit(124)
sys.exit(result.returncode)
PY
  definite=$(grep -c 'definitely lost in' "$log" 2>/dev/null || true)
  errors=$(sed -n 's/.*ERROR SUMMARY: \([0-9]*\) errors.*/\1/p' "$log" | tail -n 1)
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$suite" "$name" "$status" "${definite:-0}" \
         "${errors:-?}" "$(( $(date +%s) - test_start ))" >> "$results"
  echo "   exit $status, $definite definite leaks, ${errors:-?} errors," \
       "$(( $(date +%s) - test_start )) s"
done < "$tests_file"

echo
echo "valgrind memcheck, $(date -u '+%Y-%m-%d %H:%M UTC'), $(( $(date +%s) - start )) s in all," \
     "load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo
printf '| %-10s | %-28s | %6s | %14s | %12s | %6s |\n' suite test exit "definite leaks" \
       "other errors" seconds
printf '|%s|%s|%s|%s|%s|%s|\n' ------------ ------------------------------ -------- \
       ---------------- -------------- --------
awk -F'\t' '{ printf "| %-10s | %-28s | %6s | %14s | %12s | %6s |\n", $1, $2, $3, $4,
              ($5 == "?" ? "?" : $5 - 0), $6 }' "$results"
echo
leaky=$(awk -F'\t' '$4 > 0 { print $1 }' "$results" | sort -u | tr '\n' ' ')
if [ -n "$leaky" ]; then
  echo "Suites with definite leaks: $leaky"
  echo
  for log in "$log_dir"/*.log; do
    grep -q 'definitely lost in' "$log" || continue
    echo "--- $(basename "$log" .log)"
    # Each leak's record: from its "definitely lost" line to the blank line after its stack.
    sed -n '/definitely lost in/,/^==[0-9]*== $/p' "$log" | sed 's/^==[0-9]*== //'
  done
else
  echo "No suite has a definite leak."
fi
failed=$(awk -F'\t' '$3 != 0 && $4 == 0 { print $1 "/" $2 }' "$results" | tr '\n' ' ')
if [ -n "$failed" ]; then
  echo "Failed for another reason (see $log_dir): $failed"
fi
[ -z "$leaky" ] && [ -z "$failed" ]
