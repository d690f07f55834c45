import { Link } from '@backstage/core-components';
import Accordion from '@mui/material/Accordion';
import AccordionDetails from '@mui/material/AccordionDetails';
import AccordionSummary from '@mui/material/AccordionSummary';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import ExpandMore from '@mui/icons-material/ExpandMore';
import {
  getRequirement,
  type RequirementResult,
} from '@internal/plugin-ai-conformance-common';
import { VerdictChip } from '@internal/plugin-ai-conformance-react';
import { KAR_INDEX_URL } from '../../utils/requirements';
import { EvidenceList } from './EvidenceList';

function Section(props: { title: string; children: string }) {
  return (
    <Box>
      <Typography variant="subtitle2">{props.title}</Typography>
      <Typography variant="body2">{props.children}</Typography>
    </Box>
  );
}

/**
 * One requirement's result: verdict, level and reason in the summary line; our description, how
 * the verdict was reached, what to fix and the evidence when expanded.
 */
export function RequirementResultRow(props: {
  result: RequirementResult;
  /** Link to the requirement across the fleet, when the page is mounted. */
  fleetLink?: string;
  /** Opened on arrival: the requirement a link (e.g. a fleet matrix cell) points at. */
  focused?: boolean;
}) {
  const { result, fleetLink, focused } = props;
  const definition = getRequirement(result.id);
  const title = definition?.title ?? result.id;
  const needsAction =
    result.verdict !== 'pass' && result.verdict !== 'not-applicable';
  const summaryId = `requirement-${result.id}-summary`;

  return (
    <Accordion
      disableGutters
      defaultExpanded={focused}
      TransitionProps={{ unmountOnExit: true }}
      ref={element => {
        if (focused && element) element.scrollIntoView?.({ block: 'center' });
      }}
    >
      <AccordionSummary
        expandIcon={<ExpandMore />}
        id={summaryId}
        aria-controls={`requirement-${result.id}-details`}
      >
        <Stack
          direction="row"
          spacing={2}
          alignItems="flex-start"
          sx={{ width: '100%' }}
        >
          <Box sx={{ minWidth: 110 }}>
            <VerdictChip verdict={result.verdict} />
          </Box>
          <Box sx={{ flexGrow: 1 }}>
            <Stack
              direction="row"
              spacing={1}
              alignItems="center"
              flexWrap="wrap"
            >
              <Typography variant="subtitle1" component="h4">
                {title}
              </Typography>
              <Chip
                size="small"
                label={
                  result.conditional
                    ? `${result.level} (conditional)`
                    : result.level
                }
                color={result.level === 'MUST' ? 'primary' : 'default'}
                variant={result.level === 'MUST' ? 'filled' : 'outlined'}
                aria-label={`Level: ${result.level}${
                  result.conditional ? ', conditional' : ''
                }`}
              />
              {result.mode === 'active' && (
                <Chip size="small" variant="outlined" label="active probe" />
              )}
              <Typography
                variant="caption"
                color="text.secondary"
                sx={{ fontFamily: 'monospace' }}
              >
                {result.id}
              </Typography>
            </Stack>
            <Typography variant="body2" color="text.secondary">
              {result.reason}
            </Typography>
          </Box>
        </Stack>
      </AccordionSummary>
      <AccordionDetails id={`requirement-${result.id}-details`}>
        <Stack spacing={2}>
          {definition && (
            <>
              <Section title="What it asks">{definition.description}</Section>
              <Section title="How we check">{definition.howWeCheck}</Section>
              {needsAction && (
                <Section title="How to fix">{definition.remediation}</Section>
              )}
            </>
          )}
          <Box>
            <Typography variant="subtitle2" gutterBottom>
              Evidence
            </Typography>
            <EvidenceList
              evidence={result.evidence}
              label={`Evidence for ${title}`}
            />
          </Box>
          <Stack direction="row" spacing={2}>
            {fleetLink && (
              <Link to={fleetLink}>See this requirement across the fleet</Link>
            )}
            {definition?.kar && (
              <Link to={KAR_INDEX_URL}>
                KAR-{definition.kar} (design and test plan)
              </Link>
            )}
          </Stack>
        </Stack>
      </AccordionDetails>
    </Accordion>
  );
}
