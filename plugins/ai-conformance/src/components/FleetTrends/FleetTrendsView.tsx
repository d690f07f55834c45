import { Link, Progress, Table } from '@backstage/core-components';
import Stack from '@mui/material/Stack';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import {
  providerTitle,
  type TrendRegression,
} from '@internal/plugin-ai-conformance-common';
import { formatDateTime } from '@internal/plugin-ai-conformance-react';
import { useFleetTrends } from '../../hooks/useFleetTrends';
import { useOptionalRouteRef } from '../../hooks/useOptionalRouteRef';
import { clusterRouteRef } from '../../routes';
import { LoadErrorPanel } from '../LoadErrorPanel';
import { TREND_RANGES, type TrendRange } from '../FleetView/fleetQuery';
import { TrendCharts } from './TrendCharts';

const RANGE_LABELS: Record<TrendRange, string> = {
  '24h': '24 hours',
  '7d': '7 days',
  '30d': '30 days',
  '90d': '90 days',
  '365d': '1 year',
};

function RegressionTable(props: { regressions: TrendRegression[] }) {
  const clusterLink = useOptionalRouteRef(clusterRouteRef);
  return (
    <Table<TrendRegression>
      title={`Regressions (${props.regressions.length})`}
      options={{
        paging: props.regressions.length > 10,
        pageSize: 10,
        search: false,
        padding: 'dense',
      }}
      data={[...props.regressions].reverse()}
      columns={[
        {
          title: 'Cluster',
          render: r =>
            clusterLink ? (
              <Link
                to={clusterLink({ cluster: encodeURIComponent(r.cluster) })}
              >
                {r.cluster}
              </Link>
            ) : (
              r.cluster
            ),
        },
        { title: 'When', render: r => formatDateTime(r.at) },
        { title: 'Provider', render: r => providerTitle(r.provider) },
        {
          title: 'What happened',
          render: r =>
            r.kind === 'lost-conformance'
              ? `Stopped being conformant (${r.mustFailedAfter} MUST failing)`
              : `MUST failures rose from ${r.mustFailedBefore} to ${r.mustFailedAfter}`,
        },
      ]}
    />
  );
}

/** Conformance over time from stored history, with a time-range selector and the regressions. */
export function FleetTrendsView(props: {
  range: TrendRange;
  onRangeChange: (range: TrendRange) => void;
}) {
  const { range, onRangeChange } = props;
  const { trends, loading, error } = useFleetTrends(range);
  return (
    <>
      <Stack direction="row" spacing={2} alignItems="center" sx={{ mb: 2 }}>
        <Typography variant="body2" id="trend-range-label">
          Time range
        </Typography>
        <ToggleButtonGroup
          size="small"
          exclusive
          value={range}
          onChange={(_e, value: TrendRange | null) =>
            value && onRangeChange(value)
          }
          aria-labelledby="trend-range-label"
        >
          {TREND_RANGES.map(r => (
            <ToggleButton key={r} value={r}>
              {RANGE_LABELS[r]}
            </ToggleButton>
          ))}
        </ToggleButtonGroup>
      </Stack>
      {loading && <Progress />}
      {error && <LoadErrorPanel what="the trends" error={error} />}
      {trends &&
        !loading &&
        (trends.points.every(p => p.evaluated === 0) ? (
          <Typography>
            No cluster was evaluated successfully in this time range; choose a
            longer one or wait for the next evaluation.
          </Typography>
        ) : (
          <>
            <TrendCharts trends={trends} />
            <RegressionTable regressions={trends.regressions} />
          </>
        ))}
    </>
  );
}
