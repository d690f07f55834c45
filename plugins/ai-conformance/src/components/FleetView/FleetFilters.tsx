import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { memo, useMemo } from 'react';
import {
  DIMENSION_LABELS,
  DIMENSIONS,
  dimensionValueLabel,
  valuesIn,
  type Dimension,
  type FleetFilterState,
  type FleetRow,
} from './fleetFilters';

/**
 * Filters by provider, owner, lifecycle, Kubernetes version, checklist version, verdict and
 * status (only values present in the fleet are offered), a name search and the grouping.
 * Memoised: a filter change re-renders the filtered views, not the eight selects.
 */
export const FleetFilters = memo(function FleetFiltersForm(props: {
  rows: FleetRow[];
  value: FleetFilterState;
  onChange: (value: FleetFilterState) => void;
  group: Dimension | 'none';
  onGroupChange?: (group: Dimension | 'none') => void;
}) {
  const { rows, value, onChange, group, onGroupChange } = props;
  const options = useMemo(
    () =>
      Object.fromEntries(DIMENSIONS.map(d => [d, valuesIn(rows, d)])) as Record<
        Dimension,
        string[]
      >,
    [rows],
  );
  return (
    <Stack
      direction="row"
      flexWrap="wrap"
      useFlexGap
      spacing={1.5}
      sx={{ mb: 2 }}
      component="form"
      role="search"
      aria-label="Filter the fleet"
      onSubmit={e => e.preventDefault()}
    >
      <TextField
        size="small"
        label="Cluster name"
        type="search"
        value={value.search}
        onChange={e => onChange({ ...value, search: e.target.value })}
        sx={{ width: 180 }}
      />
      {DIMENSIONS.map(dimension => {
        const values = options[dimension];
        // A value in the URL that the fleet no longer has stays selectable, so it can be cleared.
        const present =
          value[dimension] === 'all' || values.includes(value[dimension])
            ? values
            : [...values, value[dimension]];
        return (
          <TextField
            key={dimension}
            select
            size="small"
            label={DIMENSION_LABELS[dimension]}
            value={value[dimension]}
            onChange={e => onChange({ ...value, [dimension]: e.target.value })}
            sx={{ minWidth: 150 }}
          >
            <MenuItem value="all">All</MenuItem>
            {present.map(v => (
              <MenuItem key={v} value={v}>
                {dimensionValueLabel(dimension, v)}
              </MenuItem>
            ))}
          </TextField>
        );
      })}
      {onGroupChange && (
        <TextField
          select
          size="small"
          label="Group by"
          value={group}
          onChange={e => onGroupChange(e.target.value as Dimension | 'none')}
          sx={{ minWidth: 150 }}
        >
          <MenuItem value="none">No grouping</MenuItem>
          {DIMENSIONS.map(d => (
            <MenuItem key={d} value={d}>
              {DIMENSION_LABELS[d]}
            </MenuItem>
          ))}
        </TextField>
      )}
    </Stack>
  );
});
