#!/usr/bin/env python3
# encode-symbolic-icons.py: pre-render symbolic SVG icons as GTK's ".symbolic.png" files.
#
# Copyright 2026 The Herald authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: encode-symbolic-icons.py ENCODER OUTPUT_DIR SIZES SVG...
#
# ENCODER is gtk4-encode-symbolic-svg, SIZES a comma-separated list of pixel sizes. For each
# SVG "name.svg" and size N this writes OUTPUT_DIR/name-N.symbolic.png; the resource file
# gives each its place in the icon theme's NxN folders. GTK recolours such a PNG as it would
# the SVG, but reads it without an SVG renderer: the process never has to load librsvg to
# draw its own icons.
#
# The encoder names its output after the SVG and writes it into a folder, so each size is
# made in a folder of its own and then moved to its final name.

import os
import shutil
import subprocess
import sys
import tempfile


def main():
    if len(sys.argv) < 5:
        sys.exit('Usage: encode-symbolic-icons.py ENCODER OUTPUT_DIR SIZES SVG...')

    encoder, output_dir, sizes = sys.argv[1], sys.argv[2], sys.argv[3].split(',')
    svgs = sys.argv[4:]

    with tempfile.TemporaryDirectory(dir=output_dir) as work_dir:
        for svg in svgs:
            name = os.path.basename(svg)
            if not name.endswith('.svg'):
                sys.exit(f'{svg} is not an SVG file')
            name = name[:-len('.svg')]

            for size in sizes:
                size_dir = os.path.join(work_dir, size)
                os.makedirs(size_dir, exist_ok=True)
                subprocess.run([encoder, '--output', size_dir, svg, f'{size}x{size}'],
                               check=True)
                shutil.move(os.path.join(size_dir, f'{name}.symbolic.png'),
                            os.path.join(output_dir, f'{name}-{size}.symbolic.png'))


if __name__ == '__main__':
    main()
