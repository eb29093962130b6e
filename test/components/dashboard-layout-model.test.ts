import { expect } from '@open-wc/testing';
import {
  cellsMoved,
  describeMove,
  describeResize,
  fitPosition,
  isValidLayout,
  moveBy,
  overlaps,
  placeWidget,
  resizeBy,
  type LayoutItem,
} from '../../components/dashboard/layout-model.js';

const item = (id: string, x: number, y: number, w: number, h: number): LayoutItem => ({ id, position: { x, y, w, h } });
const at = (layout: LayoutItem[], id: string) => layout.find((i) => i.id === id)!.position;

describe('edit mode layout model (components/dashboard/layout-model.ts)', () => {
  // a b . . on row 0 (3 wide each), c below a.
  const layout = [item('a', 0, 0, 3, 2), item('b', 3, 0, 3, 2), item('c', 0, 2, 6, 4)];

  it('fits a position to the grid: whole cells, inside the 12 columns, 1 to 12 rows high', () => {
    expect(fitPosition({ x: 11, y: -2, w: 4, h: 0 })).to.deep.equal({ x: 8, y: 0, w: 4, h: 1 });
    expect(fitPosition({ x: 0.6, y: 1.4, w: 20, h: 30 })).to.deep.equal({ x: 0, y: 1, w: 12, h: 12 });
  });

  it('knows when two positions overlap (touching edges do not)', () => {
    expect(overlaps({ x: 0, y: 0, w: 3, h: 2 }, { x: 3, y: 0, w: 3, h: 2 })).to.equal(false);
    expect(overlaps({ x: 0, y: 0, w: 3, h: 2 }, { x: 2, y: 1, w: 3, h: 2 })).to.equal(true);
    expect(overlaps({ x: 0, y: 0, w: 3, h: 2 }, { x: 0, y: 2, w: 3, h: 2 })).to.equal(false);
  });

  it('moves by whole cells into free space without touching the others', () => {
    const next = moveBy(layout, 'b', 2, 0);
    expect(at(next, 'b')).to.deep.equal({ x: 5, y: 0, w: 3, h: 2 });
    expect(at(next, 'a')).to.deep.equal(at(layout, 'a'));
    expect(at(next, 'c')).to.deep.equal(at(layout, 'c'));
    expect(
      next.map((i) => i.id),
      'the order stays (DOM and tab order)',
    ).to.deep.equal(['a', 'b', 'c']);
  });

  it('stops at the grid edges: never left of column 1, right of column 12 or above row 1', () => {
    expect(at(moveBy(layout, 'a', -1, 0), 'a')).to.deep.equal({ x: 0, y: 0, w: 3, h: 2 });
    expect(at(moveBy(layout, 'a', 0, -3), 'a')).to.deep.equal({ x: 0, y: 0, w: 3, h: 2 });
    expect(at(moveBy(layout, 'b', 20, 0), 'b')).to.deep.equal({ x: 9, y: 0, w: 3, h: 2 });
  });

  it('pushes the widgets it lands on down, in cascade, so nothing ever overlaps', () => {
    const next = moveBy(layout, 'b', -2, 1); // onto a and c
    expect(at(next, 'b')).to.deep.equal({ x: 1, y: 1, w: 3, h: 2 });
    expect(at(next, 'a')).to.deep.equal({ x: 0, y: 3, w: 3, h: 2 });
    expect(at(next, 'c')).to.deep.equal({ x: 0, y: 5, w: 6, h: 4 });
    expect(isValidLayout(next)).to.equal(true);
  });

  it('resizes from the top-left corner within the grid and pushes what it covers down', () => {
    const wider = resizeBy(layout, 'a', 1, 0);
    expect(at(wider, 'a')).to.deep.equal({ x: 0, y: 0, w: 4, h: 2 });
    expect(at(wider, 'b')).to.deep.equal({ x: 3, y: 2, w: 3, h: 2 });
    expect(at(wider, 'c')).to.deep.equal({ x: 0, y: 4, w: 6, h: 4 });
    expect(isValidLayout(wider)).to.equal(true);
    expect(at(resizeBy(layout, 'b', 20, 20), 'b')).to.deep.equal({ x: 3, y: 0, w: 9, h: 12 });
    expect(at(resizeBy(layout, 'a', -5, -5), 'a')).to.deep.equal({ x: 0, y: 0, w: 1, h: 1 });
  });

  it('places at an exact spot (a drop) and cleans up a saved layout that overlapped', () => {
    const messy = [item('a', 0, 0, 6, 2), item('b', 2, 1, 6, 2), item('c', 10, 0, 4, 2)];
    expect(isValidLayout(messy)).to.equal(false);
    const next = placeWidget(messy, 'a', { x: 0, y: 0, w: 6, h: 2 });
    expect(isValidLayout(next)).to.equal(true);
    expect(at(next, 'b')).to.deep.equal({ x: 2, y: 2, w: 6, h: 2 });
    expect(at(next, 'c'), 'fitted inside the right edge').to.deep.equal({ x: 8, y: 0, w: 4, h: 2 });
    expect(placeWidget(layout, 'zzz', { x: 0, y: 0, w: 1, h: 1 })).to.deep.equal(layout);
  });

  it('turns pointer travel into whole cells (half a cell rounds)', () => {
    expect(cellsMoved(0, 80)).to.equal(0);
    expect(cellsMoved(39, 80)).to.equal(0);
    expect(cellsMoved(41, 80)).to.equal(1);
    expect(cellsMoved(-170, 80)).to.equal(-2);
    expect(cellsMoved(100, 0)).to.equal(0);
  });

  it('says columns and rows from 1', () => {
    expect(describeMove('Revenue', { x: 2, y: 1, w: 4, h: 2 })).to.equal('Revenue moved to column 3, row 2');
    expect(describeResize('Revenue', { x: 2, y: 1, w: 4, h: 2 })).to.equal('Revenue resized to 4 by 2');
  });

  it('never changes the layout it is given', () => {
    const copy = structuredClone(layout);
    moveBy(layout, 'b', -2, 1);
    resizeBy(layout, 'a', 3, 3);
    expect(layout).to.deep.equal(copy);
  });
});
