#!/usr/bin/env python3
# test-check-flatpak-manifest.py CHECKER MANIFEST
#
# The manifest check only protects the sandbox if it notices a change: widen copies of the
# real manifest the ways a hurried edit would, and expect each one to be refused while the
# untouched copy passes.
#
# Copyright 2026 The Herald authors
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import subprocess
import sys
import tempfile

checker, manifest_path = sys.argv[1], sys.argv[2]
with open(manifest_path, encoding='utf-8') as f:
    original = json.load(f)
failures = 0
count = 0


def expect(name, change, should_pass, must_mention=None):
    global failures, count
    count += 1
    manifest = json.loads(json.dumps(original))
    raw = change(manifest)
    with tempfile.TemporaryDirectory() as tmp:
        os.mkdir(os.path.join(tmp, 'flatpak'))
        path = os.path.join(tmp, 'flatpak', os.path.basename(manifest_path))
        with open(path, 'w', encoding='utf-8') as f:
            f.write(raw if raw is not None else json.dumps(manifest, indent=2))
        result = subprocess.run([sys.executable, checker, path], capture_output=True, text=True)
    ok = (result.returncode == 0) == should_pass
    if ok and must_mention is not None and must_mention not in result.stderr:
        ok = False
    print(f'{"ok" if ok else "not ok"} - {name}')
    if not ok:
        print(f'# exit {result.returncode}, stderr:\n# ' +
              result.stderr.replace('\n', '\n# '))
        failures += 1


def unchanged(m):
    pass


def add_arg(arg):
    return lambda m: m['finish-args'].append(arg)


def set_key(key, value):
    def change(m):
        m.pop('app-id' if key == 'id' else key, None)
        m[key] = value
    return change


def truncate(m):
    return json.dumps(m, indent=2)[:-40]


expect('the manifest as written passes', unchanged, True)
expect('--filesystem=home is refused', add_arg('--filesystem=home'), False,
       '--filesystem=home')
expect('--filesystem=host is refused', add_arg('--filesystem=host'), False,
       '--filesystem=host')
expect('talking to the keyring daemon directly is refused',
       add_arg('--talk-name=org.freedesktop.secrets'), False, '--talk-name')
expect('--socket=x11 instead of the fallback is refused', add_arg('--socket=x11'), False,
       '--socket=x11')
expect('a wrong app id is refused', set_key('id', 'org.example.Herald'), False, 'app id')
expect('a wrong command is refused', set_key('command', 'herald-dev'), False, 'command')
expect('a nightly runtime is refused', set_key('runtime-version', 'master'), False,
       'runtime-version')
expect('a manifest flatpak-builder cannot read is refused', truncate, False, 'cannot parse')

print(f'1..{count}')
sys.exit(1 if failures else 0)
