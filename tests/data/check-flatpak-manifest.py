#!/usr/bin/env python3
# check-flatpak-manifest.py MANIFEST
#
# The runtime cannot be downloaded on the build machine, so the Flatpak is checked by what
# flatpak-builder makes of the manifest: it must parse, name the right app and command, build
# Herald with meson on the GNOME runtime, and ask for no permission beyond what Herald uses.
# Files come through the document portal and secrets through the Secret portal, so any
# --filesystem or --talk-name would widen the sandbox for nothing.
#
# Copyright 2026 The Herald authors
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import re
import shutil
import subprocess
import sys

APP_ID = 'io.github.heraldapp.Herald'
COMMAND = 'herald'
ALLOWED_FINISH_ARGS = {
    '--share=network',
    '--share=ipc',
    '--socket=wayland',
    '--socket=fallback-x11',
    '--device=dri',
}


def show_manifest(path):
    builder = shutil.which('flatpak-builder')
    if builder is None:
        raise SystemExit('flatpak-builder is not installed')
    # The test environment makes GLib warnings fatal for Herald's own code; flatpak-builder
    # warns about its own deprecated properties and must not be judged by that.
    env = dict(os.environ)
    for name in ('G_DEBUG', 'G_ENABLE_DIAGNOSTIC'):
        env.pop(name, None)
    result = subprocess.run([builder, '--show-manifest', os.path.abspath(path)],
                            capture_output=True, text=True, env=env,
                            cwd=os.path.dirname(os.path.abspath(path)))
    if result.returncode != 0:
        raise SystemExit(f'{path}: flatpak-builder cannot parse it:\n{result.stderr}')
    return json.loads(result.stdout)


def check(manifest):
    problems = []

    app_id = manifest.get('id', manifest.get('app-id'))
    if app_id != APP_ID:
        problems.append(f'app id is {app_id!r}, expected {APP_ID!r}')
    if manifest.get('command') != COMMAND:
        problems.append(f'command is {manifest.get("command")!r}, expected {COMMAND!r}')
    if manifest.get('runtime') != 'org.gnome.Platform':
        problems.append(f'runtime is {manifest.get("runtime")!r}, expected org.gnome.Platform')
    if manifest.get('sdk') != 'org.gnome.Sdk':
        problems.append(f'sdk is {manifest.get("sdk")!r}, expected org.gnome.Sdk')
    # A numbered runtime is a stable one; "master" or a nightly would break without notice.
    if not re.fullmatch(r'[0-9]+', str(manifest.get('runtime-version', ''))):
        problems.append(f'runtime-version {manifest.get("runtime-version")!r} '
                        'is not a stable release number')

    finish_args = manifest.get('finish-args', [])
    for arg in finish_args:
        if arg not in ALLOWED_FINISH_ARGS:
            problems.append(f'finish-arg {arg} is wider than Herald needs')
    for arg in sorted(ALLOWED_FINISH_ARGS - set(finish_args)):
        problems.append(f'finish-arg {arg} is missing, Herald cannot run without it')

    modules = manifest.get('modules', [])
    herald = modules[-1] if modules else {}
    if not isinstance(herald, dict) or herald.get('name') != 'herald':
        problems.append('the last module must build herald')
    else:
        if herald.get('buildsystem') != 'meson':
            problems.append('the herald module must use the meson buildsystem')
        opts = herald.get('config-opts', [])
        for opt in ('-Dprofile=default', '-Dtests=false'):
            if opt not in opts:
                problems.append(f'the herald module must be configured with {opt}')
        if {'type': 'dir', 'path': '..'} not in herald.get('sources', []):
            problems.append('the herald module must build the tree the manifest sits in')

    return problems


def main():
    if len(sys.argv) != 2:
        print(f'usage: {sys.argv[0]} MANIFEST', file=sys.stderr)
        return 2
    problems = check(show_manifest(sys.argv[1]))
    for problem in problems:
        print(f'{sys.argv[1]}: {problem}', file=sys.stderr)
    if problems:
        return 1
    print(f'{sys.argv[1]}: parses, builds {APP_ID} and asks for no more than it needs')
    return 0


if __name__ == '__main__':
    sys.exit(main())
