// tests/interop/servers/pds.mjs
// Copyright 2026 The Herald authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The reference Bluesky PDS, booted the way its official entry point does,
// configured entirely through the PDS_* variables that peers.mjs sets.

import { bindToLoopback, require, stopOn } from './child.mjs';

const { PDS, envToCfg, envToSecrets, readEnv, httpLogger } = require('@atproto/pds');

const env = readEnv();
env.version ||= require('@atproto/pds/package.json').version;
const cfg = envToCfg(env);
const secrets = envToSecrets(env);
const pds = await PDS.create(cfg, secrets);
bindToLoopback(pds.app);
await pds.start();
httpLogger.info('pds has started');
console.error(`pds listening on ${cfg.service.publicUrl} (bound to 127.0.0.1:${cfg.service.port})`);
stopOn(() => pds.destroy());
