#!/usr/bin/env python3
# test-check-potfiles.py CHECKER
#
# The POTFILES check guards the translations only if it can fail: run it on small trees that
# are complete, miss a file, list a file that is gone, or forget the desktop file, and expect
# it to pass exactly once.
#
# Copyright 2026 The Herald authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import subprocess
import sys
import tempfile

APP_ID = 'io.github.heraldapp.Herald'
DATA_FILES = [
    f'data/{APP_ID}.desktop.in',
    f'data/{APP_ID}.metainfo.xml.in',
    f'data/{APP_ID}.gschema.xml',
]

checker = sys.argv[1]
failures = 0


def write(root, path, text):
    full = os.path.join(root, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, 'w', encoding='utf-8') as f:
        f.write(text)


def make_tree(root, listed, extra_files):
    for path in DATA_FILES:
        write(root, path, '')
    write(root, 'src/ui/hd-window.c', 'label = _("Calendar");\n')
    write(root, 'src/core/hd-plain.c', 'g_autoptr(GError) error = NULL;\nfoo_ (bar);\n')
    for path, text in extra_files.items():
        write(root, path, text)
    write(root, 'po/POTFILES.in', '# comment\n\n' + ''.join(p + '\n' for p in listed))


def expect(name, listed, extra_files, should_pass, must_mention=None):
    global failures
    with tempfile.TemporaryDirectory() as root:
        make_tree(root, listed, extra_files)
        result = subprocess.run([sys.executable, checker, '--root', root],
                                capture_output=True, text=True)
    passed = result.returncode == 0
    ok = passed == should_pass
    if ok and must_mention is not None and must_mention not in result.stderr:
        ok = False
    print(f'{"ok" if ok else "not ok"} - {name}')
    if not ok:
        print(f'# exit {result.returncode}, stderr:\n# ' +
              result.stderr.replace('\n', '\n# '))
        failures += 1


complete = DATA_FILES + ['src/ui/hd-window.c']

expect('a complete list passes', complete, {}, True)
expect('a C file with _() that is not listed fails',
       complete, {'src/ui/hd-sidebar.c': 'gtk_label_set_text (l, _ ("Inbox"));\n'},
       False, 'src/ui/hd-sidebar.c')
expect('a C file with N_() that is not listed fails',
       complete, {'src/core/hd-state.c': 'static const char *s[] = { N_("Draft") };\n'},
       False, 'src/core/hd-state.c')
expect('a .ui file with translatable="yes" that is not listed fails',
       complete, {'src/ui/hd-window.ui':
                  '<property name="title" translatable="yes">Herald</property>\n'},
       False, 'src/ui/hd-window.ui')
expect('a listed file that does not exist fails',
       complete + ['src/ui/hd-gone.c'], {}, False, 'src/ui/hd-gone.c')
expect('a list without the desktop file fails',
       complete[1:], {}, False, DATA_FILES[0])

print('1..6')
sys.exit(1 if failures else 0)
