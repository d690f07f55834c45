import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { FleetMatrix } from '@internal/plugin-ai-conformance-common';
import { useMemo } from 'react';
import { useOptionalRouteRef } from '../../hooks/useOptionalRouteRef';
import { clusterRouteRef, requirementRouteRef } from '../../routes';
import { groupRows } from '../FleetView/fleetFilters';
import type { FleetQuery } from '../FleetView/fleetQuery';
import { FleetMatrixGrid, type FleetMatrixLinks } from './FleetMatrixGrid';
import { MatrixLegend } from './MatrixLegend';
import { SelectedCellPanel } from './SelectedCellPanel';

/** The links of the matrix, stable across renders so that rows stay memoised. */
function useMatrixLinks(): FleetMatrixLinks {
  const clusterLink = useOptionalRouteRef(clusterRouteRef);
  const requirementLink = useOptionalRouteRef(requirementRouteRef);
  return useMemo(
    () => ({
      cluster: clusterLink
        ? (cluster: string) =>
            clusterLink({ cluster: encodeURIComponent(cluster) })
        : undefined,
      evidence: clusterLink
        ? (cluster: string, requirement: string) =>
            `${clusterLink({
              cluster: encodeURIComponent(cluster),
            })}?${new URLSearchParams({ requirement })}`
        : undefined,
      requirement: requirementLink
        ? (requirementId: string) => requirementLink({ requirementId })
        : undefined,
    }),
    [clusterLink, requirementLink],
  );
}

/** The matrix tab: the filtered clusters against the chosen checklist's requirements. */
export function FleetMatrixView(props: {
  matrix: FleetMatrix;
  rows: FleetMatrix['rows'];
  query: FleetQuery;
  onChange: (patch: Partial<FleetQuery>) => void;
}) {
  const { matrix, rows, query, onChange } = props;
  const links = useMatrixLinks();
  const groups = useMemo(
    () => groupRows(rows, query.group),
    [rows, query.group],
  );
  const selectedRow = query.cell
    ? matrix.rows.find(r => r.cluster === query.cell!.cluster)
    : undefined;

  return (
    <>
      <Stack direction="row" spacing={2} alignItems="center" sx={{ mb: 1 }}>
        <TextField
          select
          size="small"
          label="Requirements of checklist"
          value={matrix.checklistVersion}
          onChange={e => onChange({ columns: e.target.value, cell: undefined })}
          sx={{ minWidth: 200 }}
        >
          {matrix.checklistVersions.map(v => (
            <MenuItem key={v} value={v}>
              {v}
            </MenuItem>
          ))}
        </TextField>
        <Typography variant="body2" color="text.secondary">
          {rows.length} of {matrix.rows.length} clusters ×{' '}
          {matrix.columns.length} requirements
        </Typography>
      </Stack>
      <MatrixLegend />
      {rows.length === 0 ? (
        <Typography sx={{ p: 2 }}>No cluster matches these filters.</Typography>
      ) : (
        <FleetMatrixGrid
          columns={matrix.columns}
          groups={groups}
          grouped={query.group !== 'none'}
          links={links}
          selected={query.cell}
          onSelect={cell => onChange({ cell })}
        />
      )}
      {query.cell && (
        <SelectedCellPanel
          row={selectedRow}
          requirement={query.cell.requirement}
          links={links}
          onClose={() => onChange({ cell: undefined })}
        />
      )}
    </>
  );
}
