import { expect } from '@open-wc/testing';
import {
  draftChanges,
  draftProblem,
  startDraft,
  draftLayout,
  visibleWidgets,
  withDescription,
  withLayout,
  withTitle,
  withWidgetEdited,
  withWidgetAdded,
  withWidgetRemoved,
  withoutNewWidget,
  type WidgetSpec,
} from '../../components/dashboard/edit-draft.js';
import type { WidgetDefinition } from '../../components/internal/types.js';

const saved = (id: string, x: number, y: number, w: number, h: number): WidgetDefinition =>
  ({
    id,
    title: id,
    type: 'kpi',
    dataSourceId: 'orders',
    query: { metrics: [{ agg: 'count', as: 'count', label: 'Count' }], dimensions: [], filters: [], sort: [] },
    position: { x, y, w, h },
  }) as WidgetDefinition;

const spec = (title: string, type: WidgetSpec['type'] = 'kpi'): WidgetSpec => ({
  title,
  type,
  dataSourceId: 'orders',
  query: { metrics: [{ agg: 'count', as: 'count', label: 'Count' }], dimensions: [], filters: [], sort: [] },
});

describe('edit mode draft (components/dashboard/edit-draft.ts)', () => {
  const widgets = [saved('a', 0, 0, 3, 2), saved('b', 3, 0, 3, 2)];
  const dashboard = { title: 'Sales overview' };

  it('starts with the saved title and no changes', () => {
    const draft = startDraft(dashboard);
    expect(draft.title).to.equal('Sales overview');
    expect(visibleWidgets(widgets, draft).map((w) => w.id)).to.deep.equal(['a', 'b']);
    expect(draftChanges(dashboard, draft)).to.deep.equal({ removedWidgetIds: [], addedWidgets: [] });
    expect(draftProblem(draft)).to.equal('');
  });

  it('reports a changed title trimmed, and refuses an empty one', () => {
    expect(draftChanges(dashboard, withTitle(startDraft(dashboard), '  New name ')).title).to.equal('New name');
    expect(draftChanges(dashboard, withTitle(startDraft(dashboard), ' Sales overview ')).title).to.equal(undefined);
    expect(draftProblem(withTitle(startDraft(dashboard), '   '))).to.equal('The title cannot be empty.');
  });

  it('places new widgets beside the last one, shows them after the saved ones and lists them for Save', () => {
    let draft = withWidgetAdded(startDraft(dashboard), widgets, spec('c'));
    draft = withWidgetAdded(draft, widgets, spec('d', 'table'));
    const shown = visibleWidgets(widgets, draft);
    expect(shown.map((w) => [w.id, w.isNew ?? false])).to.deep.equal([
      ['a', false],
      ['b', false],
      ['new-0', true],
      ['new-1', true],
    ]);
    expect(shown[2]!.position).to.deep.equal({ x: 6, y: 0, w: 3, h: 2 });
    expect(shown[3]!.position).to.deep.equal({ x: 0, y: 2, w: 12, h: 4 });
    expect(draftChanges(dashboard, draft).addedWidgets.map((w) => w.title)).to.deep.equal(['c', 'd']);
  });

  it('removes a new widget from the draft but marks a saved one for removal', () => {
    let draft = withWidgetAdded(startDraft(dashboard), widgets, spec('c'));
    draft = withWidgetRemoved(draft, { id: 'new-0', isNew: true });
    draft = withWidgetRemoved(draft, { id: 'a' });
    expect(visibleWidgets(widgets, draft).map((w) => w.id)).to.deep.equal(['b']);
    expect(draftChanges(dashboard, draft)).to.deep.equal({ removedWidgetIds: ['a'], addedWidgets: [] });
  });

  it('never reuses a temporary id after a removal, and drops a widget Save has stored', () => {
    let draft = withWidgetAdded(startDraft(dashboard), widgets, spec('c'));
    draft = withWidgetAdded(draft, widgets, spec('d'));
    draft = withWidgetRemoved(draft, { id: 'new-0', isNew: true });
    draft = withWidgetAdded(draft, widgets, spec('e'));
    expect(draft.added.map((w) => w.tempId)).to.deep.equal(['new-1', 'new-2']);
    expect(withoutNewWidget(draft, 'new-1').added.map((w) => w.title)).to.deep.equal(['e']);
  });

  it('never changes the draft it is given', () => {
    const draft = startDraft(dashboard);
    withWidgetRemoved(withWidgetAdded(withTitle(draft, 'x'), widgets, spec('c')), { id: 'a' });
    expect(draft).to.deep.equal(startDraft(dashboard));
  });

  it('reports a changed description trimmed, and nothing when it is the same', () => {
    const withText = { title: 'Sales overview', description: 'Old' };
    expect(startDraft(withText).description).to.equal('Old');
    expect(draftChanges(withText, withDescription(startDraft(withText), ' New text ')).description).to.equal(
      'New text',
    );
    expect(draftChanges(withText, withDescription(startDraft(withText), 'Old ')).description).to.equal(undefined);
  });

  it('edits a saved widget through the draft and a new one in place; both show as edited', () => {
    let draft = withWidgetAdded(startDraft(dashboard), widgets, spec('c'));
    draft = withWidgetEdited(draft, { id: 'a' }, { title: 'A renamed', type: 'table' });
    draft = withWidgetEdited(draft, { id: 'new-0', isNew: true }, { title: 'C renamed' });
    const shown = visibleWidgets(widgets, draft);
    expect(shown.map((w) => [w.id, w.title, w.type])).to.deep.equal([
      ['a', 'A renamed', 'table'],
      ['b', 'b', 'kpi'],
      ['new-0', 'C renamed', 'kpi'],
    ]);
    expect(widgets[0]!.title, 'the saved widget is untouched').to.equal('a');
  });

  it('takes a new layout: only the widgets whose place changed get an edit', () => {
    const draft = withWidgetAdded(startDraft(dashboard), widgets, spec('c'));
    const layout = draftLayout(widgets, draft).map((item) =>
      item.id === 'b' || item.id === 'new-0' ? { ...item, position: { ...item.position, y: 5 } } : item,
    );
    const next = withLayout(draft, widgets, layout);
    expect([...next.edits.keys()]).to.deep.equal(['b']);
    expect(visibleWidgets(widgets, next).map((w) => w.position.y)).to.deep.equal([0, 5, 5]);
  });
});
