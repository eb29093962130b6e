#!/usr/bin/env node
/**
 * The server's command line, installed as `atlas-sharing-server` (package.json "bin"); from a checkout,
 * `node dist/server/cli.js <command> [options]`. The database is ATLAS_DB (default ./data/atlas.db).
 *   serve           run the server (configured by the ATLAS_* environment variables)
 *   provision-user  create or update a user and their project memberships ahead of their first sign-in (I1)
 *   audit           print the access log of one public link (L8)
 * Every command answers `--help`.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { isEntryPoint } from './entry-point.js';
import { auditQuery } from './schemas/requests.js';
import { auditFilterOf } from './services/link-usage.js';
import { openStore } from './store/index.js';
import type { ProjectRole, Store } from './store/types.js';

type Command = (store: Store, args: string[]) => Promise<void>;

const PROGRAM = 'atlas-sharing-server';

/** What `--help` prints for each command (and `help` for all). */
const HELP: Record<string, string> = {
  serve: `usage: ${PROGRAM} serve

Runs the Atlas Sharing server. It is configured by environment variables (ATLAS_PORT, ATLAS_DB,
ATLAS_AUTH_SECRET | ATLAS_AUTH_PUBLIC_KEY | ATLAS_AUTH_JWKS_URL, ATLAS_PUBLIC_URL, ATLAS_ALLOWED_ORIGINS, …: see the
README's Configuration table); a bad one stops it with a message naming the variable. SIGTERM or SIGINT stop it
gracefully.`,
  'provision-user': `usage: ${PROGRAM} provision-user --org <id> --username <name> [--name <full name>] [--email <address>]
                      [--project <project id>=owner|member|viewer ...]

Creates or updates a user and their project memberships before their first sign-in. The database is ATLAS_DB.`,
  audit: `usage: ${PROGRAM} audit --link <link id> [--limit N] [--from <ISO time>] [--to <ISO time>]
                      [--outcome <outcome>] [--json]

Prints the access log of one public link, oldest first: time, outcome, route, client address, passcode session,
user agent (--json: one JSON object a line). --from and --to (ISO date-times with Z or an offset, inclusive) and
--outcome (ok, wrong_passcode, unavailable, rate_limited, …) narrow it as the audit route does; --limit keeps the
newest N of what is left. The database is ATLAS_DB.`,
};

const wantsHelp = (args: string[]) => args.includes('--help') || args.includes('-h');

const provisionOptions = z.strictObject({
  org: z.string().min(1),
  username: z.string().min(1).max(120),
  name: z.string().max(200).optional(),
  email: z.string().max(320).optional(),
  project: z
    .array(z.string().regex(/^[^=]+=(owner|member|viewer)$/, 'use --project <id>=owner|member|viewer'))
    .default([]),
});

const commands: Record<string, Command> = {
  async audit(store, args) {
    const { values } = parseArgs({
      args,
      options: {
        link: { type: 'string' },
        limit: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        outcome: { type: 'string' },
        json: { type: 'boolean' },
      },
      strict: true,
    });
    const { link: linkId, json, limit, ...bounds } = values;
    const o = z.strictObject({ link: z.string().min(1), json: z.boolean().optional() }).parse({ link: linkId, json });
    // The audit route's own rules for the filters (one rule in one place); the command allows a longer log.
    const filter = auditQuery.parse(bounds);
    const max = z.coerce.number().int().min(1).max(1_000_000).default(10_000).parse(limit);
    const link = await store.getLink(o.link);
    if (!link) throw new Error(`no public link '${o.link}'`);
    // The store answers newest first; a log reads oldest first.
    const events = (await store.listAudit(o.link, max, auditFilterOf(filter))).reverse();
    for (const e of events) {
      const line = o.json
        ? JSON.stringify({
            at: e.at,
            outcome: e.outcome,
            route: e.route,
            clientAddress: e.clientAddress,
            sessionId: e.sessionId ?? null,
            userAgent: e.userAgent,
          })
        : [
            e.at,
            e.outcome.padEnd(17),
            e.route.padEnd(11),
            e.clientAddress.padEnd(15),
            (e.sessionId ?? '-').padEnd(22),
            JSON.stringify(e.userAgent),
          ].join('  ');
      process.stdout.write(line + '\n');
    }
    if (!o.json)
      process.stdout.write(
        `${events.length} events; link '${link.label || link.id}' of dashboard ${link.dashboardId}${link.revokedAt ? `, revoked ${link.revokedAt}` : ''}\n`,
      );
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
      // Project ids are per organization: another organization's project of the same id is another project.
      if (!(await store.getProject(o.org, id))) await store.upsertProject({ id, orgId: o.org, name: id });
      projects[id] = role;
    }
    const user = await store.upsertUser({
      orgId: o.org,
      username: o.username,
      name: o.name ?? o.username,
      email: o.email ?? '',
      projects,
    });
    process.stdout.write(
      JSON.stringify({ provisioned: { username: user.username, org: user.orgId, projects: user.memberships } }) + '\n',
    );
  },
};

const USAGE = `usage: ${PROGRAM} <command> [options]

commands:
  serve           run the server
  provision-user  create or update a user ahead of their first sign-in
  audit           print the access log of one public link

${PROGRAM} <command> --help tells more.
`;

export async function runCli(argv: string[], db = process.env.ATLAS_DB ?? './data/atlas.db'): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    const topic = name === 'help' ? rest[0] : undefined;
    process.stdout.write(topic && HELP[topic] ? `${HELP[topic]}\n` : USAGE);
    return name ? 0 : 2;
  }
  if (HELP[name] && wantsHelp(rest)) {
    process.stdout.write(`${HELP[name]}\n`);
    return 0;
  }
  if (name === 'serve') {
    if (rest.length) {
      process.stderr.write(`${PROGRAM} serve: takes no arguments (configure it with ATLAS_* variables; see --help)\n`);
      return 2;
    }
    // Runs until a signal stops it; start-up errors exit the process with a message naming the problem.
    const { serveOrExit } = await import('./main.js');
    serveOrExit();
    return new Promise<number>(() => {});
  }
  const command = commands[name];
  if (!command) {
    process.stderr.write(`${PROGRAM}: unknown command '${name}'\n\n${USAGE}`);
    return 2;
  }
  if (!db.trim()) {
    // As the server refuses it (config.ts): an empty value is a template whose variable is missing, not "the default".
    process.stderr.write(`${PROGRAM}: ATLAS_DB: set but empty; unset it to use the default, or give a value\n`);
    return 2;
  }
  const store = await openStore(db);
  try {
    await command(store, rest);
    return 0;
  } catch (err) {
    const message =
      err instanceof z.ZodError
        ? err.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')
        : (err as Error).message;
    process.stderr.write(`atlas ${name}: ${message}\n`);
    return 1;
  } finally {
    await store.close();
  }
}

if (isEntryPoint(import.meta.url)) {
  void runCli(process.argv.slice(2)).then((code) => process.exit(code));
}
