// tests/interop/servers/oidc.mjs
// Copyright 2026 The Herald authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// oidc-provider with one public native client, the shape of client Herald
// is towards every platform that speaks OAuth 2.0 (RFC 8252).

import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';

import Provider from 'oidc-provider';

import { LOOPBACK, requiredEnv, stopOn } from './child.mjs';

const port = Number(requiredEnv('HERALD_OIDC_PORT'));
const clientId = requiredEnv('HERALD_OIDC_CLIENT_ID');
const redirectUri = requiredEnv('HERALD_OIDC_REDIRECT_URI');
const accessTokenTtl = Number(process.env.HERALD_OIDC_ACCESS_TOKEN_TTL || 3600);
const issuer = `http://${LOOPBACK}:${port}`;

// Fresh keys each run: without them oidc-provider falls back to well-known
// development keys, and nothing signed here must be trusted anywhere else.
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const signingKey = { ...privateKey.export({ format: 'jwk' }), use: 'sig', kid: 'herald-test-rs256', alg: 'RS256' };

const provider = new Provider(issuer, {
  clients: [{
    client_id: clientId,
    application_type: 'native',
    token_endpoint_auth_method: 'none',
    redirect_uris: [redirectUri],
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
  }],
  pkce: { required: () => true },
  rotateRefreshToken: true,
  scopes: ['openid', 'offline_access'],
  features: { devInteractions: { enabled: true } },
  cookies: { keys: [randomBytes(32).toString('base64url')] },
  jwks: { keys: [signingKey] },
  ttl: { AccessToken: accessTokenTtl },
});

const server = createServer(provider.callback());
await new Promise((resolve, reject) => {
  server.once('error', reject);
  server.listen(port, LOOPBACK, resolve);
});
console.error(`oidc-provider listening on ${issuer}`);
stopOn(() => new Promise((resolve) => {
  server.close(() => resolve());
  server.closeAllConnections();
}));
