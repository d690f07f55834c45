import { InfoCard } from '@backstage/core-components';
import FormControlLabel from '@mui/material/FormControlLabel';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import Typography from '@mui/material/Typography';
import type { RequirementResult } from '@internal/plugin-ai-conformance-common';
import { useSearchParams } from 'react-router-dom';
import { CATEGORIES, categoryTitle } from '../../utils/categories';
import { RequirementResultRow } from './RequirementResultRow';

const NEEDS_ATTENTION = new Set(['fail', 'error', 'unknown']);

/** The results of one scorecard grouped by checklist category, in the template's order. */
export function RequirementsByCategory(props: {
  requirements: RequirementResult[];
  fleetLink?: (requirementId: string) => string;
}) {
  const { requirements, fleetLink } = props;
  // In the URL, so a link (from a fleet matrix cell) opens the requirement and keeps the switch.
  const [params, setParams] = useSearchParams();
  const focusedId = params.get('requirement');
  const onlyAttention = params.get('attention') === '1';
  const setOnlyAttention = (value: boolean) =>
    setParams(
      current => {
        const next = new URLSearchParams(current);
        if (value) next.set('attention', '1');
        else next.delete('attention');
        return next;
      },
      { replace: true },
    );
  const shown = onlyAttention
    ? requirements.filter(r => NEEDS_ATTENTION.has(r.verdict))
    : requirements;

  const known = CATEGORIES.map(c => c.key as string);
  const extra = [...new Set(shown.map(r => r.category))].filter(
    c => !known.includes(c),
  );
  const groups = [...known, ...extra]
    .map(key => ({ key, results: shown.filter(r => r.category === key) }))
    .filter(group => group.results.length > 0);

  return (
    <Stack spacing={2}>
      <FormControlLabel
        control={
          <Switch
            checked={onlyAttention}
            onChange={event => setOnlyAttention(event.target.checked)}
          />
        }
        label="Only show requirements that need attention (fail, error, unknown)"
      />
      {groups.length === 0 && (
        <Typography variant="body2" color="text.secondary">
          Nothing needs attention: every requirement passes or does not apply.
        </Typography>
      )}
      {groups.map(group => (
        <InfoCard key={group.key} title={categoryTitle(group.key)} noPadding>
          {group.results.map(result => (
            <RequirementResultRow
              key={result.id}
              result={result}
              fleetLink={fleetLink?.(result.id)}
              focused={result.id === focusedId}
            />
          ))}
        </InfoCard>
      ))}
    </Stack>
  );
}
