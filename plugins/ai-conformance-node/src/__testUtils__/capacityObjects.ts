import { FactValues } from '../gather/factTypes';
import { reduceNode, reducePod } from '../gather/reduce';
import { makeFacts } from './facts';

/* Nodes, pods and facts for capacity tests, in the shapes the API server returns, reduced by the
   engine's own reducers. */

/** A Ready node with labels and extended resources (capacity = allocatable). */
export function kubeNode(
  name: string,
  labels: Record<string, string>,
  extended: Record<string, string>,
) {
  return reduceNode({
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...labels } },
    spec: {},
    status: {
      capacity: { cpu: '96', memory: '1Ti', pods: '110', ...extended },
      allocatable: { cpu: '95', memory: '1000Gi', pods: '110', ...extended },
      conditions: [{ type: 'Ready', status: 'True' }],
    },
  });
}

/** A pod in `ml` whose one container requests (and is limited to) `requests`. */
export function kubePod(
  name: string,
  nodeName: string | undefined,
  requests: Record<string, string>,
  extra: {
    phase?: string;
    initContainers?: object[];
    conditions?: object[];
    claims?: boolean;
  } = {},
) {
  return reducePod({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { namespace: 'ml', name },
    spec: {
      nodeName,
      initContainers: extra.initContainers,
      containers: [{ name: 'main', resources: { requests, limits: requests } }],
      resourceClaims: extra.claims
        ? [{ name: 'gpu', resourceClaimTemplateName: 't' }]
        : undefined,
    },
    status: { phase: extra.phase ?? 'Running', conditions: extra.conditions },
  });
}

/** Facts with every capacity fact read (empty unless given). */
export function capacityFacts(values: Partial<FactValues>) {
  return makeFacts({
    values: {
      nodes: [],
      pods: [],
      resourceSlices: [],
      resourceClaims: [],
      kueueClusterQueues: [],
      ...values,
    },
  });
}
