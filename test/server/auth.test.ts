import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { json, signTestToken, startTestServer, TEST_SECRET, type TestServer } from './helpers.js';

const alice = {
  name: 'Alice Andersen',
  email: 'alice@northwind.example',
  org: 'northwind',
  projects: { ops: 'owner', sales: 'member' },
};

async function expect401(server: TestServer, token: string | undefined, message?: RegExp) {
  const res = await server.request('/api/me', { token });
  assert.equal(res.status, 401);
  const body = await json(res);
  assert.equal(body.error.code, 'unauthenticated');
  if (message) assert.match(body.error.message, message);
}

describe('I1/I3: HS256 host tokens', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({
      env: { ATLAS_AUTH_ISSUER: 'https://portal.example', ATLAS_AUTH_AUDIENCE: 'atlas' },
    });
  });
  after(() => server.close());

  test('a valid token signs the user in', async () => {
    const res = await server.request('/api/me', { token: await server.token('alice') });
    assert.equal(res.status, 200);
    const body = await json(res);
    assert.equal(body.user.username, 'alice');
    assert.equal(body.organization.id, 'northwind');
    assert.deepEqual(body.projects.map((p: any) => [p.id, p.role]).sort(), [
      ['ops', 'owner'],
      ['sales', 'member'],
    ]);
  });

  test('no token → 401', () => expect401(server, undefined, /no bearer token/));
  test('a malformed header → 401', async () => {
    const res = await server.request('/api/me', { headers: { Authorization: 'Basic abc' } });
    assert.equal(res.status, 401);
  });
  test('an expired token → 401', async () => {
    const token = await new SignJWT(alice)
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('alice')
      .setIssuer('https://portal.example')
      .setAudience('atlas')
      .setIssuedAt(Math.floor(Date.now() / 1000) - 7200)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 3600)
      .sign(new TextEncoder().encode(TEST_SECRET));
    await expect401(server, token, /expired/);
  });
  test('a token without exp → 401', async () => {
    const token = await new SignJWT(alice)
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('alice')
      .setIssuer('https://portal.example')
      .setAudience('atlas')
      .sign(new TextEncoder().encode(TEST_SECRET));
    await expect401(server, token);
  });
  test('a wrong secret → 401', async () => {
    await expect401(
      server,
      await signTestToken('alice', {}, server.config, 'another-secret-that-is-long-enough-0123456789'),
      /signature/,
    );
  });
  test('a wrong audience → 401', async () => {
    await expect401(server, await signTestToken('alice', {}, { auth: { ...server.config.auth, audience: 'other' } }));
  });
  test('a wrong issuer → 401', async () => {
    await expect401(
      server,
      await signTestToken('alice', {}, { auth: { ...server.config.auth, issuer: 'https://evil.example' } }),
    );
  });
  test('alg: none → 401', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const payload = Buffer.from(
      JSON.stringify({
        ...alice,
        sub: 'alice',
        iss: 'https://portal.example',
        aud: 'atlas',
        exp: Math.floor(Date.now() / 1000) + 600,
      }),
    ).toString('base64url');
    await expect401(server, `${header}.${payload}.`);
  });
  test('a token missing the org claim → 401', async () => {
    await expect401(server, await signTestToken('alice', { org: undefined }, server.config), /claims/);
  });
});

describe('I1/I3: public-key host tokens (RS256, ES256, EdDSA)', () => {
  for (const alg of ['RS256', 'ES256', 'EdDSA'] as const) {
    test(`${alg}: valid tokens pass; an HS256 token "signed" with the public key is refused`, async () => {
      const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true });
      const pem = await exportSPKI(publicKey as CryptoKey);
      const server = await startTestServer({ env: { ATLAS_AUTH_SECRET: '', ATLAS_AUTH_PUBLIC_KEY: pem } });
      try {
        const good = await new SignJWT(alice)
          .setProtectedHeader({ alg })
          .setSubject('alice')
          .setExpirationTime('5m')
          .sign(privateKey);
        assert.equal((await server.request('/api/me', { token: good })).status, 200);
        // Algorithm confusion: the attacker knows the public key and uses it as an HMAC secret.
        const forged = await new SignJWT(alice)
          .setProtectedHeader({ alg: 'HS256' })
          .setSubject('alice')
          .setExpirationTime('5m')
          .sign(new TextEncoder().encode(pem));
        await expect401(server, forged);
        const other = await generateKeyPair(alg);
        const wrongKey = await new SignJWT(alice)
          .setProtectedHeader({ alg })
          .setSubject('alice')
          .setExpirationTime('5m')
          .sign(other.privateKey);
        await expect401(server, wrongKey);
      } finally {
        await server.close();
      }
    });
  }
});

describe('I1: JWKS host tokens', () => {
  let jwksServer: Server;
  let jwksUrl: string;
  let privateKey: CryptoKey;
  before(async () => {
    const pair = await generateKeyPair('ES256', { extractable: true });
    privateKey = pair.privateKey as CryptoKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' };
    jwksServer = createServer((_req, res) => {
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((r) => jwksServer.listen(0, '127.0.0.1', r));
    jwksUrl = `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}/.well-known/jwks.json`;
  });
  after(() => new Promise((r) => jwksServer.close(r)));

  test('a token signed by a key in the JWKS passes; others fail', async () => {
    const server = await startTestServer({ env: { ATLAS_AUTH_SECRET: '', ATLAS_AUTH_JWKS_URL: jwksUrl } });
    try {
      const good = await new SignJWT(alice)
        .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
        .setSubject('alice')
        .setExpirationTime('5m')
        .sign(privateKey);
      assert.equal((await server.request('/api/me', { token: good })).status, 200);
      const stranger = await generateKeyPair('ES256');
      const bad = await new SignJWT(alice)
        .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
        .setSubject('alice')
        .setExpirationTime('5m')
        .sign(stranger.privateKey);
      await expect401(server, bad);
    } finally {
      await server.close();
    }
  });
});
