import { KubeObject } from '../client/rest';

export interface ScenarioObjects {
  /** CustomResourceDefinitions, applied first and awaited until Established. */
  crds: KubeObject[];
  /** KWOK nodes (status included: capacity, allocatable, nodeInfo). */
  nodes: KubeObject[];
  /** Everything else; gets node UIDs for owner references (ResourceSlices). */
  objects(nodeUids: Map<string, string>): KubeObject[];
  /** Status of custom resources, applied through the status subresource as admin. */
  statuses: KubeObject[];
}

export interface Scenario {
  name: string;
  description: string;
  build(): Promise<ScenarioObjects>;
}

export const ns = (
  name: string,
  labels: Record<string, string> = {},
): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name, labels },
});

const now = () => new Date().toISOString().replace(/\.\d+Z$/, 'Z');

export const condition = (
  type: string,
  reason: string,
  message = '',
  status = 'True',
  generation = 1,
) => ({
  type,
  status,
  reason,
  message,
  lastTransitionTime: now(),
  observedGeneration: generation,
});

export function container(
  name: string,
  image: string,
  resources: Record<string, string> = {},
  extra: Record<string, unknown> = {},
) {
  const limits = Object.fromEntries(
    Object.entries(resources).filter(([k]) => k.includes('/')),
  );
  return {
    name,
    image,
    resources: {
      requests: { cpu: '100m', memory: '128Mi', ...resources },
      ...(Object.keys(limits).length ? { limits } : {}),
    },
    ...extra,
  };
}

export function deployment(
  namespace: string,
  name: string,
  replicas: number,
  podSpec: Record<string, unknown>,
  labels: Record<string, string> = {},
  /** The pod selector; defaults to `app.kubernetes.io/name: <name>`. */
  selector: Record<string, string> = { 'app.kubernetes.io/name': name },
): KubeObject {
  const match = selector;
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace, labels: { ...match, ...labels } },
    spec: {
      replicas,
      selector: { matchLabels: match },
      template: {
        metadata: { labels: { ...match, ...labels } },
        spec: podSpec,
      },
    },
  };
}

export function daemonSet(
  namespace: string,
  name: string,
  podSpec: Record<string, unknown>,
  labels: Record<string, string>,
): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name, namespace, labels },
    spec: {
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name, ...labels } },
        spec: podSpec,
      },
    },
  };
}

export function service(
  namespace: string,
  name: string,
  selector: Record<string, string> | undefined,
  ports: { name: string; port: number; targetPort?: number }[],
  labels: Record<string, string> = {},
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace, labels },
    spec: {
      ...(selector ? { selector } : {}),
      ports: ports.map(p => ({ protocol: 'TCP', ...p })),
    },
  };
}
