import Box from '@mui/material/Box';
import type { Theme } from '@mui/material/styles';
import type {
  FleetMatrixColumn,
  FleetMatrixRow,
  Verdict,
} from '@internal/plugin-ai-conformance-common';
import { providerTitle } from '@internal/plugin-ai-conformance-common';
import {
  describeReadiness,
  getVerdictPresentation,
} from '@internal/plugin-ai-conformance-react';
import { useVirtualizer } from '@tanstack/react-virtual';
import {
  memo,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type MouseEvent,
} from 'react';
import { useNavigate } from 'react-router-dom';
import { requirementTitle } from '../../utils/requirements';
import type { RowGroup } from '../FleetView/fleetFilters';
import { nextGridPosition, type GridPosition } from './gridNavigation';

/** A glyph per verdict, so that the matrix never relies on color alone. */
const GLYPHS: Record<Verdict, string> = {
  pass: '✓',
  fail: '✗',
  'not-applicable': '–',
  unknown: '?',
  error: '!',
};

export interface FleetMatrixLinks {
  cluster?: (cluster: string) => string;
  /** The cluster page opened at one requirement's evidence. */
  evidence?: (cluster: string, requirement: string) => string;
  requirement?: (requirement: string) => string;
}

/**
 * Styles by class name, computed once per grid instead of per cell: a 500 × 16 matrix has 8,000
 * cells. Colors come from the theme's palette, so light and dark themes both work.
 */
const gridSx = (theme: Theme) => ({
  borderCollapse: 'separate' as const,
  borderSpacing: 0,
  fontSize: theme.typography.body2.fontSize,
  '& th, & td': {
    borderBottom: `1px solid ${theme.palette.divider}`,
    padding: theme.spacing(0.5, 0.75),
    backgroundColor: theme.palette.background.paper,
  },
  '& thead th': {
    position: 'sticky',
    top: 0,
    zIndex: 2,
    verticalAlign: 'bottom',
  },
  '& thead th.col': {
    writingMode: 'vertical-rl',
    transform: 'rotate(180deg)',
    whiteSpace: 'nowrap',
    textAlign: 'left',
    maxHeight: 180,
    fontWeight: theme.typography.fontWeightRegular,
  },
  '& thead th.col.must': { fontWeight: theme.typography.fontWeightBold },
  '& .rowheader': {
    position: 'sticky',
    left: 0,
    zIndex: 1,
    textAlign: 'left',
    whiteSpace: 'nowrap',
    minWidth: 180,
    fontWeight: theme.typography.fontWeightRegular,
  },
  '& thead th.rowheader': { zIndex: 3 },
  '& .caption': {
    display: 'block',
    color: theme.palette.text.secondary,
    fontSize: theme.typography.caption.fontSize,
  },
  '& tr.group th': {
    position: 'sticky',
    left: 0,
    textAlign: 'left',
    backgroundColor: theme.palette.action.hover,
    fontWeight: theme.typography.fontWeightBold,
  },
  '& td.cell': {
    textAlign: 'center',
    fontWeight: theme.typography.fontWeightBold,
    cursor: 'pointer',
    minWidth: 28,
  },
  '& td.cell a': { color: 'inherit', textDecoration: 'none' },
  '& .v-pass': { color: theme.palette.success.main },
  '& .v-fail': { color: theme.palette.error.main },
  '& .v-error': { color: theme.palette.warning.main },
  '& .v-unknown': { color: theme.palette.info.main },
  '& .v-not-applicable, & .v-none': { color: theme.palette.text.disabled },
  '& .r-conformant': { color: theme.palette.success.main },
  '& .r-not-conformant': { color: theme.palette.error.main },
  '& .r-undecided': { color: theme.palette.warning.main },
  '& [aria-selected="true"]': {
    outline: `2px solid ${theme.palette.primary.main}`,
    outlineOffset: -2,
  },
  '& [tabindex="0"]:focus-visible': {
    outline: `3px solid ${theme.palette.secondary.main}`,
    outlineOffset: -3,
  },
});

interface RowProps {
  row: FleetMatrixRow;
  rowIndex: number;
  /** Position among the grid's rows (1 is the header row), for `aria-rowindex`. */
  ariaRowIndex: number;
  /** Lets the virtualizer measure the row; the same function for every row. */
  measureRef?: (element: HTMLTableRowElement | null) => void;
  columns: FleetMatrixColumn[];
  /** The focusable column in this row, or -1 when the active cell is in another row. */
  activeCol: number;
  selectedRequirement?: string;
  links: FleetMatrixLinks;
}

/** One cluster's row; memoised so moving focus re-renders two rows, not 500. */
const MatrixRow = memo(function ClusterMatrixRow(props: RowProps) {
  const {
    row,
    rowIndex,
    ariaRowIndex,
    measureRef,
    columns,
    activeCol,
    selectedRequirement,
    links,
  } = props;
  const readiness = describeReadiness(row.summary);
  return (
    <tr
      role="row"
      aria-rowindex={ariaRowIndex}
      ref={measureRef}
      data-index={ariaRowIndex - 2}
    >
      <th
        role="rowheader"
        scope="row"
        className="rowheader"
        data-row={rowIndex}
        data-col={0}
        tabIndex={activeCol === 0 ? 0 : -1}
      >
        {links.cluster ? (
          <a href={links.cluster(row.cluster)} tabIndex={-1}>
            {row.name}
          </a>
        ) : (
          row.name
        )}
        <span className="caption">
          <span className={`r-${readiness.state}`}>{readiness.label}</span>
          {' · '}
          {row.provider
            ? providerTitle(row.provider.provider)
            : 'provider not detected'}
        </span>
      </th>
      {columns.map((column, index) => {
        const cell = row.cells[column.id];
        const verdict = cell ? getVerdictPresentation(cell.verdict) : undefined;
        const title = cell
          ? `${requirementTitle(column.id)} on ${row.name}: ${
              verdict!.label
            }. ${cell.reason}`
          : `${requirementTitle(column.id)} on ${row.name}: no verdict (${
              row.summary ? 'not in its checklist' : 'not evaluated'
            })`;
        return (
          <td
            key={column.id}
            role="gridcell"
            className={`cell v-${cell?.verdict ?? 'none'}`}
            title={title}
            aria-label={title}
            aria-selected={selectedRequirement === column.id}
            data-row={rowIndex}
            data-col={index + 1}
            data-requirement={column.id}
            tabIndex={activeCol === index + 1 ? 0 : -1}
          >
            {cell && links.evidence ? (
              <a
                href={links.evidence(row.cluster, column.id)}
                tabIndex={-1}
                aria-hidden
              >
                {GLYPHS[cell.verdict]}
              </a>
            ) : (
              <span aria-hidden>{cell ? GLYPHS[cell.verdict] : '·'}</span>
            )}
          </td>
        );
      })}
    </tr>
  );
});

export interface FleetMatrixGridProps {
  columns: FleetMatrixColumn[];
  groups: RowGroup<FleetMatrixRow>[];
  links: FleetMatrixLinks;
  selected?: { cluster: string; requirement: string };
  onSelect: (
    cell: { cluster: string; requirement: string } | undefined,
  ) => void;
  /** Grouping is shown with a header row per group. */
  grouped: boolean;
}

/** One line of the grid body: a group's header row or a cluster's row. */
type BodyLine<Row> =
  | { kind: 'group'; key: string; label: string; size: number }
  | { kind: 'row'; key: string; row: Row; rowIndex: number };

/** From this many body lines on, only the rows in view (and a few around them) are rendered. */
export const VIRTUALIZE_FROM_LINES = 100;
/** A cluster row's height (name and caption) before the browser has measured one. */
const ESTIMATED_LINE_PX = 45;

/** The body lines of the grid: group headers (when grouped) and the clusters in order. */
function bodyLines<Row extends { cluster: string }>(
  groups: RowGroup<Row>[],
  grouped: boolean,
): BodyLine<Row>[] {
  const lines: BodyLine<Row>[] = [];
  let rowIndex = 0;
  for (const group of groups) {
    if (grouped) {
      lines.push({
        kind: 'group',
        key: `group:${group.key}`,
        label: group.label,
        size: group.rows.length,
      });
    }
    for (const row of group.rows) {
      lines.push({ kind: 'row', key: row.cluster, row, rowIndex: rowIndex++ });
    }
  }
  return lines;
}

/**
 * The fleet matrix as a WAI-ARIA data grid: one row per cluster, one column per requirement.
 * One cell is in the tab order (roving tabindex); arrow keys, Home/End and PageUp/PageDown move
 * focus; Enter opens the cell's evidence; Space selects the cell. Headers stay visible while
 * scrolling. A large fleet is virtualized (TanStack Virtual): only the rows in view are in the
 * DOM, each with its `aria-rowindex` among `aria-rowcount` rows, and keyboard focus scrolls the
 * row it moves to into view.
 */
export function FleetMatrixGrid(props: FleetMatrixGridProps) {
  const { columns, groups, links, selected, onSelect, grouped } = props;
  const navigate = useNavigate();
  const gridRef = useRef<HTMLTableElement>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  const rows = useMemo(() => groups.flatMap(g => g.rows), [groups]);
  const lines = useMemo(() => bodyLines(groups, grouped), [groups, grouped]);
  const lineOfRow = useMemo(() => {
    const index: number[] = [];
    lines.forEach((line, i) => {
      if (line.kind === 'row') index[line.rowIndex] = i;
    });
    return index;
  }, [lines]);
  const virtual = lines.length >= VIRTUALIZE_FROM_LINES;
  const virtualizer = useVirtualizer({
    count: lines.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ESTIMATED_LINE_PX,
    getItemKey: index => lines[index].key,
    overscan: 10,
    enabled: virtual,
  });
  const [active, setActive] = useState<GridPosition>({ row: 0, col: 0 });
  const size = { rows: rows.length, cols: columns.length + 1 };
  const position = {
    row: Math.min(active.row, Math.max(0, size.rows - 1)),
    col: Math.min(active.col, size.cols - 1),
  };
  const focusPending = useRef(false);

  // Moves focus to the active cell once it is rendered: a virtualized row out of view is first
  // scrolled into view, and rendered a frame later.
  useEffect(() => {
    if (!focusPending.current) return;
    const element = gridRef.current?.querySelector<HTMLElement>(
      `[data-row="${position.row}"][data-col="${position.col}"]`,
    );
    if (element) {
      focusPending.current = false;
      element.focus();
    } else if (virtual) {
      virtualizer.scrollToIndex(lineOfRow[position.row] ?? 0, {
        align: 'auto',
      });
    }
  });

  const cellAt = (pos: GridPosition) => {
    const row = rows[pos.row];
    const column = columns[pos.col - 1];
    return row && column
      ? { cluster: row.cluster, requirement: column.id }
      : undefined;
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTableElement>) => {
    const next = nextGridPosition(
      event.key,
      event.ctrlKey || event.metaKey,
      position,
      size,
    );
    if (next) {
      event.preventDefault();
      focusPending.current = true;
      if (virtual) {
        virtualizer.scrollToIndex(lineOfRow[next.row] ?? 0, { align: 'auto' });
      }
      setActive(next);
      return;
    }
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      const link = (event.target as HTMLElement).querySelector('a');
      if (event.key === 'Enter' && link) {
        navigate(link.getAttribute('href')!);
      } else if (event.key === ' ') {
        const cell = cellAt(position);
        onSelect(
          cell &&
            !(
              selected?.cluster === cell.cluster &&
              selected.requirement === cell.requirement
            )
            ? cell
            : undefined,
        );
      }
    }
  };

  /** In-app links without a full reload; one handler for the whole grid. */
  const onClick = useCallback(
    (event: MouseEvent<HTMLTableElement>) => {
      const target = event.target as HTMLElement;
      const element = target.closest<HTMLElement>('[data-row]');
      if (element) {
        setActive({
          row: Number(element.dataset.row),
          col: Number(element.dataset.col),
        });
      }
      const link = target.closest('a');
      if (!link) {
        // A click beside the glyph selects the cell, as Space does.
        const requirement = element?.dataset.requirement;
        const cluster = rows[Number(element?.dataset.row)]?.cluster;
        if (requirement && cluster) onSelect({ cluster, requirement });
        return;
      }
      if (
        !event.ctrlKey &&
        !event.metaKey &&
        !event.shiftKey &&
        event.button === 0
      ) {
        event.preventDefault();
        navigate(link.getAttribute('href')!);
      }
    },
    [navigate, onSelect, rows],
  );

  const renderLine = (line: BodyLine<FleetMatrixRow>, lineIndex: number) =>
    line.kind === 'group' ? (
      <tr
        key={line.key}
        role="row"
        className="group"
        aria-rowindex={lineIndex + 2}
        ref={virtual ? virtualizer.measureElement : undefined}
        data-index={lineIndex}
      >
        <th role="rowheader" colSpan={columns.length + 1} scope="rowgroup">
          {line.label} ({line.size})
        </th>
      </tr>
    ) : (
      <MatrixRow
        key={line.key}
        row={line.row}
        rowIndex={line.rowIndex}
        ariaRowIndex={lineIndex + 2}
        measureRef={virtual ? virtualizer.measureElement : undefined}
        columns={columns}
        activeCol={line.rowIndex === position.row ? position.col : -1}
        selectedRequirement={
          selected?.cluster === line.row.cluster
            ? selected.requirement
            : undefined
        }
        links={links}
      />
    );

  let body;
  if (virtual) {
    const items = virtualizer.getVirtualItems();
    const before = items.length > 0 ? items[0].start : 0;
    const after =
      items.length > 0
        ? virtualizer.getTotalSize() - items[items.length - 1].end
        : 0;
    // Spacer rows keep the scroll height of the rows not rendered; they are not grid rows.
    body = (
      <>
        {before > 0 && <tr aria-hidden="true" style={{ height: before }} />}
        {items.map(item => renderLine(lines[item.index], item.index))}
        {after > 0 && <tr aria-hidden="true" style={{ height: after }} />}
      </>
    );
  } else {
    body = lines.map(renderLine);
  }

  return (
    <Box
      ref={scrollRef}
      sx={{ overflow: 'auto', maxHeight: '70vh', maxWidth: '100%' }}
      data-testid="fleet-matrix-scroll"
    >
      <Box
        component="table"
        ref={gridRef}
        role="grid"
        aria-label="Fleet matrix: verdict of each requirement on each cluster"
        // the header row, the clusters and, when grouped, one header row per group
        aria-rowcount={lines.length + 1}
        aria-colcount={columns.length + 1}
        onKeyDown={onKeyDown}
        onClick={onClick}
        sx={gridSx}
      >
        <thead>
          <tr role="row" aria-rowindex={1}>
            <th role="columnheader" scope="col" className="rowheader">
              Cluster
            </th>
            {columns.map(column => (
              <th
                key={column.id}
                role="columnheader"
                scope="col"
                className={`col ${column.level === 'MUST' ? 'must' : ''}`}
                title={`${requirementTitle(column.id)} (${column.level}${
                  column.conditional ? ', conditional' : ''
                })`}
              >
                {links.requirement ? (
                  <a href={links.requirement(column.id)} tabIndex={-1}>
                    {column.id}
                  </a>
                ) : (
                  column.id
                )}
                {column.level === 'MUST' ? ' *' : ''}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{body}</tbody>
      </Box>
    </Box>
  );
}
