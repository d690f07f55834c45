import { useApi } from '@backstage/core-plugin-api';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import FormControl from '@mui/material/FormControl';
import FormHelperText from '@mui/material/FormHelperText';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import { providerTitle } from '@internal/plugin-ai-conformance-common';
import {
  aiConformanceApiRef,
  describeError,
} from '@internal/plugin-ai-conformance-react';
import useAsync from 'react-use/esm/useAsync';
import {
  clusterValue,
  eligibleClusters,
  type ConformantClusterPickerOptions,
} from './eligibleClusters';

/**
 * A scaffolder field that offers only the clusters meeting the template's conditions
 * (`ui:options.requirements`, `ui:options.requireConformant`). Its value is the cluster's identity:
 * its entity ref, or `config:<name>` for clusters from app-config, which
 * `ai-conformance:cluster:assert` accepts.
 *
 * @public
 */
export function ConformantClusterPicker(
  props: FieldExtensionComponentProps<string, ConformantClusterPickerOptions>,
) {
  const {
    onChange,
    formData,
    required,
    rawErrors,
    uiSchema,
    schema,
    idSchema,
  } = props;
  const options = (uiSchema?.['ui:options'] ??
    {}) as ConformantClusterPickerOptions;
  const api = useApi(aiConformanceApiRef);
  const {
    value: matrix,
    loading,
    error,
  } = useAsync(() => api.getFleetMatrix(), [api]);
  const eligible = matrix ? eligibleClusters(matrix.rows, options) : [];
  const conditions = [
    options.requireConformant ?? true ? 'AI conformant' : undefined,
    options.requirements?.length
      ? `passing ${options.requirements.join(', ')}`
      : undefined,
  ]
    .filter(Boolean)
    .join(' and ');

  let helper =
    schema.description ??
    `Only clusters that are ${conditions || 'evaluated'} are offered.`;
  if (error) helper = `Could not load the clusters: ${describeError(error)}`;
  else if (matrix && eligible.length === 0) {
    helper = `No cluster is ${conditions}; see the AI Conformance page for what each cluster lacks.`;
  }

  return (
    <FormControl
      fullWidth
      required={required}
      error={Boolean(rawErrors?.length) || Boolean(error)}
    >
      <TextField
        select
        id={idSchema?.$id}
        label={schema.title ?? 'Cluster'}
        required={required}
        value={formData ?? ''}
        disabled={loading || eligible.length === 0}
        onChange={e => onChange(e.target.value)}
        SelectProps={{
          inputProps: { 'aria-describedby': `${idSchema?.$id}-helper` },
        }}
      >
        {eligible.map(row => (
          <MenuItem key={row.cluster} value={clusterValue(row)}>
            {row.name}
            {row.provider
              ? ` (${providerTitle(row.provider.provider)}, checklist ${
                  row.checklistVersion
                })`
              : ''}
          </MenuItem>
        ))}
      </TextField>
      <FormHelperText id={`${idSchema?.$id}-helper`}>{helper}</FormHelperText>
    </FormControl>
  );
}
