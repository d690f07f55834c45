import { Link, Table, TableColumn } from '@backstage/core-components';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import {
  REQUIREMENTS,
  type RequirementDefinition,
} from '@internal/plugin-ai-conformance-common';
import { useOptionalRouteRef } from '../../hooks/useOptionalRouteRef';
import { requirementRouteRef } from '../../routes';
import { categoryTitle } from '../../utils/categories';
import { levelsByChecklist } from '../../utils/requirements';

function LevelsCell(props: { id: string }) {
  const levels = levelsByChecklist(props.id);
  return (
    <Stack direction="row" spacing={0.5} flexWrap="wrap" useFlexGap>
      {levels.map(l => (
        <Chip
          key={l.version}
          size="small"
          variant={l.level === 'MUST' ? 'filled' : 'outlined'}
          label={`${l.version}: ${l.level}${l.conditional ? '*' : ''}`}
        />
      ))}
    </Stack>
  );
}

/**
 * Every requirement of every checklist version, with its level per version; each links to its
 * verdicts across the fleet.
 */
export function RequirementCatalogue() {
  const requirementLink = useOptionalRouteRef(requirementRouteRef);
  const columns: TableColumn<RequirementDefinition>[] = [
    {
      title: 'Requirement',
      field: 'title',
      render: r => (
        <>
          {requirementLink ? (
            <Link to={requirementLink({ requirementId: r.id })}>{r.title}</Link>
          ) : (
            r.title
          )}
          <Typography
            variant="caption"
            display="block"
            sx={{ fontFamily: 'monospace' }}
          >
            {r.id}
          </Typography>
        </>
      ),
    },
    {
      title: 'Category',
      field: 'category',
      render: r => categoryTitle(r.category),
    },
    {
      title: 'Level by checklist version',
      render: r => <LevelsCell id={r.id} />,
    },
    { title: 'What it asks', field: 'description' },
  ];
  return (
    <Table
      title="Requirements"
      subtitle="* conditional: may be N/A when the platform lacks the feature (e.g. no cluster autoscaler)"
      options={{ paging: false, search: true, padding: 'dense' }}
      columns={columns}
      data={[...REQUIREMENTS]}
    />
  );
}
