/**
 * Issue 16: the exposure guard's pure rule (services/exposure-changes.ts): which changes of a dashboard make a link
 * expose more, for which links, and with which reasons.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  exposureChanges,
  mergeChanges,
  widensDefault,
  type ExposureShape,
  type GuardedLink,
} from '../../server/services/exposure-changes.js';

const AT = '2026-11-27T08:00:00.000Z';
const names: Record<string, string> = { orders: 'Orders', tickets: 'Support tickets' };
const name = (id: string) => names[id] ?? id;

const w = (id: string, dataSourceId = 'orders') => ({ id, title: `Widget ${id}`, dataSourceId });
const board = (over: Partial<ExposureShape> = {}): ExposureShape => ({
  filters: [
    { field: 'region', type: 'multi', label: 'Region', default: ['EMEA'] },
    { field: 'channel', type: 'select', label: 'Channel', default: 'Online' },
    { field: 'order_date', type: 'dateRange', label: 'Order date', default: { from: '2026-01-01', to: '2026-06-30' } },
  ],
  widgets: [w('a'), w('b')],
  ...over,
});
const allWidgets: GuardedLink = { widgetIds: null, lockedFilters: {} };
const subset: GuardedLink = { widgetIds: ['a'], lockedFilters: {} };
const lockedRegion: GuardedLink = { widgetIds: null, lockedFilters: { region: ['APAC'] } };

const kinds = (before: ExposureShape, after: ExposureShape, link: GuardedLink) =>
  exposureChanges(before, after, link, name, AT).map((c) => `${c.kind}: ${c.subject}`);

describe('exposure guard rule (issue 16)', () => {
  test('nothing changed, or only narrowed: no reason', () => {
    assert.deepEqual(kinds(board(), board(), allWidgets), []);
    assert.deepEqual(kinds(board(), board({ widgets: [w('a')] }), allWidgets), [], 'a widget removed');
    const narrower = board().filters.map((f) => (f.field === 'region' ? { ...f, default: [] as string[] } : f));
    assert.deepEqual(
      kinds(board({ filters: narrower }), board(), allWidgets),
      [],
      'a default set where there was none',
    );
  });

  test('a widget added concerns the links that show all widgets, not a subset link', () => {
    const after = board({ widgets: [w('a'), w('b'), w('c')] });
    assert.deepEqual(kinds(board(), after, allWidgets), ['widget_added: Widget c']);
    assert.deepEqual(kinds(board(), after, subset), []);
  });

  test('a data source added: by a new widget (all-widgets links) or by a shown widget switching source', () => {
    const added = board({ widgets: [w('a'), w('b'), w('c', 'tickets')] });
    assert.deepEqual(kinds(board(), added, allWidgets), [
      'widget_added: Widget c',
      'data_source_added: Support tickets',
    ]);
    assert.deepEqual(kinds(board(), added, subset), []);
    const switched = board({ widgets: [w('a', 'tickets'), w('b')] });
    assert.deepEqual(kinds(board(), switched, subset), ['data_source_added: Support tickets']);
    const hiddenSwitch = board({ widgets: [w('a'), w('b', 'tickets')] });
    assert.deepEqual(kinds(board(), hiddenSwitch, subset), [], 'a widget the link does not show');
    assert.deepEqual(kinds(board(), hiddenSwitch, allWidgets), ['data_source_added: Support tickets']);
  });

  test('a wider filter default concerns the links that do not lock that field', () => {
    const widen = (field: string, value: unknown) =>
      board({ filters: board().filters.map((f) => (f.field === field ? { ...f, default: value as never } : f)) });
    assert.deepEqual(kinds(board(), widen('region', ['EMEA', 'APAC']), allWidgets), ['filter_default_widened: Region']);
    assert.deepEqual(kinds(board(), widen('region', ['EMEA', 'APAC']), lockedRegion), [], 'the locked value wins');
    assert.deepEqual(kinds(board(), widen('channel', 'Retail'), lockedRegion), ['filter_default_widened: Channel']);
    const gone = board({ filters: board().filters.filter((f) => f.field !== 'channel') });
    assert.deepEqual(
      kinds(board(), gone, allWidgets),
      ['filter_default_widened: Channel'],
      'a filter with a default removed',
    );
  });

  test('a locked filter whose field is gone from the dashboard flags the links that lock it', () => {
    const gone = board({ filters: board().filters.filter((f) => f.field !== 'region') });
    assert.deepEqual(kinds(board(), gone, lockedRegion), ['locked_field_removed: Region']);
    assert.deepEqual(kinds(board(), gone, allWidgets), ['filter_default_widened: Region']);
  });

  test('widensDefault: lists, single values, date ranges, none', () => {
    const cases: [unknown, unknown, boolean][] = [
      [undefined, undefined, false],
      [undefined, ['EMEA'], false],
      [['EMEA'], undefined, true],
      [['EMEA'], [], true],
      [[], ['EMEA'], false],
      [['EMEA', 'APAC'], ['EMEA'], false],
      [['EMEA'], ['EMEA', 'APAC'], true],
      ['Online', 'Online', false],
      ['Online', 'Retail', true],
      [['Online', 'Retail'], 'Online', false],
      ['Online', ['Online', 'Retail'], true],
      [3, 3, false],
      [{ from: '2026-01-01', to: '2026-06-30' }, { from: '2026-02-01', to: '2026-06-30' }, false],
      [{ from: '2026-01-01', to: '2026-06-30' }, { from: '2025-12-01', to: '2026-06-30' }, true],
      [{ from: '2026-01-01', to: '2026-06-30' }, { from: '2026-01-01', to: '2026-07-01' }, true],
      [{ from: '2026-01-01', to: '2026-06-30' }, { from: '2026-01-01' }, true],
      [{ from: '2026-01-01' }, { from: '2026-01-01', to: '2026-03-01' }, false],
      [{}, { from: '2026-01-01' }, false],
      [{ from: '2026-01-01' }, {}, true],
      [{ from: '2026-01-01' }, 'Online', true],
    ];
    for (const [before, after, wider] of cases) {
      assert.equal(
        widensDefault(before as never, after as never),
        wider,
        `${JSON.stringify(before)} → ${JSON.stringify(after)}`,
      );
    }
  });

  test('each reason is stamped; merging keeps the old ones first and adds only new kinds and subjects', () => {
    const [reason] = exposureChanges(board(), board({ widgets: [w('a'), w('b'), w('c')] }), allWidgets, name, AT);
    assert.deepEqual(reason, { kind: 'widget_added', subject: 'Widget c', at: AT });
    const old = { kind: 'widget_added' as const, subject: 'Widget c', at: '2026-01-01T00:00:00.000Z' };
    const other = { kind: 'data_source_added' as const, subject: 'Orders', at: AT };
    assert.deepEqual(mergeChanges([old], [reason!, other]), [old, other]);
    assert.deepEqual(mergeChanges([], []), []);
  });
});
