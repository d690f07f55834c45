import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { VERDICTS } from '@internal/plugin-ai-conformance-common';
import { VerdictChip } from '@internal/plugin-ai-conformance-react';

/** What the matrix glyphs mean, and how to use the grid from the keyboard. */
export function MatrixLegend() {
  return (
    <Stack
      direction="row"
      spacing={1}
      alignItems="center"
      flexWrap="wrap"
      useFlexGap
      sx={{ mb: 1 }}
    >
      {VERDICTS.map(v => (
        <VerdictChip key={v} verdict={v} />
      ))}
      <Typography variant="caption" color="text.secondary">
        ✓ pass · ✗ fail · – N/A · ? unknown · ! error · * MUST. Hover a cell for
        the reason; arrow keys move, Enter opens the evidence, Space selects.
      </Typography>
    </Stack>
  );
}
