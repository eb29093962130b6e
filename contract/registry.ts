/**
 * Names and descriptions of the contract's schemas for the OpenAPI document (openapi.ts): a named schema becomes one
 * entry of `components/schemas`, referenced wherever it is used; a description is written where the schema appears.
 * A private registry, so none of this touches zod's global one or changes how anything parses.
 */
import { z } from 'zod';

export interface ContractMeta {
  id?: string;
  description?: string;
}

export const contractRegistry = z.registry<ContractMeta>();

/** Every named schema by its name. */
export const namedSchemas = new Map<string, z.ZodType>();

/** Names a schema (a component of the OpenAPI document) and returns it unchanged. */
export function named<T extends z.ZodType>(schema: T, id: string, description?: string): T {
  const existing = namedSchemas.get(id);
  if (existing && existing !== schema) throw new Error(`Two contract schemas are named ${id}.`);
  namedSchemas.set(id, schema);
  contractRegistry.add(schema, description === undefined ? { id } : { id, description });
  return schema;
}

/** Describes a schema where it appears (a parameter, a property) and returns it unchanged. */
export function described<T extends z.ZodType>(schema: T, description: string): T {
  contractRegistry.add(schema, { description });
  return schema;
}
