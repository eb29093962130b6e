/**
 * Issue 16: the exposure guard. When a dashboard with links gains a widget, a data source, a wider filter default or
 * loses a filter a link locks, each link concerned is flagged "changed since shared" with the reasons; the owner
 * confirms (the flag is cleared) or pauses it; `pauseOnChange` pauses it at once (audited) so viewers get the revoked
 * link's answer. Detection runs in every save path: adding a widget, saving a whole edit, patching the filters.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { json, startTestServer, withoutRequestId, type TestServer } from './helpers.js';
import { seededBackends } from './store-backends.js';

const kpi = (title: string, dataSourceId = 'orders') => ({
  title,
  type: 'kpi',
  dataSourceId,
  query: { metrics: [{ agg: 'count' }] },
});
const FILTERS = [
  { field: 'region', type: 'multi', label: 'Region', options: ['EMEA', 'APAC'], default: ['EMEA'] },
  { field: 'channel', type: 'select', label: 'Channel', options: ['Online', 'Retail'], default: 'Online' },
];
const reasons = (link: { changes: { kind: string; subject: string }[] }) =>
  link.changes.map((c) => `${c.kind}: ${c.subject}`);

describe('public links: exposure guard (issue 16)', () => {
  let server: TestServer;
  let alice: string;
  let carol: string;
  let bob: string;

  before(async () => {
    server = await startTestServer();
    alice = await server.token('alice');
    carol = await server.token('carol');
    bob = await server.token('bob');
  });
  after(() => server.close());

  /** A fresh dashboard of alice's with one orders widget, the two filters, and carol as author. */
  const dashboard = async () => {
    const res = await server.request('/api/dashboards', {
      method: 'POST',
      token: alice,
      json: { projectId: 'sales', title: 'Guarded board', filters: FILTERS },
    });
    assert.equal(res.status, 201, await res.clone().text());
    const id = (await json(res)).dashboard.id as string;
    const a = await addWidget(id, 'A');
    const shared = await server.request(`/api/dashboards/${id}/shares`, {
      method: 'POST',
      token: alice,
      json: { username: 'carol', role: 'author' },
    });
    assert.equal(shared.status, 201, await shared.clone().text());
    return { id, a };
  };
  const addWidget = async (dashboardId: string, title: string, source = 'orders', token = alice) => {
    const res = await server.request(`/api/dashboards/${dashboardId}/widgets`, {
      method: 'POST',
      token,
      json: kpi(title, source),
    });
    assert.equal(res.status, 201, await res.clone().text());
    return (await json(res)).widget.id as string;
  };
  const create = async (dashboardId: string, body: unknown = {}) => {
    const res = await server.request(`/api/dashboards/${dashboardId}/public-links`, {
      method: 'POST',
      token: alice,
      json: body,
    });
    assert.equal(res.status, 201, await res.clone().text());
    return (await json(res)).link;
  };
  const links = async (dashboardId: string) => {
    const res = await server.request(`/api/dashboards/${dashboardId}/public-links`, { token: alice });
    const out: Record<string, any> = {};
    for (const l of (await json(res)).links) out[l.label] = l;
    return out;
  };
  const patchFilters = async (dashboardId: string, filters: unknown, token = alice) => {
    const res = await server.request(`/api/dashboards/${dashboardId}`, { method: 'PATCH', token, json: { filters } });
    assert.equal(res.status, 200, await res.clone().text());
  };
  const confirm = (dashboardId: string, linkId: string, token = alice) =>
    server.request(`/api/dashboards/${dashboardId}/public-links/${linkId}/confirm`, { method: 'POST', token });

  test('a new link is not flagged; it does not pause on change unless asked', async () => {
    const d = await dashboard();
    const link = await create(d.id);
    assert.equal(link.changedSinceShared, false);
    assert.deepEqual(link.changes, []);
    assert.equal(link.pauseOnChange, false);
    assert.equal((await create(d.id, { pauseOnChange: true })).pauseOnChange, true);
  });

  test('a widget added flags the all-widgets links (with its new data source), not a subset link', async () => {
    const d = await dashboard();
    await create(d.id, { label: 'all' });
    await create(d.id, { label: 'subset', widgetIds: [d.a] });
    await addWidget(d.id, 'Same source');
    let now = await links(d.id);
    assert.deepEqual(reasons(now.all), ['widget_added: Same source']);
    assert.equal(now.all.changedSinceShared, true);
    assert.equal(now.subset.changedSinceShared, false);

    await addWidget(d.id, 'Tickets', 'support_tickets', carol); // an author's save flags the owner's links too
    now = await links(d.id);
    assert.deepEqual(reasons(now.all), [
      'widget_added: Same source',
      'widget_added: Tickets',
      'data_source_added: Support tickets',
    ]);
    assert.deepEqual(reasons(now.subset), []);
    assert.equal(now.all.status, 'active', 'flagging alone does not pause');
  });

  test('saving a whole edit: a new widget, and a shown widget switching to a new data source', async () => {
    const d = await dashboard();
    await create(d.id, { label: 'all' });
    await create(d.id, { label: 'subset', widgetIds: [d.a] });
    const save = async (widgets: unknown[]) => {
      const res = await server.request(`/api/dashboards/${d.id}`, {
        method: 'PUT',
        token: alice,
        json: { title: 'Guarded board', widgets },
      });
      assert.equal(res.status, 200, await res.clone().text());
    };
    const position = { x: 0, y: 0, w: 4, h: 3 };
    await save([{ id: d.a, ...kpi('A', 'support_tickets'), position }]);
    const now = await links(d.id);
    assert.deepEqual(reasons(now.subset), ['data_source_added: Support tickets']);
    assert.deepEqual(reasons(now.all), ['data_source_added: Support tickets']);
    await save([
      { id: d.a, ...kpi('A', 'support_tickets'), position },
      { ...kpi('New one'), position },
    ]);
    const later = await links(d.id);
    // The dashboard read no Orders since the first save: the new widget brings that source back in.
    assert.deepEqual(reasons(later.all), [
      'data_source_added: Support tickets',
      'widget_added: New one',
      'data_source_added: Orders',
    ]);
    assert.deepEqual(reasons(later.subset), ['data_source_added: Support tickets']);
  });

  test('a wider filter default flags the links that do not lock that field; a narrower one flags nothing', async () => {
    const d = await dashboard();
    await create(d.id, { label: 'open' });
    await create(d.id, { label: 'locked', lockedFilters: { region: ['APAC'] } });
    await patchFilters(d.id, [{ ...FILTERS[0], default: ['EMEA', 'APAC'] }, FILTERS[1]], carol);
    const now = await links(d.id);
    assert.deepEqual(reasons(now.open), ['filter_default_widened: Region']);
    assert.deepEqual(reasons(now.locked), [], 'the locked value wins over any default');
    await patchFilters(d.id, [{ ...FILTERS[0], default: ['EMEA'] }, FILTERS[1]]);
    assert.deepEqual(reasons((await links(d.id)).open), ['filter_default_widened: Region'], 'narrowing adds nothing');
  });

  test('a filter a link locks, removed from the dashboard, flags that link', async () => {
    const d = await dashboard();
    await create(d.id, { label: 'locked', lockedFilters: { channel: 'Retail' } });
    await create(d.id, { label: 'other', lockedFilters: { region: ['EMEA'] } });
    await patchFilters(d.id, [FILTERS[0]]);
    const now = await links(d.id);
    assert.deepEqual(reasons(now.locked), ['locked_field_removed: Channel']);
    assert.deepEqual(reasons(now.other), ['filter_default_widened: Channel'], 'its default no longer limits the rows');
  });

  test('confirm clears the flag; the list of all my links and the dashboard card show it until then', async () => {
    const d = await dashboard();
    const link = await create(d.id, { label: 'all' });
    await addWidget(d.id, 'B');
    const mine = await json(await server.request(`/api/public-links?dashboard=${d.id}`, { token: alice }));
    assert.equal(mine.links[0].changedSinceShared, true);
    assert.deepEqual(reasons(mine.links[0]), ['widget_added: B']);
    const card = (await json(await server.request(`/api/dashboards/${d.id}`, { token: alice }))).dashboard.access;
    assert.equal(card.changedLinkCount, 1);
    assert.match(card.summary, /1 changed since shared\./);
    const authorCard = (await json(await server.request(`/api/dashboards/${d.id}`, { token: carol }))).dashboard.access;
    assert.equal(authorCard.changedLinkCount, 0, 'only those who manage links are told');

    const res = await confirm(d.id, link.id);
    assert.equal(res.status, 200);
    const confirmed = (await json(res)).link;
    assert.equal(confirmed.changedSinceShared, false);
    assert.deepEqual(confirmed.changes, []);
    assert.equal(confirmed.status, 'active');
    assert.equal(
      (await json(await server.request(`/api/dashboards/${d.id}`, { token: alice }))).dashboard.access.changedLinkCount,
      0,
    );
    assert.equal((await confirm(d.id, link.id)).status, 200, 'confirming an unflagged link changes nothing');

    await addWidget(d.id, 'C');
    assert.deepEqual(reasons((await links(d.id)).all), ['widget_added: C'], 'only what changed since the confirm');
  });

  test('pauseOnChange: the link is paused at once, audited, and viewers get the revoked answer', async () => {
    const d = await dashboard();
    const guarded = await create(d.id, { label: 'guarded', pauseOnChange: true });
    const revoked = await create(d.id, { label: 'revoked' });
    await server.request(`/api/dashboards/${d.id}/public-links/${revoked.id}`, { method: 'DELETE', token: alice });
    assert.equal((await server.request(`/api/public/${guarded.token}`)).status, 200);

    await addWidget(d.id, 'B');
    const now = (await links(d.id)).guarded;
    assert.equal(now.status, 'paused');
    assert.deepEqual(reasons(now), ['widget_added: B']);
    const paused = await server.request(`/api/public/${guarded.token}`);
    const gone = await server.request(`/api/public/${revoked.token}`);
    assert.equal(paused.status, 403);
    assert.deepEqual(
      withoutRequestId(await paused.json()),
      withoutRequestId(await gone.json()),
      'the answer of a revoked link',
    );

    const audit = await json(
      await server.request(`/api/dashboards/${d.id}/public-links/${guarded.id}/audit`, { token: alice }),
    );
    const guardRows = audit.events.filter((e: any) => e.route === 'exposure_guard');
    assert.deepEqual(
      guardRows.map((e: any) => e.outcome),
      ['auto_paused'],
    );
    await addWidget(d.id, 'C');
    const again = await json(
      await server.request(`/api/dashboards/${d.id}/public-links/${guarded.id}/audit`, { token: alice }),
    );
    assert.equal(
      again.events.filter((e: any) => e.route === 'exposure_guard').length,
      1,
      'an already paused link is not paused (or audited) again',
    );

    // The owner confirms and resumes: the same token works again.
    assert.equal((await confirm(d.id, guarded.id)).status, 200);
    const resumed = await server.request(`/api/dashboards/${d.id}/public-links/${guarded.id}/paused`, {
      method: 'PUT',
      token: alice,
      json: { paused: false },
    });
    assert.equal((await json(resumed)).link.status, 'active');
    assert.equal((await server.request(`/api/public/${guarded.token}`)).status, 200);
  });

  test('pauseOnChange is set by PATCH; bad input is a 400; others are refused exactly as for other link actions', async () => {
    const d = await dashboard();
    const link = await create(d.id, { label: 'x' });
    const patch = (body: unknown, token = alice) =>
      server.request(`/api/dashboards/${d.id}/public-links/${link.id}`, { method: 'PATCH', token, json: body });
    assert.equal((await json(await patch({ pauseOnChange: true }))).link.pauseOnChange, true);
    for (const bad of [
      { pauseOnChange: 'yes' },
      { pauseOnChange: null },
      { changes: [] },
      { changedSinceShared: false },
    ]) {
      const res = await patch(bad);
      assert.equal(res.status, 400, JSON.stringify(bad));
      assert.equal((await json(res)).error.code, 'invalid_request');
    }
    const created = await server.request(`/api/dashboards/${d.id}/public-links`, {
      method: 'POST',
      token: alice,
      json: { pauseOnChange: 1 },
    });
    assert.equal(created.status, 400);

    await addWidget(d.id, 'B');
    for (const [token, status, code] of [
      [carol, 403, 'not_owner'],
      [bob, 404, 'dashboard_not_found'],
    ] as const) {
      const res = await confirm(d.id, link.id, token);
      const paused = await server.request(`/api/dashboards/${d.id}/public-links/${link.id}/paused`, {
        method: 'PUT',
        token,
        json: { paused: true },
      });
      assert.equal(res.status, status);
      assert.equal((await json(res)).error.code, code);
      assert.equal(paused.status, status, 'the same answer as the pause route');
    }
    assert.equal((await links(d.id)).x.changedSinceShared, true, 'still flagged');
    assert.equal((await confirm(d.id, 'no-such-link')).status, 404);
  });
});

/**
 * Saves that land at the same moment each flag the link with their own reason: the guard merges its reasons into the
 * link's current ones under the row's lock (modifyLink), so one save never writes back a list read before another's
 * reasons were added. On PostgreSQL, several connections run the saves truly at once.
 */
for (const backend of seededBackends) {
  test(`concurrent saves never drop a reason: ${backend.name}`, { skip: backend.skip }, async () => {
    const { store, cleanup } = await backend.open();
    const server = await startTestServer({ store });
    try {
      const alice = await server.token('alice');
      const created = await server.request('/api/dashboards/sales-overview/public-links', {
        method: 'POST',
        token: alice,
        json: { label: 'all' },
      });
      assert.equal(created.status, 201, await created.clone().text());
      const linkId = (await json(created)).link.id as string;
      const titles = Array.from({ length: 8 }, (_, i) => `Concurrent ${i + 1}`);
      const added = await Promise.all(
        titles.map((title) =>
          server.request('/api/dashboards/sales-overview/widgets', { method: 'POST', token: alice, json: kpi(title) }),
        ),
      );
      assert.deepEqual(
        added.map((r) => r.status),
        titles.map(() => 201),
      );
      const link = (await store.getLink(linkId))!;
      assert.deepEqual(
        link.exposureChanges.map((c) => `${c.kind}: ${c.subject}`).sort(),
        titles.map((t) => `widget_added: ${t}`).sort(),
        'every save flagged the link, none overwrote another',
      );
    } finally {
      await server.close();
      await cleanup();
    }
  });
}
