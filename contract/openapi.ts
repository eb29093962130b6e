/**
 * The OpenAPI 3.1 document, generated from the route table (routes.ts) and its zod schemas. Named schemas
 * (registry.ts) become `components/schemas`: responses as the server sends them (`Dashboard`), request bodies as a
 * client may send them, where a default makes a field optional (`WidgetQueryInput` beside `WidgetQuery` when the two
 * differ). Response objects are open (fields may be added); request objects are closed (unknown keys are a 400).
 */
import { z } from 'zod';
import { errorBodySchema } from './errors.js';
import { contractRegistry, namedSchemas } from './registry.js';
import { routes, type RouteContract } from './routes.js';

type Json = Record<string, unknown>;
type Io = 'input' | 'output';

export const OPENAPI_VERSION = '3.1.0';
/** The contract's version (API.md: fields may be added; nothing is renamed or dropped without a bump). */
export const API_VERSION = '1.0.0';

export interface OpenApiOptions {
  /** The origin (and path prefix) clients reach, e.g. ATLAS_PUBLIC_URL; written as the document's only server. */
  serverUrl?: string;
}

export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string; description: string };
  servers?: { url: string }[];
  tags: { name: string }[];
  paths: Record<string, Record<string, Json>>;
  components: { schemas: Record<string, Json>; securitySchemes: Record<string, Json> };
}

const DEFS = '#/$defs/';
const COMPONENTS = '#/components/schemas/';

/** Responses may gain fields (API.md), so their objects say nothing of additional properties. */
const openResponses = ({ jsonSchema }: { jsonSchema: Json }) => {
  if (jsonSchema.additionalProperties === false) delete jsonSchema.additionalProperties;
};

interface Converted {
  root: Json;
  defs: Record<string, Json>;
}

const cache: Record<Io, Map<z.ZodType, Converted>> = { input: new Map(), output: new Map() };

/** One schema as JSON Schema 2020-12; named schemas it reaches are in `defs`, referenced as `#/$defs/<name>`. */
function convert(schema: z.ZodType, io: Io): Converted {
  const hit = cache[io].get(schema);
  if (hit) return hit;
  const json = z.toJSONSchema(schema, {
    metadata: contractRegistry,
    io,
    target: 'draft-2020-12',
    ...(io === 'output' ? { override: openResponses as never } : {}),
  }) as Json;
  const { $schema: _dialect, $defs, ...root } = json;
  const converted = { root, defs: ($defs ?? {}) as Record<string, Json> };
  cache[io].set(schema, converted);
  return converted;
}

function refsIn(node: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(node)) for (const item of node) refsIn(item, out);
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string' && value.startsWith(DEFS)) out.add(value.slice(DEFS.length));
      else refsIn(value, out);
    }
  }
  return out;
}

function rewriteRefs<T>(node: T, rename: (name: string) => string): T {
  if (Array.isArray(node)) return node.map((item) => rewriteRefs(item, rename)) as T;
  if (node && typeof node === 'object') {
    return Object.fromEntries(
      Object.entries(node).map(([key, value]) =>
        key === '$ref' && typeof value === 'string' && value.startsWith(DEFS)
          ? [key, COMPONENTS + rename(value.slice(DEFS.length))]
          : [key, rewriteRefs(value, rename)],
      ),
    ) as T;
  }
  return node;
}

/** The JSON of a named schema itself, in one direction (its own refs left as `#/$defs/…`). */
function namedDef(name: string, io: Io): Json {
  const schema = namedSchemas.get(name);
  if (!schema) throw new Error(`No contract schema is named ${name}.`);
  const def = convert(schema, io).defs[name];
  if (!def) throw new Error(`The contract schema ${name} did not convert to a definition.`);
  return def;
}

/** Collects components while operations are converted. */
class Components {
  readonly schemas: Record<string, Json> = {};
  readonly #sameBothWays = new Map<string, boolean>();
  /** Named schemas that responses use: a request variant that differs from one of these gets its own name. */
  readonly #inResponses: ReadonlySet<string>;

  constructor(responseSchemas: z.ZodType[]) {
    const names = new Set<string>();
    for (const schema of responseSchemas)
      for (const name of Object.keys(convert(schema, 'output').defs)) names.add(name);
    this.#inResponses = names;
  }

  /** True when a named schema reads the same as input and as output, and so do all it references. */
  #same(name: string, seen = new Set<string>()): boolean {
    const known = this.#sameBothWays.get(name);
    if (known !== undefined) return known;
    if (seen.has(name)) return true;
    seen.add(name);
    const input = namedDef(name, 'input');
    let output: Json | undefined;
    try {
      output = namedDef(name, 'output');
    } catch {
      // A request-only schema with a transform (FrameAncestors) has no output form.
    }
    const same =
      JSON.stringify(input) === JSON.stringify(output) && [...refsIn(input)].every((ref) => this.#same(ref, seen));
    this.#sameBothWays.set(name, same);
    return same;
  }

  /** The component name of a named schema in one direction. */
  nameOf(name: string, io: Io): string {
    return io === 'output' || !this.#inResponses.has(name) || this.#same(name) ? name : `${name}Input`;
  }

  /** A schema for use in the document: a `$ref` for a named one, else inline; its named parts become components. */
  use(schema: z.ZodType, io: Io): Json {
    const { root, defs } = convert(schema, io);
    const rename = (name: string) => this.nameOf(name, io);
    for (const [name, def] of Object.entries(defs)) {
      const component = rename(name);
      const json = rewriteRefs(def, rename);
      const existing = this.schemas[component];
      if (existing && JSON.stringify(existing) !== JSON.stringify(json)) {
        throw new Error(`The component ${component} has two different definitions.`);
      }
      this.schemas[component] = json;
    }
    return rewriteRefs(root, rename);
  }
}

const JSON_TYPE = 'application/json';
const binary = (contentType: string): Json =>
  contentType.startsWith('text/') ? { type: 'string' } : { type: 'string', contentMediaType: contentType };

function parameters(route: RouteContract, components: Components): Json[] {
  const out: Json[] = [];
  for (const [where, schema] of [
    ['path', route.params],
    ['query', route.query],
  ] as const) {
    if (!schema) continue;
    const json = components.use(schema, 'input');
    const required = new Set((json.required as string[] | undefined) ?? []);
    for (const [name, property] of Object.entries((json.properties ?? {}) as Record<string, Json>)) {
      const { description, ...propertySchema } = property;
      out.push({
        name,
        in: where,
        required: where === 'path' || required.has(name),
        ...(typeof description === 'string' ? { description } : {}),
        schema: propertySchema,
      });
    }
  }
  return out;
}

function security(route: RouteContract): Json[] {
  if (route.access === 'user') return [{ hostToken: [] }];
  // Anyone with the link; a passcode-protected link also needs its session.
  if (route.access === 'link') return [{}, { passcodeSession: [] }];
  return [];
}

function responses(route: RouteContract, components: Components): Json {
  const out: Json = {};
  const { success } = route;
  out[String(success.status)] = {
    description: success.description,
    ...(success.schema
      ? { content: { [JSON_TYPE]: { schema: components.use(success.schema, 'output') } } }
      : success.contentType
        ? { content: { [success.contentType]: { schema: binary(success.contentType) } } }
        : {}),
  };
  for (const type of success.alsoAs ?? []) {
    const entry = out[String(success.status)] as { content?: Record<string, Json> };
    entry.content = { ...entry.content, [type]: { schema: binary(type) } };
  }
  if (route.notModified) out['304'] = { description: 'Not modified: the ETag sent in If-None-Match is still current.' };
  const errorRef = components.use(errorBodySchema, 'output');
  for (const [status, codes] of Object.entries(route.errors)) {
    const override = route.errorBodies?.[Number(status)];
    const list = (codes ?? []).map((code) => `\`${code}\``).join(', ');
    out[status] = {
      description: `Error code ${list}.`,
      'x-error-codes': codes,
      content: override
        ? {
            [override.contentType]: {
              schema: override.schema ? components.use(override.schema, 'output') : binary(override.contentType),
            },
          }
        : { [JSON_TYPE]: { schema: errorRef } },
    };
  }
  return out;
}

function operation(route: RouteContract, components: Components): Json {
  const params = parameters(route, components);
  const op: Json = {
    operationId: route.id,
    summary: route.summary,
    ...(route.description || route.demoOnly
      ? {
          description: [route.description, route.demoOnly ? 'Served only in demo mode (ATLAS_DEMO=1).' : undefined]
            .filter(Boolean)
            .join(' '),
        }
      : {}),
    tags: [route.tag],
    security: security(route),
    ...(params.length ? { parameters: params } : {}),
  };
  if (route.body) {
    op.requestBody = {
      // A body that may be left out entirely is one whose every field is optional.
      required: !route.body.safeParse({}).success,
      content: { [JSON_TYPE]: { schema: components.use(route.body, 'input') } },
    };
  }
  op.responses = responses(route, components);
  if (route.demoOnly) op['x-demo-only'] = true;
  return op;
}

/** Builds the document (a fresh object each time). */
export function buildOpenApi(options: OpenApiOptions = {}): OpenApiDocument {
  const all = routes as readonly RouteContract[];
  const components = new Components([
    errorBodySchema,
    ...all.flatMap((route) => [
      ...(route.success.schema ? [route.success.schema] : []),
      ...Object.values(route.errorBodies ?? {}).flatMap((body) => (body?.schema ? [body.schema] : [])),
    ]),
  ]);
  const paths: Record<string, Record<string, Json>> = {};
  const tags: string[] = [];
  for (const route of all) {
    (paths[route.path] ??= {})[route.method] = operation(route, components);
    if (!tags.includes(route.tag)) tags.push(route.tag);
  }
  const schemas = Object.fromEntries(Object.entries(components.schemas).sort(([a], [b]) => a.localeCompare(b)));
  return {
    openapi: OPENAPI_VERSION,
    info: {
      title: 'Atlas Sharing API',
      version: API_VERSION,
      description:
        'Dashboards, sharing and public links. Every error is { "error": { "code", "message", "details"? } }. ' +
        'Responses may gain fields: ignore what you do not know. Request objects are strict: an unknown key is a 400.',
    },
    ...(options.serverUrl ? { servers: [{ url: options.serverUrl }] } : {}),
    tags: tags.map((name) => ({ name })),
    paths,
    components: {
      schemas,
      securitySchemes: {
        hostToken: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'A JWT issued by the host portal (claims: sub, name, email, org, projects).',
        },
        passcodeSession: {
          type: 'http',
          scheme: 'bearer',
          description: 'The session POST /api/public/{token}/session gives for a passcode-protected link.',
        },
      },
    },
  };
}
