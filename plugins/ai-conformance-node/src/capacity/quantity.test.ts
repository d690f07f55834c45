import { parseQuantity } from './quantity';

describe('parseQuantity', () => {
  it.each([
    ['8', 8],
    ['100m', 0.1],
    ['1.5Gi', 1.5 * 2 ** 30],
    ['80Gi', 80 * 2 ** 30],
    ['4864Mi', 4864 * 2 ** 20],
    ['4Ti', 4 * 2 ** 40],
    ['1e3', 1000],
    ['2k', 2000],
    ['.5', 0.5],
    ['+3', 3],
  ])('%s is %d', (text, value) => {
    expect(parseQuantity(text)).toBeCloseTo(value, 9);
  });

  it.each(['', 'abc', '1.5.2', '8 GPUs', '1Gb', '--1', 'Gi'])(
    'rejects %p',
    text => {
      expect(parseQuantity(text)).toBeUndefined();
    },
  );
});
