/** A cell of a data grid: row and column index (column 0 is the row header). */
export interface GridPosition {
  row: number;
  col: number;
}

/** How many rows PageUp / PageDown move. */
const PAGE = 10;

/**
 * Where focus goes for a key in a data grid (WAI-ARIA grid pattern): arrows move one cell,
 * Home/End to the ends of the row, Ctrl+Home/End to the first/last cell, PageUp/PageDown by ten
 * rows. Undefined for keys the grid does not handle. Pure.
 */
export function nextGridPosition(
  key: string,
  ctrlKey: boolean,
  position: GridPosition,
  size: { rows: number; cols: number },
): GridPosition | undefined {
  const clampRow = (row: number) => Math.max(0, Math.min(size.rows - 1, row));
  const clampCol = (col: number) => Math.max(0, Math.min(size.cols - 1, col));
  const { row, col } = position;
  switch (key) {
    case 'ArrowUp':
      return { row: clampRow(row - 1), col };
    case 'ArrowDown':
      return { row: clampRow(row + 1), col };
    case 'ArrowLeft':
      return { row, col: clampCol(col - 1) };
    case 'ArrowRight':
      return { row, col: clampCol(col + 1) };
    case 'Home':
      return ctrlKey ? { row: 0, col: 0 } : { row, col: 0 };
    case 'End':
      return ctrlKey
        ? { row: size.rows - 1, col: size.cols - 1 }
        : { row, col: size.cols - 1 };
    case 'PageUp':
      return { row: clampRow(row - PAGE), col };
    case 'PageDown':
      return { row: clampRow(row + PAGE), col };
    default:
      return undefined;
  }
}
