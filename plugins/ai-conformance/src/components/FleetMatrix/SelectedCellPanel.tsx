import { Link } from '@backstage/core-components';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import IconButton from '@mui/material/IconButton';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import Close from '@mui/icons-material/Close';
import type { FleetMatrixRow } from '@internal/plugin-ai-conformance-common';
import { VerdictChip } from '@internal/plugin-ai-conformance-react';
import { requirementTitle } from '../../utils/requirements';
import type { FleetMatrixLinks } from './FleetMatrixGrid';

/** Why a cluster has its verdict on a requirement: the selected matrix cell, with its links. */
export function SelectedCellPanel(props: {
  row?: FleetMatrixRow;
  requirement: string;
  links: FleetMatrixLinks;
  onClose: () => void;
}) {
  const { row, requirement, links, onClose } = props;
  const cell = row?.cells[requirement];
  return (
    <Card
      variant="outlined"
      sx={{ mt: 2 }}
      component="section"
      aria-label="Selected cell"
    >
      <CardContent>
        <Stack direction="row" alignItems="center" spacing={2}>
          <Typography variant="h6" component="h3" sx={{ flexGrow: 1 }}>
            {requirementTitle(requirement)} on{' '}
            {row?.name ?? 'an unknown cluster'}
          </Typography>
          <IconButton aria-label="Clear the selection" onClick={onClose}>
            <Close />
          </IconButton>
        </Stack>
        {cell ? (
          <Stack spacing={1}>
            <Stack direction="row" spacing={1} alignItems="center">
              <VerdictChip verdict={cell.verdict} />
              <Typography variant="body2" color="text.secondary">
                {cell.level} · {cell.evidenceCount} piece
                {cell.evidenceCount === 1 ? '' : 's'} of evidence
              </Typography>
            </Stack>
            <Typography variant="body1">{cell.reason}</Typography>
            <Stack direction="row" spacing={2}>
              {links.evidence && row && (
                <Link to={links.evidence(row.cluster, requirement)}>
                  Open the evidence
                </Link>
              )}
              {links.requirement && (
                <Link to={links.requirement(requirement)}>
                  This requirement across the fleet
                </Link>
              )}
            </Stack>
          </Stack>
        ) : (
          <Typography variant="body2">
            {row
              ? 'No verdict: the cluster has not been evaluated, or its checklist version does not list this requirement.'
              : 'The selected cluster is not in the fleet (it may have been removed, or the filters hide it).'}
          </Typography>
        )}
      </CardContent>
    </Card>
  );
}
