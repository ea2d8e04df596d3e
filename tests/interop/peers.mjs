#!/usr/bin/env node
// tests/interop/peers.mjs
// Copyright 2026 The Herald authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Starts the real third-party servers of the interop tests on 127.0.0.1,
// writes where they are to STATE_DIR/peers.json once every one of them
// answers, and stops them all on SIGTERM or SIGINT.
//
//   node peers.mjs start --state-dir DIR [--only pds,prism,oidc]
//                        [--pds-rate-limits] [--oidc-access-token-ttl SECONDS]

import { spawn } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = path.resolve(HERE, '..', '..');
const PEERS = ['plc', 'pds', 'prism', 'oidc'];
const READY_TIMEOUT_MS = Number(process.env.HERALD_PEERS_READY_TIMEOUT_MS || 60_000);
const OIDC_CLIENT_ID = 'herald-test';
const OIDC_REDIRECT_URI = 'http://127.0.0.1/callback';

function usage(message) {
  if (message) console.error(`peers.mjs: ${message}`);
  console.error('usage: node peers.mjs start --state-dir DIR [--only pds,prism,oidc] '
    + '[--pds-rate-limits] [--oidc-access-token-ttl SECONDS]');
  process.exit(2);
}

function parseArgs(argv) {
  if (argv[0] !== 'start') usage(argv[0] ? `unknown command ${argv[0]}` : 'no command');
  const opts = { stateDir: null, only: new Set(PEERS), pdsRateLimits: false, oidcAccessTokenTtl: null };
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) usage(`${arg} needs a value`);
      return argv[++i];
    };
    if (arg === '--state-dir') opts.stateDir = path.resolve(value());
    else if (arg === '--only') {
      opts.only = new Set(value().split(',').map((s) => s.trim()).filter(Boolean));
      for (const name of opts.only) if (!PEERS.includes(name)) usage(`unknown peer ${name}`);
      // The PDS cannot create an account without a PLC directory.
      if (opts.only.has('pds')) opts.only.add('plc');
    } else if (arg === '--pds-rate-limits') opts.pdsRateLimits = true;
    else if (arg === '--oidc-access-token-ttl') {
      opts.oidcAccessTokenTtl = Number(value());
      if (!Number.isInteger(opts.oidcAccessTokenTtl) || opts.oidcAccessTokenTtl <= 0) {
        usage('--oidc-access-token-ttl needs a positive number of seconds');
      }
    } else usage(`unknown option ${arg}`);
  }
  if (!opts.stateDir) usage('--state-dir is required');
  return opts;
}

function log(message) {
  console.error(`peers: ${message}`);
}

// Every port is held open until all are known, so no two peers get the same one.
async function freePorts(count) {
  const servers = await Promise.all(Array.from({ length: count }, () => new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  })));
  const ports = servers.map((s) => s.address().port);
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  return ports;
}

function sharedDir() {
  return process.env.HERALD_SHARED_DIR
    ? path.resolve(process.env.HERALD_SHARED_DIR)
    : path.resolve(REPO_ROOT, '..', 'shared');
}

// 32 bytes of a secp256k1 private key, as PDS_PLC_ROTATION_KEY_K256_PRIVATE_KEY_HEX wants.
function secp256k1PrivateKeyHex() {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'secp256k1' });
  return Buffer.from(privateKey.export({ format: 'jwk' }).d, 'base64url').toString('hex').padStart(64, '0');
}

class Peer {
  constructor(name, { script, env, healthUrl, isHealthy, stateDir }) {
    this.name = name;
    this.script = script;
    this.env = env;
    this.healthUrl = healthUrl;
    this.isHealthy = isHealthy ?? ((res) => res.ok);
    this.logFile = path.join(stateDir, `${name}.log`);
    this.child = null;
    this.exited = null;
    this.startupMs = null;
  }

  spawn() {
    const fd = fs.openSync(this.logFile, 'a');
    this.startedAt = performance.now();
    this.child = spawn(process.execPath, [path.join(HERE, 'servers', this.script)], {
      cwd: HERE,
      env: { ...process.env, ...this.env, HERALD_PEER_WATCH_STDIN: '1' },
      stdio: ['pipe', fd, fd],
    });
    fs.closeSync(fd);
    this.exited = new Promise((resolve) => {
      this.child.once('exit', (code, signal) => {
        resolve({ code, signal });
      });
    });
    this.child.stdin.on('error', () => {});
  }

  get running() {
    return this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  async waitHealthy(deadline) {
    let lastError = 'no answer yet';
    while (performance.now() < deadline) {
      if (!this.running) {
        throw new Error(`${this.name} exited (code ${this.child.exitCode}, signal ${this.child.signalCode}) `
          + `before answering ${this.healthUrl}; see ${this.logFile}\n${tail(this.logFile)}`);
      }
      try {
        const res = await fetch(this.healthUrl, { signal: AbortSignal.timeout(2000) });
        await res.arrayBuffer();
        if (this.isHealthy(res)) {
          this.startupMs = Math.round(performance.now() - this.startedAt);
          return;
        }
        lastError = `HTTP ${res.status}`;
      } catch (err) {
        lastError = err.cause?.code ?? err.message;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`${this.name} did not answer ${this.healthUrl} within ${READY_TIMEOUT_MS} ms `
      + `(last: ${lastError}); see ${this.logFile}\n${tail(this.logFile)}`);
  }

  async stop() {
    if (!this.running) return;
    this.child.kill('SIGTERM');
    const killed = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await this.exited;
    clearTimeout(killed);
  }
}

function tail(file, lines = 40) {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  fs.mkdirSync(opts.stateDir, { recursive: true });
  const peersFile = path.join(opts.stateDir, 'peers.json');
  fs.rmSync(peersFile, { force: true });

  const [plcPort, pdsPort, prismPort, oidcPort] = await freePorts(4);
  const peers = {};
  const info = { version: 1, state_dir: opts.stateDir, logs: {}, startup_ms: {} };

  if (opts.only.has('plc')) {
    peers.plc = new Peer('plc', {
      script: 'plc.mjs',
      stateDir: opts.stateDir,
      env: { HERALD_PLC_PORT: String(plcPort) },
      healthUrl: `http://127.0.0.1:${plcPort}/_health`,
    });
    info.plc = { url: `http://127.0.0.1:${plcPort}` };
  }

  if (opts.only.has('pds')) {
    const dataDir = path.join(opts.stateDir, 'pds');
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.mkdirSync(path.join(dataDir, 'blobs', 'tmp'), { recursive: true });
    const adminPassword = randomBytes(18).toString('base64url');
    peers.pds = new Peer('pds', {
      script: 'pds.mjs',
      stateDir: opts.stateDir,
      env: {
        PDS_HOSTNAME: 'localhost',
        PDS_PORT: String(pdsPort),
        PDS_DATA_DIRECTORY: dataDir,
        PDS_BLOBSTORE_DISK_LOCATION: path.join(dataDir, 'blobs'),
        PDS_BLOBSTORE_DISK_TMP_LOCATION: path.join(dataDir, 'blobs', 'tmp'),
        PDS_JWT_SECRET: randomBytes(16).toString('hex'),
        PDS_ADMIN_PASSWORD: adminPassword,
        PDS_PLC_ROTATION_KEY_K256_PRIVATE_KEY_HEX: secp256k1PrivateKeyHex(),
        PDS_DID_PLC_URL: info.plc.url,
        PDS_DEV_MODE: 'true',
        PDS_INVITE_REQUIRED: 'false',
        PDS_RATE_LIMITS_ENABLED: String(opts.pdsRateLimits),
        PDS_CRAWLERS: '',
        LOG_ENABLED: 'true',
        LOG_LEVEL: process.env.HERALD_PDS_LOG_LEVEL || 'info',
      },
      healthUrl: `http://127.0.0.1:${pdsPort}/xrpc/_health`,
    });
    info.pds = {
      url: `http://localhost:${pdsPort}`,
      loopback_url: `http://127.0.0.1:${pdsPort}`,
      service_did: 'did:web:localhost',
      handle_suffix: '.test',
      admin_user: 'admin',
      admin_password: adminPassword,
      plc_url: info.plc.url,
      rate_limits: opts.pdsRateLimits,
    };
  }

  if (opts.only.has('prism')) {
    const spec = path.join(sharedDir(), 'specs', 'mastodon-openapi', 'schema.patched.json');
    if (!fs.existsSync(spec)) {
      throw new Error(`Mastodon OpenAPI description not found at ${spec}; `
        + 'set HERALD_SHARED_DIR to the folder that holds specs/');
    }
    peers.prism = new Peer('prism', {
      script: 'prism.mjs',
      stateDir: opts.stateDir,
      env: { HERALD_PRISM_PORT: String(prismPort), HERALD_PRISM_SPEC: spec },
      // Any answer from Prism means it has loaded the description: an
      // endpoint that needs no token would answer 200 from its examples.
      healthUrl: `http://127.0.0.1:${prismPort}/api/v2/instance`,
      isHealthy: () => true,
    });
    info.prism = { url: `http://127.0.0.1:${prismPort}`, spec };
  }

  if (opts.only.has('oidc')) {
    const issuer = `http://127.0.0.1:${oidcPort}`;
    peers.oidc = new Peer('oidc', {
      script: 'oidc.mjs',
      stateDir: opts.stateDir,
      env: {
        HERALD_OIDC_PORT: String(oidcPort),
        HERALD_OIDC_CLIENT_ID: OIDC_CLIENT_ID,
        HERALD_OIDC_REDIRECT_URI: OIDC_REDIRECT_URI,
        ...(opts.oidcAccessTokenTtl ? { HERALD_OIDC_ACCESS_TOKEN_TTL: String(opts.oidcAccessTokenTtl) } : {}),
      },
      healthUrl: `${issuer}/.well-known/openid-configuration`,
    });
    info.oidc = {
      issuer,
      url: issuer,
      client_id: OIDC_CLIENT_ID,
      redirect_uri: OIDC_REDIRECT_URI,
      scope: 'openid offline_access',
      access_token_ttl: opts.oidcAccessTokenTtl ?? 3600,
    };
  }

  let stopping = null;
  const stopAll = () => {
    stopping ??= Promise.all(Object.values(peers).map((p) => p.stop()));
    return stopping;
  };
  const shutdown = async (why, status) => {
    log(`stopping (${why})`);
    await stopAll();
    fs.rmSync(peersFile, { force: true });
    process.exit(status);
  };
  process.on('SIGTERM', () => shutdown('SIGTERM', 0));
  process.on('SIGINT', () => shutdown('SIGINT', 0));
  process.on('SIGHUP', () => shutdown('SIGHUP', 0));

  const deadline = performance.now() + READY_TIMEOUT_MS;
  const begun = performance.now();
  const startOne = async (peer) => {
    peer.spawn();
    info.logs[peer.name] = peer.logFile;
    await peer.waitHealthy(deadline);
    info.startup_ms[peer.name] = peer.startupMs;
    log(`${peer.name} ready in ${(peer.startupMs / 1000).toFixed(1)} s (log ${peer.logFile})`);
  };
  try {
    await Promise.all([
      (async () => {
        if (peers.plc) await startOne(peers.plc);
        if (peers.pds) await startOne(peers.pds);
      })(),
      ...['prism', 'oidc'].filter((n) => peers[n]).map((n) => startOne(peers[n])),
    ]);
  } catch (err) {
    log(err.message);
    await stopAll();
    process.exit(1);
  }
  info.startup_ms.total = Math.round(performance.now() - begun);

  // Written under another name first, so a reader never sees half a file.
  fs.writeFileSync(`${peersFile}.tmp`, `${JSON.stringify(info, null, 2)}\n`);
  fs.renameSync(`${peersFile}.tmp`, peersFile);
  log(`all ready in ${(info.startup_ms.total / 1000).toFixed(1)} s; wrote ${peersFile}`);

  for (const peer of Object.values(peers)) {
    peer.exited.then(({ code, signal }) => {
      if (stopping) return;
      log(`${peer.name} exited unexpectedly (code ${code}, signal ${signal}); see ${peer.logFile}\n${tail(peer.logFile)}`);
      shutdown(`${peer.name} died`, 1);
    });
  }
}

main().catch((err) => {
  console.error(`peers: ${err.message}`);
  process.exit(1);
});
