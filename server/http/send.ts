/**
 * Answers built once and sent as bytes: a kept JSON body (a widget result, a public layout), with or without its
 * ETag, and an XLSX export streamed into the response.
 */
import type { Request, Response } from 'express';
import type { PreparedExport } from '../services/xlsx-export.js';

const JSON_TYPE = 'application/json; charset=utf-8';
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A JSON body already serialized. */
export function sendJsonBytes(res: Response, body: Buffer): void {
  res.setHeader('Content-Type', JSON_TYPE);
  res.setHeader('Content-Length', body.length);
  res.end(body);
}

/**
 * Sends a kept JSON body with its ETag, or 304 when the viewer already has it. `private, no-cache`: a browser may keep
 * it but must ask every time, and the server decides access before it compares the ETag, so a revoked link still gets
 * its 403 on the very next request; shared caches keep nothing.
 */
export function sendTaggedJson(req: Request, res: Response, result: { body: Buffer; etag: string }): void {
  res.setHeader('Cache-Control', 'private, no-cache');
  res.setHeader('ETag', result.etag);
  if (etagMatches(req.headers['if-none-match'], result.etag)) {
    res.status(304).end();
    return;
  }
  sendJsonBytes(res, result.body);
}

/** `If-None-Match` (a list, `*`, or weak tags) against our strong tag: weak comparison, as RFC 9110 says for GET. */
function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

/**
 * Streams a prepared export as an attachment. `beforeFirstByte` runs once the export gate has let it in, before the
 * headers: the last moment an error can still be a JSON answer.
 */
export async function sendExport(
  res: Response,
  prepared: PreparedExport,
  beforeFirstByte?: () => Promise<void>,
): Promise<void> {
  await prepared.stream(res, async () => {
    await beforeFirstByte?.();
    res.setHeader('Content-Type', XLSX_TYPE);
    res.setHeader('Content-Disposition', `attachment; filename="${prepared.fileName}"`);
  });
  res.end();
}
