// tests/interop/servers/child.mjs
// Copyright 2026 The Herald authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Helpers shared by the peer processes that peers.mjs starts.

import { createRequire } from 'node:module';

export const require = createRequire(import.meta.url);

export const LOOPBACK = '127.0.0.1';

// The upstream servers call app.listen(port) and so bind every interface;
// a test peer must never be reachable from outside this machine.
export function bindToLoopback(app) {
  const listen = app.listen.bind(app);
  app.listen = (port, ...rest) => {
    if (typeof rest[0] === 'string') rest.shift();
    return listen(port, LOOPBACK, ...rest);
  };
}

export function requiredEnv(name) {
  const value = process.env[name];
  if (value === undefined || value === '') {
    console.error(`${name} must be set`);
    process.exit(2);
  }
  return value;
}

// Stops the server on SIGTERM/SIGINT, and also when the parent's pipe on our
// stdin closes: if peers.mjs is killed outright, no server may outlive it and
// keep a port or a temporary directory busy.
export function stopOn(stop) {
  let stopping = false;
  const once = async (why) => {
    if (stopping) return;
    stopping = true;
    console.error(`stopping (${why})`);
    const timer = setTimeout(() => process.exit(1), 10_000);
    timer.unref();
    try {
      await stop();
    } catch (err) {
      console.error('error while stopping:', err);
      process.exit(1);
    }
    process.exit(0);
  };
  process.on('SIGTERM', () => once('SIGTERM'));
  process.on('SIGINT', () => once('SIGINT'));
  if (process.env.HERALD_PEER_WATCH_STDIN === '1') {
    process.stdin.on('end', () => once('parent went away'));
    process.stdin.on('error', () => once('parent went away'));
    process.stdin.resume();
  }
}
