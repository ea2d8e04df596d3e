#!/usr/bin/env python3
# check-icons.py DESKTOP_FILE ICON_DIR
#
# The icon a desktop shows is found through the desktop file's Icon key, so a renamed file or
# a wrongly sized canvas leaves Herald with a generic icon in the dash and the app grid.
#
# Copyright 2026 The Herald authors
# SPDX-License-Identifier: GPL-3.0-or-later

import configparser
import os
import re
import sys
import xml.etree.ElementTree as ET

SVG = '{http://www.w3.org/2000/svg}'
problems = []


def icon_name(desktop_file):
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    parser.optionxform = str
    parser.read(desktop_file, encoding='utf-8')
    return parser.get('Desktop Entry', 'Icon', fallback=None)


def check_svg(path, size, one_colour):
    if not os.path.isfile(path):
        problems.append(f'{path}: missing')
        return
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as e:
        problems.append(f'{path}: not well-formed: {e}')
        return
    if root.tag != SVG + 'svg':
        problems.append(f'{path}: not an SVG document')
        return
    if root.get('viewBox', '').split() != ['0', '0', str(size), str(size)]:
        problems.append(f'{path}: the canvas must be {size}×{size}')
    if one_colour:
        # A symbolic icon is recoloured by the theme; a second colour would stay behind.
        colours = set()
        for element in root.iter():
            for attribute in ('fill', 'stroke'):
                value = element.get(attribute)
                if value and value != 'none':
                    colours.add(value.lower())
            for match in re.finditer(r'(?:fill|stroke)\s*:\s*([^;]+)', element.get('style', '')):
                if match.group(1).strip() != 'none':
                    colours.add(match.group(1).strip().lower())
        if len(colours) != 1:
            problems.append(f'{path}: a symbolic icon must use one colour, not {sorted(colours)}')


def main():
    desktop_file, icon_dir = sys.argv[1], sys.argv[2]
    name = icon_name(desktop_file)
    if not name:
        problems.append(f'{desktop_file}: no Icon key')
    else:
        check_svg(os.path.join(icon_dir, 'hicolor', 'scalable', 'apps', name + '.svg'), 128, False)
        check_svg(os.path.join(icon_dir, 'hicolor', 'symbolic', 'apps', name + '-symbolic.svg'),
                  16, True)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        return 1
    print(f'{name}: scalable and symbolic icons present')
    return 0


if __name__ == '__main__':
    sys.exit(main())
