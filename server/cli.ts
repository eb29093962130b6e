/**
 * Operator commands. `node dist/server/cli.js <command> [options]`; the database is ATLAS_DB (default ./data/atlas.db).
 *   provision-user  create or update a user and their project memberships ahead of their first sign-in (I1)
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
