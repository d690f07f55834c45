import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import type { FleetFilterState } from './fleetFilters';

const STATUSES = [
  ['all', 'All'],
  ['ok', 'Evaluated'],
  ['error', 'Evaluation failed'],
  ['refused', 'Refused'],
  ['pending', 'Pending'],
] as const;

const READINESS = [
  ['all', 'All'],
  ['conformant', 'Conformant'],
  ['not-conformant', 'Not conformant'],
  ['undecided', 'Undecided'],
  ['not-evaluated', 'Not evaluated'],
] as const;

/** Select boxes that narrow the fleet table by checklist version, status and readiness. */
export function FleetFilters(props: {
  value: FleetFilterState;
  onChange: (value: FleetFilterState) => void;
  checklistVersions: string[];
}) {
  const { value, onChange, checklistVersions } = props;
  return (
    <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ mb: 2 }}>
      <TextField
        select
        size="small"
        label="Checklist version"
        value={value.checklistVersion}
        onChange={e => onChange({ ...value, checklistVersion: e.target.value })}
        sx={{ minWidth: 180 }}
      >
        <MenuItem value="all">All</MenuItem>
        {checklistVersions.map(v => (
          <MenuItem key={v} value={v}>
            {v}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        select
        size="small"
        label="Status"
        value={value.status}
        onChange={e =>
          onChange({
            ...value,
            status: e.target.value as FleetFilterState['status'],
          })
        }
        sx={{ minWidth: 180 }}
      >
        {STATUSES.map(([key, label]) => (
          <MenuItem key={key} value={key}>
            {label}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        select
        size="small"
        label="Conformance"
        value={value.readiness}
        onChange={e =>
          onChange({
            ...value,
            readiness: e.target.value as FleetFilterState['readiness'],
          })
        }
        sx={{ minWidth: 180 }}
      >
        {READINESS.map(([key, label]) => (
          <MenuItem key={key} value={key}>
            {label}
          </MenuItem>
        ))}
      </TextField>
    </Stack>
  );
}
