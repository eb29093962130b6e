// Prints p50/p99 of the user autocomplete store query (GET /api/users, SPEC U1) for an organization of
// 10,000 users (plus 2,000 in another organization), over prefixes of 1–5 characters as someone types them.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../server/store/sqlite/index.js';
import { USER_SUGGESTION_LIMIT } from '../server/services/identity.js';

const ORG_USERS = 10_000;
const OTHER_USERS = 2_000;
const QUERIES = 5_000;

const dir = mkdtempSync(join(tmpdir(), 'atlas-bench-autocomplete-'));
const store = openSqliteStore(join(dir, 'bench.db'));

// Deterministic pseudo-random names so runs compare.
let seed = 42;
const rand = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
const FIRST = [
  'anna',
  'ben',
  'chloe',
  'david',
  'emma',
  'felix',
  'grace',
  'hugo',
  'ines',
  'jonas',
  'karl',
  'lena',
  'mia',
  'noah',
  'olga',
  'paul',
  'quinn',
  'rosa',
  'sam',
  'tara',
];
const LAST = [
  'smith',
  'muller',
  'garcia',
  'rossi',
  'novak',
  'kim',
  'silva',
  'dubois',
  'jensen',
  'tanaka',
  'oconnor',
  'weber',
];
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;

async function seedOrg(orgId: string, count: number): Promise<string[]> {
  await store.upsertOrganization({ id: orgId, name: orgId });
  await store.upsertProject({ id: `${orgId}-main`, orgId, name: 'Main' });
  const usernames: string[] = [];
  for (let i = 0; i < count; i++) {
    const username = `${pick(FIRST)}.${pick(LAST)}${i}`;
    usernames.push(username);
    await store.upsertUser({
      orgId,
      username,
      name: username,
      email: `${username}@${orgId}.example`,
      projects: { [`${orgId}-main`]: 'member' },
    });
  }
  return usernames;
}

const started = performance.now();
const usernames = await seedOrg('bigcorp', ORG_USERS);
await seedOrg('othercorp', OTHER_USERS);
const seedMs = performance.now() - started;

const prefixes: string[] = [];
for (let i = 0; i < QUERIES; i++) {
  const name = rand() < 0.1 ? 'zzz-nobody' : pick(usernames);
  prefixes.push(name.slice(0, 1 + Math.floor(rand() * 5)));
}
for (const p of prefixes.slice(0, 200)) await store.searchUsers('bigcorp', p, USER_SUGGESTION_LIMIT); // warm-up

const times: number[] = [];
const misses: number[] = [];
for (const p of prefixes) {
  const t = performance.now();
  const found = await store.searchUsers('bigcorp', p, USER_SUGGESTION_LIMIT);
  const ms = performance.now() - t;
  times.push(ms);
  if (found.length === 0) misses.push(ms);
}
const line = (label: string, xs: number[]) => {
  xs.sort((a, b) => a - b);
  const at = (q: number) => xs[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;
  console.log(
    `${label}: n ${xs.length}  p50 ${at(0.5).toFixed(3)} ms  p99 ${at(0.99).toFixed(3)} ms  max ${xs.at(-1)!.toFixed(3)} ms`,
  );
};
console.log(`autocomplete: ${ORG_USERS} users in the organization, seeded in ${seedMs.toFixed(0)} ms`);
line('all queries', times);
if (misses.length) line('prefixes matching nobody', misses);

await store.close();
rmSync(dir, { recursive: true, force: true });
