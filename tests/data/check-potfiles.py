#!/usr/bin/env python3
# check-potfiles.py [--root DIR]
#
# Fails when po/POTFILES.in is out of step with the tree: a file under src/ marks strings for
# translation but is not listed (its strings would never reach translators), a listed file
# no longer exists (xgettext would stop), or the desktop file, metainfo or schema is missing.
#
# Copyright 2026 The Herald authors
# SPDX-License-Identifier: GPL-3.0-or-later

import argparse
import os
import re
import sys

APP_ID = 'io.github.heraldapp.Herald'

ALWAYS_LISTED = [
    f'data/{APP_ID}.desktop.in',
    f'data/{APP_ID}.metainfo.xml.in',
    f'data/{APP_ID}.gschema.xml',
]

# gettext calls as the GLib preset knows them, and GtkBuilder's marker. The look-behind keeps
# identifiers that merely end in an underscore (foo_ (…)) from counting.
MARKER = re.compile(r'(?<![A-Za-z0-9_])(?:N_|_|C_|NC_|Q_|g_dngettext|ngettext)\s*\('
                    r'|translatable\s*=\s*["\']yes["\']')

SCANNED_SUFFIXES = ('.c', '.h', '.ui', '.xml', '.in')


def read_potfiles(path):
    entries = []
    with open(path, encoding='utf-8') as f:
        for number, line in enumerate(f, 1):
            line = line.strip()
            if line and not line.startswith('#'):
                entries.append((number, line))
    return entries


def files_with_markers(root):
    found = []
    for directory, dirnames, filenames in os.walk(os.path.join(root, 'src')):
        dirnames.sort()
        for name in sorted(filenames):
            if not name.endswith(SCANNED_SUFFIXES):
                continue
            path = os.path.join(directory, name)
            with open(path, encoding='utf-8', errors='replace') as f:
                if MARKER.search(f.read()):
                    found.append(os.path.relpath(path, root).replace(os.sep, '/'))
    return found


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--root', default=os.environ.get('MESON_SOURCE_ROOT', '.'),
                        help='top of the source tree')
    args = parser.parse_args()
    root = os.path.abspath(args.root)

    potfiles_in = os.path.join(root, 'po', 'POTFILES.in')
    if not os.path.isfile(potfiles_in):
        print(f'{potfiles_in}: missing', file=sys.stderr)
        return 1

    problems = []
    entries = read_potfiles(potfiles_in)
    listed = set()
    for number, entry in entries:
        if entry in listed:
            problems.append(f'po/POTFILES.in:{number}: {entry} is listed twice')
        listed.add(entry)
        if not os.path.isfile(os.path.join(root, entry)):
            problems.append(f'po/POTFILES.in:{number}: {entry} does not exist')

    for entry in ALWAYS_LISTED:
        if entry not in listed:
            problems.append(f'po/POTFILES.in: {entry} must be listed')

    for path in files_with_markers(root):
        if path not in listed:
            problems.append(f'po/POTFILES.in: {path} has strings to translate but is not listed')

    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        return 1
    print(f'po/POTFILES.in lists all {len(listed)} files with strings to translate')
    return 0


if __name__ == '__main__':
    sys.exit(main())
