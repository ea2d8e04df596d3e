// tests/interop/servers/plc.mjs
// Copyright 2026 The Herald authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// A did:plc directory kept in memory, so the PDS can create accounts
// without the public directory. It forgets every DID when it stops.

import { bindToLoopback, require, requiredEnv, stopOn } from './child.mjs';

const { PlcServer, Database } = require('@did-plc/server');

const port = Number(requiredEnv('HERALD_PLC_PORT'));
const server = PlcServer.create({ db: Database.mock(), port });
bindToLoopback(server.app);
await server.start();
console.error(`plc listening on http://127.0.0.1:${server.server.address().port}`);
stopOn(() => server.destroy());
