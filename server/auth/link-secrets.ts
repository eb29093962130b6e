/**
 * Server secrets for public links (SPEC L4): a database copy alone must yield no working link or passcode.
 *
 * - `lookupKey`  HMAC-SHA256 key: a link is found by HMAC(token), never by the token itself.
 * - `sealKey`    AES-256-GCM key: the token and the passcode are stored sealed, so the owner can see them again.
 * - `sessionKey` HS256 key for passcode sessions; distinct from the host portal's key, so a session can never pass
 *                as a signed-in user and a host token can never pass as a session.
 *
 * They live in `config.secretsFile` (default: `atlas-secrets.json` beside the SQLite database), created on first
 * start with owner-only permissions. Several processes sharing one database must share this file too.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { chmodSync, linkSync, mkdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';

export interface LinkSecrets {
  lookupKey: Buffer;
  sealKey: Buffer;
  sessionKey: Uint8Array;
}

const KEY_BYTES = 32;
const key = z
  .string()
  .transform((s) => Buffer.from(s, 'base64'))
  .refine((b) => b.length === KEY_BYTES, `must be ${KEY_BYTES} bytes, base64`);
const fileSchema = z.object({ version: z.literal(1), lookupKey: key, sealKey: key, sessionKey: key });

export function secretsFilePath(config: Pick<Config, 'db' | 'secretsFile'>): string {
  if (config.secretsFile) return resolve(config.secretsFile);
  // A postgres:// URL is no path (and holds a password): the default then is ./data, like the SQLite default's folder.
  const local = config.db === ':memory:' || /^postgres(ql)?:\/\//i.test(config.db);
  return join(dirname(resolve(local ? './data/atlas.db' : config.db)), 'atlas-secrets.json');
}

/**
 * Reads the secrets file, creating it on first start. createApp reads it once and hands the keys down, so a public
 * request never touches the file; a broken file stops start-up, not a viewer.
 */
export function loadLinkSecrets(config: Pick<Config, 'db' | 'secretsFile'>, logger?: Logger): LinkSecrets {
  const path = secretsFilePath(config);
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    createSecretsFile(path);
    logger?.info('generated public link secrets', { file: path });
    raw = readFileSync(path, 'utf8');
  }
  const parsed = fileSchema.safeParse(JSON.parse(raw));
  if (!parsed.success) {
    throw new Error(
      `public link secrets file ${path} is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
    );
  }
  if (process.platform !== 'win32' && (statSync(path).mode & 0o077) !== 0) {
    logger?.warn('public link secrets file is readable by other users; restricting it to the owner', { file: path });
    chmodSync(path, 0o600);
  }
  return { ...parsed.data, sessionKey: new Uint8Array(parsed.data.sessionKey) };
}

/**
 * Writes a complete file under a temporary name and hard-links it into place: link() fails when the target exists,
 * so two processes starting together both end up reading the one file that won, never a half-written one.
 */
function createSecretsFile(path: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const content = JSON.stringify(
    {
      version: 1,
      lookupKey: randomBytes(KEY_BYTES).toString('base64'),
      sealKey: randomBytes(KEY_BYTES).toString('base64'),
      sessionKey: randomBytes(KEY_BYTES).toString('base64'),
    },
    null,
    2,
  );
  const temp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  writeFileSync(temp, content + '\n', { mode: 0o600, flag: 'wx' });
  try {
    linkSync(temp, path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  } finally {
    unlinkSync(temp);
  }
}

/** The lookup key of a token: HMAC-SHA256 under the server's lookup key, base64url. */
export function tokenLookupHash(secrets: LinkSecrets, token: string): string {
  return createHmac('sha256', secrets.lookupKey).update(token, 'utf8').digest('base64url');
}

/**
 * AES-256-GCM with a random 96-bit nonce. `context` is authenticated data that binds a sealed value to its row and
 * purpose (e.g. `passcode:<linkId>`), so a sealed value copied into another row does not open.
 */
export function seal(secrets: LinkSecrets, plaintext: string, context: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', secrets.sealKey, iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join(
    '.',
  );
}

/** Opens a sealed value; throws when it was sealed under another key or context, or was tampered with. */
export function unseal(secrets: LinkSecrets, sealed: string, context: string): string {
  const [version, iv, tag, body] = sealed.split('.');
  if (version !== 'v1' || !iv || !tag || body === undefined) throw new Error('unrecognized sealed value');
  const decipher = createDecipheriv('aes-256-gcm', secrets.sealKey, Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
}
