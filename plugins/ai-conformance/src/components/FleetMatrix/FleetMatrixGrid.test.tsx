import { renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { fleetMatrix } from '../../__fixtures__/data';
import { groupRows } from '../FleetView/fleetFilters';
import { FleetMatrixGrid, VIRTUALIZE_FROM_LINES } from './FleetMatrixGrid';

/** `count` copies of the fixture's first row under distinct names. */
function manyRows(count: number) {
  const { columns, rows } = fleetMatrix();
  return {
    columns,
    rows: Array.from({ length: count }, (_, i) => ({
      ...rows[0],
      cluster: `config:gpu-${i}`,
      name: `gpu-${i}`,
    })),
  };
}

describe('FleetMatrixGrid', () => {
  const afterTest: Array<() => void> = [];
  afterEach(() => afterTest.splice(0).forEach(restore => restore()));

  it('renders every row of a small fleet, each with its aria-rowindex', async () => {
    const { columns, rows } = manyRows(3);
    await renderInTestApp(
      <FleetMatrixGrid
        columns={columns}
        groups={groupRows(rows, 'none')}
        grouped={false}
        links={{}}
        onSelect={() => {}}
      />,
    );
    const grid = screen.getByRole('grid');
    expect(grid).toHaveAttribute('aria-rowcount', '4');
    const headers = within(grid).getAllByRole('rowheader');
    expect(
      headers.map(h => h.closest('tr')!.getAttribute('aria-rowindex')),
    ).toEqual(['2', '3', '4']);
  });

  it('virtualizes a large fleet: all rows counted, only the first ones in the DOM', async () => {
    // jsdom has no layout: a 630 px high scroll area (clientHeight) and 45 px rows (offsetHeight).
    const rowHeight = jest
      .spyOn(HTMLElement.prototype, 'offsetHeight', 'get')
      .mockReturnValue(45);
    const size = jest
      .spyOn(Element.prototype, 'clientHeight', 'get')
      .mockReturnValue(630);
    const width = jest
      .spyOn(Element.prototype, 'clientWidth', 'get')
      .mockReturnValue(1200);
    afterTest.push(() => {
      size.mockRestore();
      rowHeight.mockRestore();
      width.mockRestore();
    });
    const count = VIRTUALIZE_FROM_LINES + 50;
    const { columns, rows } = manyRows(count);
    await renderInTestApp(
      <FleetMatrixGrid
        columns={columns}
        groups={groupRows(rows, 'none')}
        grouped={false}
        links={{}}
        onSelect={() => {}}
      />,
    );
    const grid = screen.getByRole('grid');
    expect(grid).toHaveAttribute('aria-rowcount', String(count + 1));
    const rendered = within(grid).getAllByRole('rowheader');
    expect(rendered.length).toBeGreaterThan(0);
    expect(rendered.length).toBeLessThan(count);
    expect(rendered[0]).toHaveTextContent('gpu-0');
    expect(rendered[0].closest('tr')).toHaveAttribute('aria-rowindex', '2');
  });
});
