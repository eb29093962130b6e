/**
 * Operator commands. `node dist/server/cli.js <command> [options]`; the database is ATLAS_DB (default ./data/atlas.db).
 *   provision-user  create or update a user and their project memberships ahead of their first sign-in (I1)
 *   audit           print the access log of one public link: `audit --link <id> [--limit N] [--json]` (L8)
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { openStore } from './store/index.js';
import type { ProjectRole, Store } from './store/types.js';

type Command = (store: Store, args: string[]) => Promise<void>;

const provisionOptions = z.strictObject({
  org: z.string().min(1),
  username: z.string().min(1).max(120),
  name: z.string().max(200).optional(),
  email: z.string().max(320).optional(),
  project: z.array(z.string().regex(/^[^=]+=(owner|member|viewer)$/, 'use --project <id>=owner|member|viewer')).default([]),
});

const commands: Record<string, Command> = {
  async audit(store, args) {
    const { values } = parseArgs({ args, options: { link: { type: 'string' }, limit: { type: 'string' }, json: { type: 'boolean' } }, strict: true });
    const o = z.strictObject({ link: z.string().min(1), limit: z.coerce.number().int().min(1).max(1_000_000).default(10_000), json: z.boolean().optional() }).parse(values);
    const link = await store.getLink(o.link);
    if (!link) throw new Error(`no public link '${o.link}'`);
    // The store answers newest first; a log reads oldest first.
    const events = (await store.listAudit(o.link, o.limit)).reverse();
    for (const e of events) {
      const line = o.json
        ? JSON.stringify({ at: e.at, outcome: e.outcome, route: e.route, clientAddress: e.clientAddress, userAgent: e.userAgent })
        : [e.at, e.outcome.padEnd(17), e.route.padEnd(11), e.clientAddress.padEnd(15), JSON.stringify(e.userAgent)].join('  ');
      process.stdout.write(line + '\n');
    }
    if (!o.json) process.stdout.write(`${events.length} events; link '${link.label || link.id}' of dashboard ${link.dashboardId}${link.revokedAt ? `, revoked ${link.revokedAt}` : ''}\n`);
  },
  async 'provision-user'(store, args) {
    const { values } = parseArgs({
      args,
      options: {
        org: { type: 'string' },
        username: { type: 'string' },
        name: { type: 'string' },
        email: { type: 'string' },
        project: { type: 'string', multiple: true },
      },
      strict: true,
    });
    const o = provisionOptions.parse(values);
    if (!(await store.getOrganization(o.org))) await store.upsertOrganization({ id: o.org, name: o.org });
    const projects: Record<string, ProjectRole> = {};
    for (const entry of o.project) {
      const [id, role] = entry.split('=') as [string, ProjectRole];
      const existing = await store.getProject(id);
      if (existing && existing.orgId !== o.org) throw new Error(`project '${id}' belongs to another organization`);
      if (!existing) await store.upsertProject({ id, orgId: o.org, name: id });
      projects[id] = role;
    }
    const user = await store.upsertUser({ orgId: o.org, username: o.username, name: o.name ?? o.username, email: o.email ?? '', projects });
    process.stdout.write(JSON.stringify({ provisioned: { username: user.username, org: user.orgId, projects: user.memberships } }) + '\n');
  },
};

export async function runCli(argv: string[], db = process.env.ATLAS_DB ?? './data/atlas.db'): Promise<number> {
  const [name, ...rest] = argv;
  const command = name ? commands[name] : undefined;
  if (!command) {
    process.stderr.write(`usage: atlas <command> [options]\ncommands: ${Object.keys(commands).join(', ')}\n`);
    return 2;
  }
  const store = await openStore(db);
  try {
    await command(store, rest);
    return 0;
  } catch (err) {
    const message = err instanceof z.ZodError ? err.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') : (err as Error).message;
    process.stderr.write(`atlas ${name}: ${message}\n`);
    return 1;
  } finally {
    await store.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runCli(process.argv.slice(2)).then((code) => process.exit(code));
}
