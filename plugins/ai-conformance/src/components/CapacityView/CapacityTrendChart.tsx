import { InfoCard } from '@backstage/core-components';
import type { CapacityTrendPoint } from '@internal/plugin-ai-conformance-common';
import { formatDateTime } from '@internal/plugin-ai-conformance-react';
import Typography from '@mui/material/Typography';
import { useTheme } from '@mui/material/styles';
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';

/** Whole devices allocatable and allocated, physical devices and pending demand over time. */
export function CapacityTrendChart(props: { points: CapacityTrendPoint[] }) {
  const theme = useTheme();
  const data = props.points.map(p => ({
    at: formatDateTime(p.takenAt),
    physical: p.physical,
    allocatable: p.devices.allocatable,
    allocated: p.devices.allocated,
    pending: p.pending,
  }));
  return (
    <InfoCard title="Trend">
      {data.length < 2 ? (
        <Typography variant="body2">
          The trend appears after the second snapshot ({data.length} so far).
        </Typography>
      ) : (
        <ResponsiveContainer width="100%" height={260}>
          <LineChart
            data={data}
            margin={{ top: 8, right: 16, left: 0, bottom: 8 }}
          >
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="at" minTickGap={40} />
            <YAxis allowDecimals={false} />
            <Tooltip />
            <Legend />
            <Line
              type="stepAfter"
              dataKey="physical"
              name="Physical"
              stroke={theme.palette.text.secondary}
              dot={false}
            />
            <Line
              type="stepAfter"
              dataKey="allocatable"
              name="Allocatable"
              stroke={theme.palette.primary.main}
              dot={false}
            />
            <Line
              type="stepAfter"
              dataKey="allocated"
              name="Allocated"
              stroke={theme.palette.warning.main}
              dot={false}
            />
            <Line
              type="stepAfter"
              dataKey="pending"
              name="Pending demand"
              stroke={theme.palette.error.main}
              dot={false}
            />
          </LineChart>
        </ResponsiveContainer>
      )}
    </InfoCard>
  );
}
