/**
 * XLSX export of a dashboard (SPEC V6): one sheet per widget, the applied filters in the header rows, numbers and
 * dates as typed cells. Rows stream from the store into exceljs's streaming writer, so a large table widget never
 * sits in memory whole. Transport-free: `out` is any Writable (an Express response, a file).
 *
 * A widget the caller may not read keeps its sheet, holding only the reason: the sheets stay in the dashboard's
 * order and the reader sees why one is empty instead of wondering where it went.
 */
import ExcelJS from 'exceljs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { AppError } from '../errors.js';
import type { ResultColumn } from '../query/index.js';
import type { TimeBucket } from '../schemas/dashboard.js';
import type { Dashboard, DataSource, Store, Widget } from '../store/types.js';
import { describeFilters, splitBySource, type FilterValues } from './filters.js';
import { watermarkRows, type ExportWatermark } from './link-export-policy.js';
import type { QueryGate } from './query-gate.js';
import { widgetQueryModel } from './widget-data.js';

/** Excel's sheet limit is 1,048,576 rows; keep clear of it with room for the header rows. */
export const MAX_EXPORT_ROWS = 1_000_000;

export type WidgetAccess = 'ok' | { message: string };
export interface ExportWidget {
  widget: Widget;
  dataSource: DataSource;
  access: WidgetAccess;
}
export interface DashboardExport {
  dashboard: Pick<Dashboard, 'id' | 'title' | 'filters'>;
  widgets: ExportWidget[];
  filterValues: FilterValues;
  lockedFilters?: FilterValues;
  /** Rows per sheet at most (defaults to MAX_EXPORT_ROWS). */
  maxRows?: number;
  /**
   * Issue 16: a link's export. Its watermark becomes the first sheet, and `rowCap` (the link's policy) cuts each sheet
   * with a note under the rows saying so.
   */
  link?: { watermark: ExportWatermark; rowCap?: number };
}

// One shared style object: exceljs caches style ids per object, so sharing it keeps a 100k-row export from
// re-serializing a style for every cell. Numbers keep Excel's General format (a fixed pattern like '#,##0.##' would
// print integers with a trailing dot).
const PLAIN_STYLE: Partial<ExcelJS.Style> = Object.freeze({});
/**
 * Issue 17: a date column in the format of its bucket (a month bucket is a month, not midnight on its first day),
 * as the widget shows it.
 */
const DATE_STYLES: Record<TimeBucket | 'none', Partial<ExcelJS.Style>> = Object.freeze({
  month: Object.freeze({ numFmt: 'mmm yyyy' }),
  week: Object.freeze({ numFmt: 'yyyy-mm-dd' }),
  day: Object.freeze({ numFmt: 'yyyy-mm-dd' }),
  hour: Object.freeze({ numFmt: 'yyyy-mm-dd hh:mm' }),
  minute: Object.freeze({ numFmt: 'yyyy-mm-dd hh:mm' }),
  none: Object.freeze({ numFmt: 'yyyy-mm-dd hh:mm:ss' }),
});
/**
 * Issue 17: numbers as the widget formats them (thousands grouped; whole from 100 up, else up to two decimals). Excel
 * has one format per cell, so whole numbers and large ones get '#,##0' and the rest '#,##0.0#' (never a trailing dot).
 */
const WHOLE_STYLE: Partial<ExcelJS.Style> = Object.freeze({ numFmt: '#,##0' });
const DECIMAL_STYLE: Partial<ExcelJS.Style> = Object.freeze({ numFmt: '#,##0.0#' });
const numberStyle = (v: unknown) =>
  typeof v === 'number' && !Number.isInteger(v) && Math.abs(v) < 100 ? DECIMAL_STYLE : WHOLE_STYLE;
const FORBIDDEN_SHEET_CHARS = /[[\]:*?/\\]/g;

/** A file name for Content-Disposition: the title in ASCII, safe in a header. */
export function exportFileName(title: string): string {
  const base = title
    .normalize('NFKD')
    .replace(/[^\w\- ]+/g, '')
    .trim()
    .replace(/\s+/g, '-')
    .slice(0, 80);
  return `${base || 'dashboard'}.xlsx`;
}

/** At most `max` UTF-16 units, never ending on half of a surrogate pair (an emoji is kept whole or dropped). */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const last = cut.charCodeAt(cut.length - 1);
  return last >= 0xd800 && last <= 0xdbff ? cut.slice(0, -1) : cut;
}

/** Sheet names: ≤ 31 characters, none of []:*?/\, unique case-insensitively (Excel's rules). */
export function sheetNamer() {
  const used = new Set<string>();
  return (title: string, index: number): string => {
    const cleaned = title
      .replace(FORBIDDEN_SHEET_CHARS, ' ')
      .replace(/\s+/g, ' ')
      .replace(/^'+|'+$/g, '')
      .trim();
    const base = cutText(cleaned, 31) || `Widget ${index + 1}`;
    let name = base;
    for (let n = 2; used.has(name.toLowerCase()); n++) name = `${cutText(base, 31 - ` (${n})`.length)} (${n})`;
    used.add(name.toLowerCase());
    return name;
  };
}

/**
 * An export that has passed every check and is ready to stream. Nothing is written before `stream`: it waits for the
 * export gate (503 server_busy when full), lets the caller get ready (`start`: headers, an audit row) and only then
 * writes the workbook into `out`.
 */
export interface PreparedExport {
  fileName: string;
  stream(out: Writable, start: () => void | Promise<void>): Promise<void>;
}

export function gatedExport(gate: QueryGate, title: string, write: (out: Writable) => Promise<void>): PreparedExport {
  return {
    fileName: exportFileName(title),
    stream: (out, start) =>
      gate.run(async () => {
        await start();
        await write(out);
      }),
  };
}

export async function writeDashboardXlsx(store: Store, out: Writable, input: DashboardExport): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = 'Atlas Sharing';
  workbook.created = new Date();
  const name = sheetNamer();
  const locked = describeFilters(input.lockedFilters ?? {}, input.dashboard.filters);
  if (input.link) writeWatermark(workbook, name('About this export', 0), input.link.watermark);
  const rowCap = input.link?.rowCap;

  if (input.widgets.length === 0) {
    const sheet = workbook.addWorksheet(name(input.dashboard.title, 0));
    sheet.addRow([input.dashboard.title]).commit();
    sheet.addRow(['This dashboard has no widgets.']).commit();
    sheet.commit();
  }

  for (const [index, entry] of input.widgets.entries()) {
    const sheet = workbook.addWorksheet(name(entry.widget.title, index));
    const title = sheet.addRow([entry.widget.title]);
    title.font = { bold: true, size: 13 };
    title.commit();
    // Issue 17: only the filters this widget's source has narrowed it; the others are named as not applied.
    const { applied, notApplied } = splitBySource(entry.dataSource, input.filterValues);
    const filters = describeFilters(applied, input.dashboard.filters);
    sheet.addRow(['Filters', filters.length ? filters.join('; ') : 'None']).commit();
    const skipped = describeFilters(notApplied, input.dashboard.filters);
    if (skipped.length) sheet.addRow(['Not applied (no such field)', skipped.join('; ')]).commit();
    if (locked.length) sheet.addRow(['Fixed by link', locked.join('; ')]).commit();

    if (entry.access !== 'ok') {
      sheet.addRow([]).commit();
      sheet.addRow([entry.access.message]).commit();
      sheet.commit();
      continue;
    }
    const model = widgetQueryModel(
      {
        dashboard: input.dashboard as Dashboard,
        widget: entry.widget,
        dataSource: entry.dataSource,
        filterValues: input.filterValues,
        lockedFilters: input.lockedFilters,
      },
      // One row past a link's cap tells whether the sheet was cut (that row is read, not written).
      rowCap === undefined ? (input.maxRows ?? MAX_EXPORT_ROWS) : rowCap + 1,
    );
    let compiled;
    try {
      compiled = store.compileQuery(model);
    } catch (err) {
      // One broken widget (e.g. its source lost a field) must not sink the whole export.
      if (!(err instanceof AppError)) throw err;
      sheet.addRow([]).commit();
      sheet.addRow([`This widget could not be exported: ${err.message}`]).commit();
      sheet.commit();
      continue;
    }
    compiled.columns.forEach((c, i) => (sheet.getColumn(i + 1).width = columnWidth(c)));
    sheet.addRow([]).commit();
    const header = sheet.addRow(compiled.columns.map((c) => c.label));
    header.font = { bold: true };
    header.commit();

    const styles = compiled.columns.map((c) =>
      c.type === 'date' ? DATE_STYLES[bucketOf(c.name, entry.widget)] : c.type === 'number' ? undefined : PLAIN_STYLE,
    );
    let count = 0;
    let cut = false;
    for await (const record of store.iterateQuery(model)) {
      if (rowCap !== undefined && count >= rowCap) {
        cut = true;
        continue;
      }
      const values = compiled.columns.map((c) => toExcel(record[c.name], c));
      const row = sheet.addRow(values);
      for (let i = 0; i < styles.length; i++) row.getCell(i + 1).style = styles[i] ?? numberStyle(values[i]);
      row.commit();
      // Let a slow client slow us down instead of buffering the whole file.
      if (++count % 1000 === 0 && out.writableNeedDrain) await once(out, 'drain');
    }
    if (cut) {
      sheet.addRow([]).commit();
      const note = sheet.addRow([
        `Cut at ${rowCap} rows: this link's export policy allows at most ${rowCap} rows per sheet.`,
      ]);
      note.font = { italic: true };
      note.commit();
    }
    sheet.commit();
  }
  await workbook.commit();
}

/** The time bucket of a result column, from the widget's query (a dimension names its column with `as`). */
function bucketOf(column: string, widget: Widget): TimeBucket | 'none' {
  for (const d of widget.query.dimensions ?? []) {
    if (typeof d === 'string' || !d.bucket) continue;
    if ((d.as ?? `${d.field}_${d.bucket}`) === column) return d.bucket;
  }
  return 'none';
}

/** Issue 16: the watermark sheet of a link's export: who exported what, through which link, when. */
function writeWatermark(workbook: ExcelJS.stream.xlsx.WorkbookWriter, name: string, watermark: ExportWatermark) {
  const sheet = workbook.addWorksheet(name);
  sheet.getColumn(1).width = 24;
  sheet.getColumn(2).width = 40;
  for (const [index, cells] of watermarkRows(watermark).entries()) {
    const row = sheet.addRow(index === 0 ? [cells[0]] : cells);
    if (index === 0) row.font = { bold: true, size: 13 };
    row.commit();
  }
  sheet.commit();
}

function columnWidth(c: ResultColumn): number {
  if (c.type === 'date') return 20;
  return Math.min(40, Math.max(12, c.label.length + 2));
}

/** Dates become real Excel dates (UTC, as stored); numbers stay numbers. */
function toExcel(v: unknown, c: ResultColumn): string | number | Date | null {
  if (v === null || v === undefined) return null;
  if (c.type === 'date' && typeof v === 'string') {
    const ms = Date.parse(`${v.replace(' ', 'T')}Z`);
    return Number.isNaN(ms) ? v : new Date(ms);
  }
  if (typeof v === 'bigint') return Number(v);
  return v as string | number;
}
