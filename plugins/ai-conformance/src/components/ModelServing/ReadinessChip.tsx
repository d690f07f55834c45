import Chip from '@mui/material/Chip';
import { ModelServerView } from './modelServerEntity';

const PRESENTATION = {
  ready: { label: 'Ready', color: 'success' },
  'not-ready': { label: 'Not ready', color: 'error' },
  unknown: { label: 'Unknown', color: 'default' },
} as const;

/** The readiness of a model server as a chip. */
export function ReadinessChip(props: {
  readiness: ModelServerView['readiness'];
}) {
  const p = PRESENTATION[props.readiness];
  return (
    <Chip size="small" variant="outlined" color={p.color} label={p.label} />
  );
}
