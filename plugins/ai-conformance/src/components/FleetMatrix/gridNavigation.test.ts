import { nextGridPosition } from './gridNavigation';

describe('nextGridPosition', () => {
  const size = { rows: 30, cols: 5 };
  it.each([
    ['ArrowDown', false, { row: 1, col: 2 }, { row: 2, col: 2 }],
    ['ArrowUp', false, { row: 0, col: 2 }, { row: 0, col: 2 }],
    ['ArrowRight', false, { row: 1, col: 4 }, { row: 1, col: 4 }],
    ['ArrowLeft', false, { row: 1, col: 2 }, { row: 1, col: 1 }],
    ['Home', false, { row: 7, col: 3 }, { row: 7, col: 0 }],
    ['End', false, { row: 7, col: 1 }, { row: 7, col: 4 }],
    ['Home', true, { row: 7, col: 3 }, { row: 0, col: 0 }],
    ['End', true, { row: 7, col: 1 }, { row: 29, col: 4 }],
    ['PageDown', false, { row: 25, col: 1 }, { row: 29, col: 1 }],
    ['PageUp', false, { row: 15, col: 1 }, { row: 5, col: 1 }],
  ])('%s (ctrl %s) from %j goes to %j', (key, ctrl, from, to) => {
    expect(nextGridPosition(key, ctrl, from, size)).toEqual(to);
  });

  it('leaves other keys to the browser', () => {
    expect(
      nextGridPosition('Tab', false, { row: 0, col: 0 }, size),
    ).toBeUndefined();
  });
});
