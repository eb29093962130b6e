import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, DEMO_AUTH_SECRET, loadConfig } from '../../server/config.js';

const SECRET = 'x'.repeat(32);

test('O2: defaults follow API.md "Running"', () => {
  const config = loadConfig({ ATLAS_AUTH_SECRET: SECRET });
  assert.equal(config.port, 8080);
  assert.equal(config.db, './data/atlas.db');
  assert.equal(config.demo, false);
  assert.equal(config.publicUrl, 'http://localhost:8080');
  assert.deepEqual(config.auth, { kind: 'secret', secret: SECRET, issuer: undefined, audience: undefined });
});

test('O2: demo mode defaults the secret to the demo secret', () => {
  const config = loadConfig({ ATLAS_DEMO: '1', ATLAS_PORT: '9000' });
  assert.equal(config.demo, true);
  assert.equal(config.auth.kind, 'secret');
  assert.equal(config.publicUrl, 'http://localhost:9000');
});

const refused: [string, Record<string, string>, RegExp][] = [
  ['a port that is not a number', { ATLAS_AUTH_SECRET: SECRET, ATLAS_PORT: 'eighty' }, /ATLAS_PORT/],
  ['a port out of range', { ATLAS_AUTH_SECRET: SECRET, ATLAS_PORT: '70000' }, /ATLAS_PORT/],
  ['an HS256 secret shorter than 32 bytes', { ATLAS_AUTH_SECRET: 'short' }, /ATLAS_AUTH_SECRET.*32 bytes/],
  ['the demo secret outside demo mode', { ATLAS_AUTH_SECRET: DEMO_AUTH_SECRET }, /ATLAS_AUTH_SECRET.*demo/],
  [
    'no identity configuration outside demo mode',
    {},
    /ATLAS_AUTH_SECRET, ATLAS_AUTH_PUBLIC_KEY or ATLAS_AUTH_JWKS_URL/,
  ],
  [
    'two identity configurations',
    { ATLAS_AUTH_SECRET: SECRET, ATLAS_AUTH_JWKS_URL: 'https://idp.example/jwks' },
    /only one of/,
  ],
  ['a public key that is not PEM', { ATLAS_AUTH_PUBLIC_KEY: 'abc' }, /ATLAS_AUTH_PUBLIC_KEY/],
  ['a public URL that is not http(s)', { ATLAS_AUTH_SECRET: SECRET, ATLAS_PUBLIC_URL: 'ftp://x' }, /ATLAS_PUBLIC_URL/],
  ['an unknown log level', { ATLAS_AUTH_SECRET: SECRET, ATLAS_LOG_LEVEL: 'loud' }, /ATLAS_LOG_LEVEL/],
  ['a demo flag that is not a flag', { ATLAS_AUTH_SECRET: SECRET, ATLAS_DEMO: 'yes please' }, /ATLAS_DEMO/],
];
for (const [what, env, message] of refused) {
  test(`O2: refuses to start with ${what}, naming the variable`, () => {
    assert.throws(
      () => loadConfig(env),
      (err: unknown) => err instanceof ConfigError && message.test(err.message),
    );
  });
}
