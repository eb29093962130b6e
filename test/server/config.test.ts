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
  assert.equal(config.publicRequestLog, 'summary');
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
  [
    'an unknown public request log mode (issue 13)',
    { ATLAS_AUTH_SECRET: SECRET, ATLAS_PUBLIC_REQUEST_LOG: 'all' },
    /ATLAS_PUBLIC_REQUEST_LOG/,
  ],
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

// Issue 18 (Operations): a variable set empty is refused, naming it, or takes its default, as the README's table says.
test('a variable set empty is refused, naming it: ATLAS_PORT= no longer means port 0', () => {
  for (const name of [
    'ATLAS_PORT',
    'ATLAS_HOST',
    'ATLAS_DB',
    'ATLAS_PUBLIC_URL',
    'ATLAS_LOG_LEVEL',
    'ATLAS_PUBLIC_REQUEST_LOG',
    'ATLAS_TRUST_PROXY_HOPS',
    'ATLAS_FRAME_ANCESTORS',
    'ATLAS_SECRETS_FILE',
    'ATLAS_PUBLIC_CACHE_SECONDS',
    'ATLAS_RESULT_CACHE_MB',
    'ATLAS_QUERY_CONCURRENCY',
    'ATLAS_QUERY_QUEUE',
    'ATLAS_QUERY_TIMEOUT_SECONDS',
    'ATLAS_EXPORT_CONCURRENCY',
  ]) {
    for (const empty of ['', '  ']) {
      assert.throws(
        () => loadConfig({ ATLAS_AUTH_SECRET: SECRET, [name]: empty }),
        (err: unknown) =>
          err instanceof ConfigError &&
          new RegExp(`${name}: set but empty`).test(err.message) &&
          !/\n.*\n/.test(err.message),
        `${name}=${JSON.stringify(empty)}`,
      );
    }
  }
});

test('ATLAS_DEMO, ATLAS_ALLOWED_ORIGINS and the ATLAS_AUTH_* variables set empty take their defaults', () => {
  const config = loadConfig({
    ATLAS_AUTH_SECRET: SECRET,
    ATLAS_DEMO: '',
    ATLAS_ALLOWED_ORIGINS: '',
    ATLAS_AUTH_PUBLIC_KEY: '',
    ATLAS_AUTH_JWKS_URL: ' ',
    ATLAS_AUTH_ISSUER: '',
    ATLAS_AUTH_AUDIENCE: '',
  });
  assert.equal(config.demo, false);
  assert.equal(config.allowedOrigins, undefined);
  assert.deepEqual(config.auth, { kind: 'secret', secret: SECRET, issuer: undefined, audience: undefined });
  assert.throws(() => loadConfig({ ATLAS_AUTH_SECRET: '' }), /ATLAS_AUTH_SECRET, ATLAS_AUTH_PUBLIC_KEY or/);
});

test('demo mode binds loopback unless ATLAS_HOST says otherwise; other modes every interface', () => {
  assert.equal(loadConfig({ ATLAS_DEMO: '1' }).host, '127.0.0.1');
  assert.equal(loadConfig({ ATLAS_DEMO: '1', ATLAS_HOST: '0.0.0.0' }).host, '0.0.0.0');
  assert.equal(loadConfig({ ATLAS_AUTH_SECRET: SECRET }).host, undefined);
  assert.equal(loadConfig({ ATLAS_AUTH_SECRET: SECRET, ATLAS_HOST: '10.0.0.5' }).host, '10.0.0.5');
});
