#!/usr/bin/env node
// tests/interop/smoke.mjs
// Copyright 2026 The Herald authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Proves each interop peer answers the way the C interop tests rely on, and
// spells out the exact HTTP exchanges those tests script.
//
//   ./with-peers.sh node smoke.mjs

import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import test from 'node:test';

const peersFile = process.env.HERALD_PEERS_FILE;
if (!peersFile) {
  console.error('HERALD_PEERS_FILE is not set: run me through with-peers.sh');
  process.exit(2);
}
const peers = JSON.parse(fs.readFileSync(peersFile, 'utf8'));

for (const [name, ms] of Object.entries(peers.startup_ms)) {
  console.log(`# start-up ${name}: ${ms} ms`);
}

async function timed(t, label, fn) {
  const begun = performance.now();
  try {
    return await fn();
  } finally {
    t.diagnostic(`${label}: ${Math.round(performance.now() - begun)} ms`);
  }
}

// ---------------------------------------------------------------- Bluesky PDS

async function xrpc(method, nsid, { token, body, params, contentType } = {}) {
  const url = new URL(`/xrpc/${nsid}`, peers.pds.url);
  for (const [k, v] of Object.entries(params ?? {})) url.searchParams.set(k, v);
  const headers = {};
  if (token) headers.authorization = `Bearer ${token}`;
  let payload;
  if (body instanceof Uint8Array) {
    payload = body;
    headers['content-type'] = contentType;
  } else if (body !== undefined) {
    payload = JSON.stringify(body);
    headers['content-type'] = 'application/json';
  }
  const res = await fetch(url, { method, headers, body: payload });
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: text ? JSON.parse(text) : null };
}

// A record key in the TID format (13 base32-sortable characters of
// microseconds since the epoch and a clock id), chosen by the client so that
// retrying a createRecord whose answer was lost can never post twice.
function tid() {
  const alphabet = '234567abcdefghijklmnopqrstuvwxyz';
  let n = (BigInt(Date.now()) * 1000n) << 10n | BigInt(randomBytes(2).readUInt16BE() & 0x3ff);
  let out = '';
  for (let i = 0; i < 13; i++) {
    out = alphabet[Number(n & 31n)] + out;
    n >>= 5n;
  }
  return out;
}

// The smallest valid PNG: one white pixel.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4//8/AAX+Av4N70a4AAAAAElFTkSuQmCC',
  'base64',
);

test('pds: account, app password, post with emoji and facets, read back', { skip: !peers.pds }, async (t) => {
  const handle = `alice-${randomBytes(3).toString('hex')}${peers.pds.handle_suffix}`;
  const account = await timed(t, 'createAccount', () => xrpc('POST', 'com.atproto.server.createAccount', {
    body: { handle, email: `${handle}@example.com`, password: 'account-password' },
  }));
  assert.equal(account.status, 200, JSON.stringify(account.json));
  assert.match(account.json.did, /^did:plc:/);

  const appPassword = await timed(t, 'createAppPassword', () => xrpc('POST', 'com.atproto.server.createAppPassword', {
    token: account.json.accessJwt, body: { name: 'Herald' },
  }));
  assert.equal(appPassword.status, 200, JSON.stringify(appPassword.json));
  assert.match(appPassword.json.password, /^[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}$/);

  const session = await timed(t, 'createSession (app password)', () => xrpc('POST', 'com.atproto.server.createSession', {
    body: { identifier: handle, password: appPassword.json.password },
  }));
  assert.equal(session.status, 200, JSON.stringify(session.json));
  assert.equal(session.json.did, account.json.did);
  const token = session.json.accessJwt;

  const refreshed = await xrpc('POST', 'com.atproto.server.refreshSession', { token: session.json.refreshJwt });
  assert.equal(refreshed.status, 200, JSON.stringify(refreshed.json));

  const blob = await timed(t, 'uploadBlob', () => xrpc('POST', 'com.atproto.repo.uploadBlob', {
    token, body: PNG, contentType: 'image/png',
  }));
  assert.equal(blob.status, 200, JSON.stringify(blob.json));
  assert.equal(blob.json.blob.mimeType, 'image/png');

  const link = 'https://example.com/herald?q=1';
  const text = `Hello 👋 read ${link} #herald`;
  const bytes = Buffer.from(text, 'utf8');
  const linkStart = bytes.indexOf(Buffer.from(link));
  const tagStart = bytes.indexOf(Buffer.from('#herald'));
  // The emoji is 4 bytes but 2 UTF-16 units: the offsets must be the byte ones.
  assert.notEqual(linkStart, text.indexOf(link));
  const facets = [
    {
      index: { byteStart: linkStart, byteEnd: linkStart + Buffer.byteLength(link) },
      features: [{ $type: 'app.bsky.richtext.facet#link', uri: link }],
    },
    {
      index: { byteStart: tagStart, byteEnd: tagStart + Buffer.byteLength('#herald') },
      features: [{ $type: 'app.bsky.richtext.facet#tag', tag: 'herald' }],
    },
  ];
  const rkey = tid();
  const record = {
    $type: 'app.bsky.feed.post',
    text,
    facets,
    langs: ['en'],
    createdAt: new Date().toISOString(),
    embed: {
      $type: 'app.bsky.embed.images',
      images: [{ alt: 'One white pixel', image: blob.json.blob, aspectRatio: { width: 1, height: 1 } }],
    },
  };
  const created = await timed(t, 'createRecord', () => xrpc('POST', 'com.atproto.repo.createRecord', {
    token, body: { repo: account.json.did, collection: 'app.bsky.feed.post', rkey, record },
  }));
  assert.equal(created.status, 200, JSON.stringify(created.json));
  assert.equal(created.json.uri, `at://${account.json.did}/app.bsky.feed.post/${rkey}`);

  const again = await xrpc('POST', 'com.atproto.repo.createRecord', {
    token, body: { repo: account.json.did, collection: 'app.bsky.feed.post', rkey, record },
  });
  t.diagnostic(`same rkey again: ${again.status} ${JSON.stringify(again.json)}`);
  assert.ok(again.status >= 400, 'a second createRecord with the same rkey must fail');

  const invalid = await xrpc('POST', 'com.atproto.repo.createRecord', {
    token, body: { repo: account.json.did, collection: 'app.bsky.feed.post', record: { $type: 'app.bsky.feed.post', text: 42 } },
  });
  assert.equal(invalid.status, 400);
  assert.equal(invalid.json.error, 'InvalidRequest');

  const listed = await timed(t, 'listRecords', () => xrpc('GET', 'com.atproto.repo.listRecords', {
    params: { repo: account.json.did, collection: 'app.bsky.feed.post' },
  }));
  assert.equal(listed.status, 200, JSON.stringify(listed.json));
  assert.equal(listed.json.records.length, 1);
  const back = listed.json.records[0].value;
  assert.equal(back.text, text);
  const backBytes = Buffer.from(back.text, 'utf8');
  assert.equal(backBytes.subarray(back.facets[0].index.byteStart, back.facets[0].index.byteEnd).toString(), link);
  assert.equal(backBytes.subarray(back.facets[1].index.byteStart, back.facets[1].index.byteEnd).toString(), '#herald');
  assert.equal(back.embed.images[0].alt, 'One white pixel');

  const cid = back.embed.images[0].image.ref.$link;
  const fetched = await fetch(new URL(`/xrpc/com.atproto.sync.getBlob?did=${account.json.did}&cid=${cid}`, peers.pds.url));
  assert.equal(fetched.status, 200);
  assert.deepEqual(Buffer.from(await fetched.arrayBuffer()), PNG);

  const appView = await xrpc('GET', 'app.bsky.actor.getProfile', { token, params: { actor: account.json.did } });
  t.diagnostic(`app.bsky read without an AppView: ${appView.status} ${JSON.stringify(appView.json)}`);
  assert.equal(appView.status, 400);
});

// ------------------------------------------------------- Prism (Mastodon API)

// Prism also reports where its own canned answer strays from the
// description; only the request's violations are about what we sent.
function violations(res) {
  const header = res.headers.get('sl-violations');
  return (header ? JSON.parse(header) : []).filter((v) => v.location[0] === 'request');
}

test('prism: statuses are validated against the Mastodon description', { skip: !peers.prism }, async (t) => {
  const url = new URL('/api/v1/statuses', peers.prism.url);
  const post = (body, headers = {}) => fetch(url, {
    method: 'POST',
    headers: { authorization: 'Bearer test-token', 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

  const good = await timed(t, 'valid POST /api/v1/statuses', () => post({
    status: 'Hello 👋 https://example.com', visibility: 'public', language: 'en',
  }, { 'idempotency-key': randomBytes(8).toString('hex') }));
  await good.arrayBuffer();
  assert.equal(good.status, 200, JSON.stringify(violations(good)));
  assert.deepEqual(violations(good), []);

  const form = await fetch(url, {
    method: 'POST',
    headers: { authorization: 'Bearer test-token', 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ status: 'Hello', visibility: 'unlisted' }),
  });
  await form.arrayBuffer();
  assert.equal(form.status, 200, JSON.stringify(violations(form)));

  const bad = await post({ status: 'Hello', visibility: 'everyone' });
  await bad.arrayBuffer();
  const found = violations(bad);
  t.diagnostic(`invalid visibility: ${bad.status} sl-violations ${JSON.stringify(found)}`);
  assert.equal(bad.status, 422);
  assert.ok(found.some((v) => v.location.join('.').startsWith('request.body') && /visibility/.test(v.location.join('.'))));

  const anonymous = await fetch(url, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ status: 'Hello' }),
  });
  await anonymous.arrayBuffer();
  t.diagnostic(`no bearer token: ${anonymous.status} sl-violations ${JSON.stringify(violations(anonymous))}`);
  assert.equal(anonymous.status, 401);
});

// ------------------------------------------------------------ oidc-provider

// Just enough of a cookie jar for oidc-provider's interaction cookies, which
// are scoped to /interaction/<uid> and /auth/<uid>.
class CookieJar {
  cookies = new Map();

  store(res) {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';').map((s) => s.trim());
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      let cookiePath = '/';
      let expired = value === '';
      for (const attr of attrs) {
        const [k, v = ''] = attr.split('=');
        if (k.toLowerCase() === 'path') cookiePath = v;
        if (k.toLowerCase() === 'expires' && Date.parse(v) <= Date.now()) expired = true;
        if (k.toLowerCase() === 'max-age' && Number(v) <= 0) expired = true;
      }
      const key = `${name};${cookiePath}`;
      if (expired) this.cookies.delete(key);
      else this.cookies.set(key, { name, value, path: cookiePath });
    }
  }

  header(url) {
    const { pathname } = new URL(url);
    return [...this.cookies.values()]
      .filter((c) => pathname === c.path || pathname.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`))
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');
  }
}

async function browse(jar, url, init = {}, trace = null) {
  const cookie = jar.header(url);
  const res = await fetch(url, {
    ...init,
    redirect: 'manual',
    headers: { ...init.headers, cookie },
  });
  jar.store(res);
  const location = res.headers.get('location');
  if (trace) {
    const short = (u) => { const x = new URL(u, url); return x.origin === new URL(url).origin ? x.pathname : `${x.origin}${x.pathname}`; };
    const sent = cookie.split('; ').filter(Boolean).map((c) => c.split('=')[0]);
    const set = res.headers.getSetCookie().map((c) => `${c.split('=')[0]}(${(c.match(/path=([^;]*)/i) ?? [])[1] ?? '/'})`);
    trace.push(`${init.method ?? 'GET'} ${short(url)}${init.body ? ` [${init.body}]` : ''}`
      + ` cookies [${sent.join(' ')}] -> ${res.status}${location ? ` ${short(location)}` : ''}`
      + `${set.length ? ` set [${set.join(' ')}]` : ''}`);
  }
  return { res, location: location && new URL(location, url).href, body: await res.text() };
}

function formAction(html, pageUrl) {
  const match = html.match(/<form[^>]*action="([^"]+)"/);
  assert.ok(match, 'the interaction page has a form');
  return new URL(match[1].replaceAll('&amp;', '&'), pageUrl).href;
}

async function tokenRequest(discovery, params) {
  const res = await fetch(discovery.token_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(params),
  });
  return { status: res.status, json: await res.json() };
}

test('oidc: authorization code + PKCE with scripted login and consent, refresh with rotation', { skip: !peers.oidc }, async (t) => {
  const { oidc } = peers;
  const discovery = await (await fetch(`${oidc.issuer}/.well-known/openid-configuration`)).json();
  assert.deepEqual(discovery.code_challenge_methods_supported, ['S256']);

  // Herald listens on a random port; for a native client the port of a
  // loopback redirect is ignored (RFC 8252 §7.3), host and path are not.
  const redirectUri = oidc.redirect_uri.replace('127.0.0.1/', '127.0.0.1:53682/');
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const state = randomBytes(16).toString('base64url');
  const authUrl = new URL(discovery.authorization_endpoint);
  authUrl.search = new URLSearchParams({
    client_id: oidc.client_id,
    response_type: 'code',
    redirect_uri: redirectUri,
    scope: oidc.scope,
    prompt: 'consent',
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  });

  const jar = new CookieJar();
  const trace = [];
  const callback = await timed(t, 'scripted login and consent', async () => {
    let step = await browse(jar, authUrl.href, {}, trace);
    const seen = [];
    for (let hops = 0; hops < 10; hops++) {
      assert.ok([200, 302, 303].includes(step.res.status), `unexpected ${step.res.status}: ${step.body}`);
      if (step.location?.startsWith(redirectUri.replace(/\/callback$/, '/'))) return new URL(step.location);
      if (step.res.status === 200) {
        const page = step.res.url;
        const prompt = step.body.match(/name="prompt" value="(\w+)"/)[1];
        seen.push(`${prompt} form`);
        const form = prompt === 'login'
          ? { prompt, login: 'alice', password: 'any' }
          : { prompt };
        step = await browse(jar, formAction(step.body, page), {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams(form),
        }, trace);
      } else {
        seen.push(step.location);
        step = await browse(jar, step.location, {}, trace);
      }
    }
    assert.fail(`no redirect to the client after ${seen.join(' -> ')}`);
  });

  for (const line of trace) t.diagnostic(`  ${line}`);
  assert.equal(callback.searchParams.get('state'), state);
  assert.equal(callback.searchParams.get('iss'), oidc.issuer);
  const code = callback.searchParams.get('code');
  assert.ok(code);

  const tokens = await timed(t, 'code exchange', () => tokenRequest(discovery, {
    grant_type: 'authorization_code', code, redirect_uri: redirectUri, client_id: oidc.client_id, code_verifier: verifier,
  }));
  assert.equal(tokens.status, 200, JSON.stringify(tokens.json));
  assert.ok(tokens.json.access_token && tokens.json.refresh_token && tokens.json.id_token);
  assert.equal(tokens.json.token_type, 'Bearer');
  assert.equal(tokens.json.expires_in, oidc.access_token_ttl);
  t.diagnostic(`token answer keys: ${Object.keys(tokens.json).sort().join(', ')}; scope "${tokens.json.scope}"`);

  const me = await fetch(discovery.userinfo_endpoint, { headers: { authorization: `Bearer ${tokens.json.access_token}` } });
  assert.equal(me.status, 200, `${me.status} ${me.headers.get('www-authenticate')}`);
  assert.equal((await me.json()).sub, 'alice');

  const rotated = await timed(t, 'refresh', () => tokenRequest(discovery, {
    grant_type: 'refresh_token', refresh_token: tokens.json.refresh_token, client_id: oidc.client_id,
  }));
  assert.equal(rotated.status, 200, JSON.stringify(rotated.json));
  assert.notEqual(rotated.json.refresh_token, tokens.json.refresh_token, 'the refresh token rotates');
  assert.notEqual(rotated.json.access_token, tokens.json.access_token);

  // Reusing a rotated refresh token revokes the whole grant.
  const reused = await tokenRequest(discovery, {
    grant_type: 'refresh_token', refresh_token: tokens.json.refresh_token, client_id: oidc.client_id,
  });
  assert.equal(reused.status, 400);
  assert.equal(reused.json.error, 'invalid_grant');
  const afterReuse = await tokenRequest(discovery, {
    grant_type: 'refresh_token', refresh_token: rotated.json.refresh_token, client_id: oidc.client_id,
  });
  assert.equal(afterReuse.status, 400);
  assert.equal(afterReuse.json.error, 'invalid_grant');

  // A code is good once; redeeming it again also revokes what it gave.
  const replay = await tokenRequest(discovery, {
    grant_type: 'authorization_code', code, redirect_uri: redirectUri, client_id: oidc.client_id, code_verifier: verifier,
  });
  assert.equal(replay.status, 400);
  assert.equal(replay.json.error, 'invalid_grant');

  const noPkce = new URL(authUrl);
  noPkce.searchParams.delete('code_challenge');
  noPkce.searchParams.delete('code_challenge_method');
  const refused = await browse(new CookieJar(), noPkce.href);
  const refusedTo = new URL(refused.location);
  assert.equal(refusedTo.searchParams.get('error'), 'invalid_request');
  t.diagnostic(`without PKCE: ${refusedTo.searchParams.get('error_description')}`);
});
