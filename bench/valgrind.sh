#!/usr/bin/env bash
# valgrind.sh [SUITE...]: runs the test suites under valgrind's memcheck, one test at a time in
# its own session (D-Bus, keyring, X server), and prints which suites leak memory for certain
# ("definitely lost"), with the stack of every such leak.
#
# The suites default to every suite whose tests are programs built here: store text net ads
# channels sync feeds cli e2e ui calendar composer interop. VALGRIND_TESTS (a regular
# expression on the test's name) narrows the choice. VALGRIND_DISPLAY=0 takes only the tests
# that meson gives the core's environment, the one with LeakSanitizer on: it leaves out the
# tests that draw windows, and the interop tests.
#
# A `herald` that a test spawns runs under memcheck too (--trace-children), with a log of its
# own; the programs of the system a test or the session starts (gnome-keyring, dbus, Xvfb,
# node for the interop peers: anything under /usr or /bin) do not. A test that is a script
# around a program built here (the interop tests' with-peers.sh) has memcheck put in front of
# that program instead.
#
# The widget tests keep some of what GTK's stack (fontconfig, Pango, Cairo, X11, Mesa) caches
# for the life of the process; bench/valgrind.supp lists each such allocation and the library
# that owns it. Herald's own widgets and objects are freed, and nothing of theirs is suppressed.
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
[ ${#suites[@]} -gt 0 ] ||
  suites=(store text net ads channels sync feeds cli e2e ui calendar composer interop)
log_dir="$build_dir/valgrind-logs"

if [ ! -f "$build_dir/build.ninja" ]; then
  meson setup "$build_dir" "$source_root" --buildtype=debug -Dprofile=development
fi

# The chosen tests, one a line: name, suite, timeout, then the JSON of the whole entry.
tests_file=$(mktemp)
trap 'rm -f "$tests_file"' EXIT
# A test is taken when one word of its command is a program built here: memcheck goes in front
# of that word ("program" below). The data suite's checks run system tools and are left out.
meson introspect --tests "$build_dir" | python3 -c '
import json, os, re, sys
build = os.path.realpath(sys.argv[1])
wanted = set(sys.argv[2:])
pattern = re.compile(os.environ.get("VALGRIND_TESTS", ""))
with_display = os.environ.get("VALGRIND_DISPLAY", "1") != "0"
for test in json.load(sys.stdin):
    suites = [s.split(":")[-1] for s in test["suite"]]
    suite = next((s for s in suites if s in wanted), None)
    if suite is None or not pattern.search(test["name"]):
        continue
    if not with_display and "detect_leaks=1" not in test["env"].get("ASAN_OPTIONS", ""):
        continue
    program = next((i for i, word in enumerate(test["cmd"])
                    if os.path.realpath(word).startswith(build + os.sep)
                    and not word.endswith((".sh", ".py"))), None)
    if program is None:
        continue
    print(json.dumps({"name": test["name"], "suite": suite, "program": program, "test": test}))
' "$build_dir" "${suites[@]}" > "$tests_file"

if [ ! -s "$tests_file" ]; then
  echo "No test built here in the suites ${suites[*]}" >&2
  exit 2
fi

# Only what the chosen tests need, the schemas they read, and the herald executable that some
# of them run.
mapfile -t targets < <(python3 -c '
import json, os, sys
build = os.path.realpath(sys.argv[1])
for line in open(sys.argv[2]):
    entry = json.loads(line)
    cmd = entry["test"]["cmd"][entry["program"]]
    print(os.path.relpath(os.path.realpath(cmd), build))
' "$build_dir" "$tests_file" | sort -u)
ninja -C "$build_dir" data/gschemas.compiled src/herald "${targets[@]}"

rm -rf "$log_dir"
mkdir -p "$log_dir"

# The system's programs that a test or a spawned herald starts are not followed: their leaks
# are not Herald's (and memcheck cannot run a set-uid helper anyway).
valgrind_options=(
  --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite
  --show-leak-kinds=definite --num-callers=30 --track-origins=no
  --trace-children=yes --trace-children-skip='/usr/*,/bin/*,/sbin/*,/lib/*'
  --child-silent-after-fork=yes
  --suppressions=/usr/share/glib-2.0/valgrind/glib.supp
  --suppressions="$source_root/bench/valgrind.supp"
)

start=$(date +%s)
results="$log_dir/results.tsv"
: > "$results"
while IFS= read -r line; do
  name=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["name"])' "$line")
  suite=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["suite"])' "$line")
  # One log per process that memcheck ran: the test, and each herald that it spawned.
  log="$log_dir/$suite-$name"
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
cmd, program = test["cmd"], entry["program"]
command = ([os.path.join(source_root, "build-aux", "test-session.sh")] + cmd[:program]
           + ["valgrind", "--log-file=" + log + ".%p.log"] + options + cmd[program:])
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
  definite=$(cat "$log".*.log 2>/dev/null | grep -c 'definitely lost in' || true)
  errors=$(cat "$log".*.log 2>/dev/null |
           sed -n 's/.*ERROR SUMMARY: \([0-9]*\) errors.*/\1/p' | awk '{ n += $1 } END { print n }')
  processes=$(ls "$log".*.log 2>/dev/null | wc -l)
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$suite" "$name" "$status" "${definite:-0}" \
         "${errors:-?}" "$(( $(date +%s) - test_start ))" >> "$results"
  echo "   exit $status, $processes processes, $definite definite leaks, ${errors:-?} errors," \
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
    echo "--- $(basename "$log" .log): $(sed -n 's/^==[0-9]*== Command: //p' "$log" | head -n 1)"
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
