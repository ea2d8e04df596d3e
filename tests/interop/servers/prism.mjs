// tests/interop/servers/prism.mjs
// Copyright 2026 The Herald authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Runs the Prism command line in this process rather than through its bin
// script so that the orphan guard in child.mjs applies to it as well.

import { require, requiredEnv, stopOn } from './child.mjs';

const port = requiredEnv('HERALD_PRISM_PORT');
const spec = requiredEnv('HERALD_PRISM_SPEC');

process.argv = [
  process.argv[0],
  'prism',
  'mock',
  '--host', '127.0.0.1',
  '--port', port,
  '--multiprocess=false',
  spec,
];
stopOn(async () => {});
require('@stoplight/prism-cli/dist/index.js');
