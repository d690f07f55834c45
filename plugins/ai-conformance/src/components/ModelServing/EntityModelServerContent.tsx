import {
  InfoCard,
  Link,
  StructuredMetadataTable,
} from '@backstage/core-components';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import Alert from '@mui/material/Alert';
import Chip from '@mui/material/Chip';
import Grid from '@mui/material/Grid';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import { ModelServerView, readModelServer } from './modelServerEntity';
import { ReadinessChip } from './ReadinessChip';
import { ServingVerdicts } from './ServingVerdicts';

const SOURCE_LABELS: Record<
  ModelServerView['accelerators'][number]['source'],
  string
> = {
  pods: 'pod requests',
  dra: 'DRA claims',
  spec: 'requested (no pod holds it)',
};

function Accelerators(props: { server: ModelServerView }) {
  const { accelerators } = props.server;
  if (!accelerators.length) return <>No accelerators requested or in use.</>;
  return (
    <Table size="small" aria-label="Accelerators">
      <TableHead>
        <TableRow>
          <TableCell>Vendor</TableCell>
          <TableCell>Model</TableCell>
          <TableCell>Count</TableCell>
          <TableCell>Resource</TableCell>
          <TableCell>From</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {accelerators.map(a => (
          <TableRow key={`${a.vendor}|${a.model}|${a.resource}|${a.source}`}>
            <TableCell>{a.vendor}</TableCell>
            <TableCell>{a.model ?? 'unknown'}</TableCell>
            <TableCell>{a.count}</TableCell>
            <TableCell>{a.resource}</TableCell>
            <TableCell>{SOURCE_LABELS[a.source]}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/**
 * The model-serving tab of a model-server Component: status, endpoint, models, runtime,
 * replicas, accelerators in use, and the cluster's inference-related verdicts.
 *
 * @public
 */
export function EntityModelServerContent() {
  const { entity } = useEntity();
  const server = readModelServer(entity);
  const metadata: Record<string, unknown> = {
    object: `${server.apiVersion} ${server.kind} ${server.namespace}/${server.name}`,
    framework: server.framework,
    runtime: server.runtime
      ? `${server.runtime.name}${
          server.runtime.version ? ` ${server.runtime.version}` : ''
        }`
      : 'unknown',
    ...(server.runtime?.servingRuntime
      ? { 'serving runtime': server.runtime.servingRuntime }
      : {}),
    ...(server.runtime?.image ? { image: server.runtime.image } : {}),
    replicas: `${server.replicas.ready ?? '?'} ready of ${
      server.replicas.desired ?? '?'
    }`,
    ...(server.roles.length ? { roles: server.roles.join(', ') } : {}),
    endpoint: server.endpoint ? (
      <span>
        <Link to={server.endpoint.url}>{server.endpoint.url}</Link> (
        {server.endpoint.source === 'status'
          ? 'from status'
          : 'from the Service'}
        , {server.apiType} API)
      </span>
    ) : (
      'no URL'
    ),
  };
  return (
    <Grid container spacing={3}>
      {server.status.state === 'stale' && (
        <Grid item xs={12}>
          <Alert severity="warning">
            Stale since {server.status.since}: {server.status.reason}. The
            values below are the last ones read.
          </Alert>
        </Grid>
      )}
      <Grid item xs={12} md={6}>
        <InfoCard title="Model server">
          <ReadinessChip readiness={server.readiness} />
          {server.readinessReason && <span> {server.readinessReason}</span>}
          <StructuredMetadataTable metadata={metadata} />
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={6}>
        <InfoCard title="Models">
          {server.models.length
            ? server.models.map(m => (
                <Chip
                  key={m.name}
                  label={m.format ? `${m.name} (${m.format})` : m.name}
                  title={m.uri}
                  sx={{ mr: 1, mb: 1 }}
                />
              ))
            : 'No model named by the object.'}
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={6}>
        <InfoCard title="Accelerators">
          <Accelerators server={server} />
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={6}>
        <InfoCard title={`Cluster ${server.cluster}`}>
          {server.clusterEntityRef && (
            <p>
              Runs on <EntityRefLink entityRef={server.clusterEntityRef} />
            </p>
          )}
          <ServingVerdicts
            clusterId={server.clusterId}
            clusterName={server.cluster}
          />
        </InfoCard>
      </Grid>
      {server.warnings.length > 0 && (
        <Grid item xs={12}>
          <Alert severity="info">
            What discovery could not read:
            <ul>
              {server.warnings.map(w => (
                <li key={w}>{w}</li>
              ))}
            </ul>
          </Alert>
        </Grid>
      )}
    </Grid>
  );
}
