import type { z } from 'zod';
import { zodToAppError } from '../errors.js';

/** Parses one part of a request with a strict schema; a failure becomes a 400 naming the field. */
export function parse<S extends z.ZodType>(schema: S, value: unknown, where: string): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw zodToAppError(result.error, where);
  return result.data;
}
