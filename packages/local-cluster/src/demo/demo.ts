import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { RestClient } from '../client/rest';
import {
  ClusterState,
  credentials,
  startControlPlane,
  stopControlPlane,
} from '../controlPlane';
import { clusterDir, repoRoot, stateRoot } from '../paths';
import { applyScenario, getScenario } from '../scenarios';

export const DEMO_SCENARIOS = ['conformant-nvidia', 'partial-amd', 'bare'];

export function demoDir() {
  return path.join(stateRoot(), 'demo');
}

/** The config that `./run start` (scripts/start.sh) layers over app-config.yaml. */
export function demoAppConfigPath() {
  return path.join(stateRoot(), 'app-config.demo.yaml');
}

function baseCatalogLocations(): unknown[] {
  try {
    const base = YAML.parse(
      fs.readFileSync(path.join(repoRoot(), 'app-config.yaml'), 'utf8'),
    );
    return base?.catalog?.locations ?? [];
  } catch {
    return [];
  }
}

/**
 * The object types the Kubernetes plugin fetches on the demo clusters: those the `reader` identity
 * may list (its role is the suite's least-privileged one; no ConfigMaps, no ReplicaSets).
 */
export const KUBERNETES_PLUGIN_OBJECT_TYPES = [
  'pods',
  'services',
  'deployments',
  'statefulsets',
  'daemonsets',
  'horizontalpodautoscalers',
];

/**
 * The Backstage Kubernetes plugin's config for the demo clusters. Its catalog cluster locator
 * skips clusters whose auth provider is `serviceAccount` (the token cannot live in an
 * annotation), so the clusters are listed by config under their entity names, which the model
 * servers' `backstage.io/kubernetes-cluster` annotation names. The token is read from the token
 * file (`$file`), never written into the config.
 */
export function kubernetesPluginConfig(
  clusters: Array<{
    name: string;
    title: string;
    url: string;
    caData: string;
    tokenFile: string;
  }>,
) {
  return {
    clusterLocatorMethods: [
      {
        type: 'config',
        clusters: clusters.map(c => ({
          name: c.name,
          title: c.title,
          url: c.url,
          caData: c.caData,
          authProvider: 'serviceAccount',
          serviceAccountToken: { $file: c.tokenFile },
          skipMetricsLookup: true,
        })),
      },
    ],
    objectTypes: KUBERNETES_PLUGIN_OBJECT_TYPES,
  };
}

/** Catalog entity name of a demo cluster. */
export const demoEntityName = (scenario: string) => `local-${scenario}`;

/**
 * Writes what the portal needs to register and read the demo clusters:
 *  - catalog-clusters.yaml: Resource entities (spec.type kubernetes-cluster)
 *  - credentials.json: { clusters: { <entity name>: { url, caData, token, kubeconfig, context } } }
 *  - credentials.env: LOCAL_<SCENARIO>_URL / _CA_DATA / _TOKEN lines
 *  - tokens/<entity name>.token: the reader token alone (for serviceAccountTokenFile)
 *  - ../app-config.demo.yaml: catalog.locations (app-config.yaml's plus
 *    catalog-clusters.yaml), aiConformance.clusters using the token files, and the Backstage
 *    Kubernetes plugin's clusters (see `kubernetesPluginConfig`)
 */
export function writeDemoFiles(states: ClusterState[]): string[] {
  const dir = demoDir();
  fs.mkdirSync(path.join(dir, 'tokens'), { recursive: true, mode: 0o700 });
  const entities: unknown[] = [];
  const creds: Record<string, unknown> = {};
  const env: string[] = [];
  const appConfig: unknown[] = [];
  const kubernetesClusters: Parameters<typeof kubernetesPluginConfig>[0] = [];
  for (const state of states) {
    const name = demoEntityName(state.name);
    const reader = credentials(state, 'reader');
    const caData = Buffer.from(reader.caPem).toString('base64');
    const scenario = getScenario(state.name);
    const title = `Local ${state.name} (Kubernetes ${state.versions.kubernetes})`;
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name,
        title,
        description: scenario.description,
        labels: { 'local-cluster.ai-conformance-suite/scenario': state.name },
        annotations: {
          'kubernetes.io/api-server': state.server,
          'kubernetes.io/api-server-certificate-authority': caData,
          'kubernetes.io/auth-provider': 'serviceAccount',
          'kubernetes.io/skip-metrics-lookup': 'true',
        },
      },
      spec: {
        type: 'kubernetes-cluster',
        owner: 'group:default/guests',
        lifecycle: 'experimental',
      },
    });
    const tokenFile = path.join(dir, 'tokens', `${name}.token`);
    fs.writeFileSync(tokenFile, reader.token, { mode: 0o600 });
    kubernetesClusters.push({
      name,
      title,
      url: state.server,
      caData,
      tokenFile,
    });
    creds[name] = {
      url: state.server,
      caData,
      token: reader.token,
      tokenFile,
      kubeconfig: state.kubeconfig,
      context: 'reader',
    };
    const key = name.replace(/[^a-zA-Z0-9]/g, '_').toUpperCase();
    env.push(
      `${key}_URL=${state.server}`,
      `${key}_CA_DATA=${caData}`,
      `${key}_TOKEN=${reader.token}`,
    );
    appConfig.push({
      // credentials are bound to the catalog entity by its ref, never by a bare name
      entityRef: `resource:default/${name}`,
      url: state.server,
      caData,
      serviceAccountTokenFile: tokenFile,
    });
  }
  const files = {
    catalog: path.join(dir, 'catalog-clusters.yaml'),
    json: path.join(dir, 'credentials.json'),
    env: path.join(dir, 'credentials.env'),
    appConfig: demoAppConfigPath(),
  };
  fs.writeFileSync(
    files.catalog,
    entities.map(e => YAML.stringify(e)).join('---\n'),
  );
  fs.writeFileSync(files.json, JSON.stringify({ clusters: creds }, null, 2), {
    mode: 0o600,
  });
  fs.writeFileSync(files.env, `${env.join('\n')}\n`, { mode: 0o600 });
  // Backstage replaces (does not merge) arrays across config files, so the
  // catalog locations of app-config.yaml are repeated before ours.
  const locations = [
    ...baseCatalogLocations(),
    { type: 'file', target: files.catalog, rules: [{ allow: ['Resource'] }] },
  ];
  fs.writeFileSync(
    files.appConfig,
    YAML.stringify({
      catalog: {
        locations,
        // Model servers of every demo cluster become catalog entities (owner: namespace `team`).
        providers: {
          aiConformanceModelServers: {
            clusters: ['*'],
            schedule: { frequency: { minutes: 1 }, timeout: { minutes: 1 } },
            owner: { default: 'group:default/guests' },
          },
        },
      },
      aiConformance: { clusters: appConfig },
      kubernetes: kubernetesPluginConfig(kubernetesClusters),
    }),
    { mode: 0o600 },
  );
  return Object.values(files);
}

/** Brings up one control plane per demo scenario (separate ports and data dirs), applies it, writes the files. */
export async function demoUp(
  opts: { minor?: string; log?: (l: string) => void } = {},
) {
  const log = opts.log ?? ((l: string) => process.stderr.write(`${l}\n`));
  const states: ClusterState[] = [];
  for (const scenario of DEMO_SCENARIOS) {
    const state = await startControlPlane({
      name: scenario,
      dataDir: clusterDir(scenario),
      minor: opts.minor,
      log,
    });
    const client = new RestClient(credentials(state, 'admin'), 16);
    try {
      await applyScenario(client, getScenario(scenario), { log });
    } finally {
      client.close();
    }
    states.push(state);
  }
  const files = writeDemoFiles(states);
  return { states, files };
}

export async function demoDown() {
  await Promise.all(
    DEMO_SCENARIOS.map(scenario =>
      stopControlPlane(clusterDir(scenario), { purge: true }),
    ),
  );
  fs.rmSync(demoDir(), { recursive: true, force: true });
  fs.rmSync(demoAppConfigPath(), { force: true });
}
