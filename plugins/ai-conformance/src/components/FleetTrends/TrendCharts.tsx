import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { useTheme } from '@mui/material/styles';
import type {
  ClusterProvider,
  FleetTrends,
} from '@internal/plugin-ai-conformance-common';
import { providerTitle } from '@internal/plugin-ai-conformance-common';
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { useMemo } from 'react';
import {
  isIsolatedPoint,
  providersIn,
  toChartData,
  type SeriesKey,
  type TrendDatum,
} from './trendSeries';

function useSeriesColors(): Record<ClusterProvider | 'fleet', string> {
  const { palette } = useTheme();
  return {
    fleet: palette.primary.main,
    aws: palette.warning.main,
    gcp: palette.info.main,
    azure: palette.secondary.main,
    openshift: palette.error.main,
    other: palette.text.secondary,
  };
}

function formatTick(bucket: FleetTrends['bucket']) {
  return (at: number) =>
    new Date(at).toLocaleString(
      undefined,
      bucket === 'hour'
        ? { hour: '2-digit', minute: '2-digit' }
        : { month: 'short', day: 'numeric' },
    );
}

/**
 * The dots of a series: drawn only at a point no line reaches. A series with a single point (a
 * cluster evaluated in one bucket of the range, as after a first start) is otherwise invisible,
 * while a dot at every point of a long range is clutter.
 */
function isolatedPointDots(
  data: readonly TrendDatum[],
  key: SeriesKey,
  color: string,
) {
  return (props: { cx?: number; cy?: number; index?: number }) => {
    const i = props.index ?? 0;
    return props.cx !== undefined &&
      props.cy !== undefined &&
      isIsolatedPoint(data, key, i) ? (
      <circle key={i} cx={props.cx} cy={props.cy} r={4} fill={color} />
    ) : (
      <g key={i} />
    );
  };
}

/** One chart of the fleet and each provider over time, regressions marked by vertical lines. */
function TrendChart(props: {
  trends: FleetTrends;
  metric: 'Share' | 'MustFailed';
  title: string;
  unit?: string;
}) {
  const { trends, metric, title, unit } = props;
  const theme = useTheme();
  const colors = useSeriesColors();
  const data = useMemo(() => toChartData(trends), [trends]);
  const providers = providersIn(trends);
  const tick = formatTick(trends.bucket);
  const axis = { stroke: theme.palette.text.secondary, fontSize: 12 };
  return (
    <Box
      component="figure"
      sx={{ m: 0, mb: 3 }}
      aria-label={`${title}, from ${new Date(
        trends.from,
      ).toLocaleDateString()} to ${new Date(trends.to).toLocaleDateString()}`}
    >
      <Typography component="figcaption" variant="subtitle1" gutterBottom>
        {title}
      </Typography>
      <ResponsiveContainer width="100%" height={260}>
        <LineChart
          data={data}
          margin={{ top: 8, right: 24, bottom: 8, left: 0 }}
        >
          <CartesianGrid stroke={theme.palette.divider} strokeDasharray="3 3" />
          <XAxis
            dataKey="at"
            type="number"
            scale="time"
            domain={['dataMin', 'dataMax']}
            tickFormatter={tick}
            {...axis}
          />
          <YAxis
            unit={unit}
            domain={metric === 'Share' ? [0, 100] : [0, 'auto']}
            allowDecimals={metric === 'Share'}
            {...axis}
          />
          <Tooltip
            labelFormatter={at => new Date(Number(at)).toLocaleString()}
            contentStyle={{
              backgroundColor: theme.palette.background.paper,
              borderColor: theme.palette.divider,
              color: theme.palette.text.primary,
            }}
          />
          <Legend />
          {data
            .filter(d => d.regression)
            .map(d => (
              <ReferenceLine
                key={d.at}
                x={d.at}
                stroke={theme.palette.error.main}
                strokeDasharray="4 2"
                label={{
                  value: 'regression',
                  fill: theme.palette.error.main,
                  fontSize: 11,
                  position: 'top',
                }}
              />
            ))}
          <Line
            type="stepAfter"
            dataKey={`fleet${metric}`}
            name="Fleet"
            stroke={colors.fleet}
            strokeWidth={3}
            dot={isolatedPointDots(data, `fleet${metric}`, colors.fleet)}
            isAnimationActive={false}
            connectNulls={false}
          />
          {providers.map(provider => (
            <Line
              key={provider}
              type="stepAfter"
              dataKey={`${provider}${metric}`}
              name={providerTitle(provider)}
              stroke={colors[provider]}
              strokeWidth={1.5}
              dot={isolatedPointDots(
                data,
                `${provider}${metric}`,
                colors[provider],
              )}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </Box>
  );
}

/** Share of clusters conformant and MUST failures over time, for the fleet and per provider. */
export function TrendCharts(props: { trends: FleetTrends }) {
  return (
    <>
      <TrendChart
        trends={props.trends}
        metric="Share"
        unit="%"
        title="Share of clusters conformant"
      />
      <TrendChart
        trends={props.trends}
        metric="MustFailed"
        title="MUST requirements failing (summed over clusters)"
      />
    </>
  );
}
