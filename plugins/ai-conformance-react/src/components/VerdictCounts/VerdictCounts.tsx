import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type {
  EvaluationSummary,
  Verdict,
} from '@internal/plugin-ai-conformance-common';
import { getVerdictPresentation } from '../../utils/verdicts';

const ORDER: Array<[Verdict, keyof EvaluationSummary]> = [
  ['pass', 'pass'],
  ['fail', 'fail'],
  ['error', 'error'],
  ['unknown', 'unknown'],
  ['not-applicable', 'notApplicable'],
];

/** @public */
export interface VerdictCountsProps {
  summary: EvaluationSummary;
}

/**
 * How many requirements got each verdict, as a compact line ("8 Pass · 1 Fail · 2 N/A").
 * Verdicts with a count of zero are left out.
 *
 * @public
 */
export function VerdictCounts(props: VerdictCountsProps) {
  const { summary } = props;
  const parts = ORDER.filter(([, key]) => Number(summary[key]) > 0).map(
    ([verdict, key]) => ({
      verdict,
      count: Number(summary[key]),
      presentation: getVerdictPresentation(verdict),
    }),
  );
  return (
    <Stack
      direction="row"
      spacing={1.5}
      component="ul"
      aria-label="Verdict counts"
      sx={{ listStyle: 'none', p: 0, m: 0, flexWrap: 'wrap' }}
    >
      {parts.map(({ verdict, count, presentation }) => (
        <Typography
          key={verdict}
          component="li"
          variant="body2"
          color={
            presentation.color === 'default'
              ? 'text.secondary'
              : `${presentation.color}.main`
          }
        >
          <strong>{count}</strong> {presentation.label}
        </Typography>
      ))}
      <Typography component="li" variant="body2" color="text.secondary">
        of {summary.total}
      </Typography>
    </Stack>
  );
}
