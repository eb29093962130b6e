/**
 * Issue 16: a link's export policy (off, on, capped) and what every workbook exported through a link carries: a
 * watermark sheet naming the link, the time of the export (UTC) and the client's address hash, so a file found later
 * can be traced to its audit row. The public export route enforces the policy (services/public-dashboard.ts).
 */
import type { ExportPolicy, ExportPolicyBody } from '../schemas/requests.js';
import { AppError } from '../errors.js';
import type { PublicLink } from '../store/types.js';

/** The link's columns for a policy as the owner sent it (the contract's schema has checked the shape). */
export function exportPolicyColumns(body: ExportPolicyBody): Pick<PublicLink, 'exportMode' | 'exportRowCap'> {
  return { exportMode: body.mode, exportRowCap: body.mode === 'capped' ? body.rowCap : null };
}

export function exportPolicyOf(link: Pick<PublicLink, 'exportMode' | 'exportRowCap'>): ExportPolicy {
  return { mode: link.exportMode, rowCap: link.exportMode === 'capped' ? link.exportRowCap : null };
}

/** 403 export_disabled when the link's policy is off; else the rows per sheet it allows (undefined: no cap). */
export function exportRowCap(link: Pick<PublicLink, 'exportMode' | 'exportRowCap'>): number | undefined {
  if (link.exportMode === 'off') throw new AppError(403, 'export_disabled', 'Downloads are turned off for this link.');
  return link.exportMode === 'capped' && link.exportRowCap !== null ? link.exportRowCap : undefined;
}

/** What the watermark sheet of a link's export says. */
export interface ExportWatermark {
  linkLabel: string;
  linkId: string;
  /** ISO, UTC. */
  exportedAt: string;
  /** The client address hash the audit log shows for the same request (services/client-hash.ts). */
  clientHash: string;
  /** Rows per sheet at most, when the link caps exports. */
  rowCap?: number;
}

/** The watermark's rows, label then value; the first row is its title. */
export function watermarkRows(w: ExportWatermark): [string, string][] {
  return [
    ['Exported through a public link', ''],
    ['Link', w.linkLabel || 'Untitled link'],
    ['Link id', w.linkId],
    ['Exported at (UTC)', w.exportedAt],
    ['Client address hash', w.clientHash],
    ...(w.rowCap === undefined ? [] : ([['Rows per sheet at most', String(w.rowCap)]] as [string, string][])),
  ];
}
