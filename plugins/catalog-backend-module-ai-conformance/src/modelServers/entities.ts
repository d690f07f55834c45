import { createHash } from 'node:crypto';
import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  Entity,
} from '@backstage/catalog-model';
import type {
  ModelServer,
  NamespaceFact,
} from '@internal/plugin-ai-conformance-node';
import {
  MODEL_SERVER_ANNOTATIONS as A,
  MODEL_SERVER_LABELS as L,
} from './annotations';
import { OwnershipRules, resolveOwner, resolveSystem } from './ownership';

/** A cluster as the provider sees it (from the cluster registry). @public */
export interface ModelServingCluster {
  /** Registry identity: lower-case entity ref or `config:<name>`. */
  id: string;
  /** The name the Kubernetes plugin knows the cluster by. */
  name: string;
  /** The cluster's `Resource` entity, when it comes from the catalog. */
  entityRef?: string;
  owner?: string;
}

/** @public */
export interface EntityOptions {
  rules: OwnershipRules;
  /** Catalog namespace of the entities. Default `default`. */
  namespace: string;
  lifecycle: string;
}

/** The location key of one cluster's entities (also `managed-by-location`). */
export function locationKey(cluster: ModelServingCluster): string {
  return `ai-conformance-model-servers:${cluster.id}`;
}

/** A valid entity name from parts: lower-case, `[a-z0-9-.]`, at most 63 chars (hashed when longer). */
export function entityName(...parts: string[]): string {
  const joined = parts
    .join('-')
    .toLowerCase()
    .replace(/[^a-z0-9.-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
  if (joined.length <= 63) return joined || 'unnamed';
  const hash = createHash('sha256').update(joined).digest('hex').slice(0, 8);
  return `${joined.slice(0, 54).replace(/[-.]+$/, '')}-${hash}`;
}

/** Plain JSON (undefined fields dropped), as entity specs hold it. */
function toJson(value: object): NonNullable<Entity['spec']> {
  return JSON.parse(JSON.stringify(value));
}

function clusterShort(cluster: ModelServingCluster): string {
  return cluster.name;
}

/** The API type: the server's, named as RHDH and upstream name it. */
function apiDefinition(server: ModelServer): string {
  const lines = [
    `# ${server.apiType} endpoint of ${server.kind} ${server.namespace}/${server.name}`,
    `serverType: ${server.runtime?.name ?? server.framework}`,
    `serverUrl: ${server.endpoint?.url ?? '(none)'}`,
    'models:',
    ...server.models.map(m => `  - ${JSON.stringify(m.name)}`),
  ];
  if (server.apiType === 'openai' && server.endpoint) {
    lines.push('paths: [/v1/models, /v1/completions, /v1/chat/completions]');
  }
  return `${lines.join('\n')}\n`;
}

function isClusterLocal(url: string): boolean {
  return (
    /\.svc(\.cluster\.local)?(:\d+)?(\/|$)/.test(url) ||
    /^[a-z]+:\/\/(10|192\.168|172\.(1[6-9]|2\d|3[01]))\./.test(url)
  );
}

/** The entities of one cluster's servers: a Component and an API per server, a Resource per model. */
export function clusterEntities(
  cluster: ModelServingCluster,
  servers: ModelServer[],
  namespaces: NamespaceFact[],
  options: EntityOptions,
): Entity[] {
  const nsByName = new Map(namespaces.map(n => [n.name, n]));
  const location = locationKey(cluster);
  const common = (annotations: Record<string, string>) => ({
    [ANNOTATION_LOCATION]: location,
    [ANNOTATION_ORIGIN_LOCATION]: location,
    [A.cluster]: cluster.id,
    [A.status]: 'live',
    ...annotations,
  });
  const models = new Map<string, Entity>();
  const entities: Entity[] = [];
  for (const server of [...servers].sort((a, b) => a.id.localeCompare(b.id))) {
    const ns = nsByName.get(server.namespace);
    const owner = resolveOwner(options.rules, server, ns, cluster.owner);
    const system = resolveSystem(options.rules, server, ns);
    const componentName = entityName(
      server.name,
      server.namespace,
      clusterShort(cluster),
    );
    const apiName = entityName(componentName, 'api');
    const modelRefs: string[] = [];
    for (const model of server.models) {
      const name = entityName(
        model.name.replace(/\//g, '-'),
        clusterShort(cluster),
      );
      modelRefs.push(`resource:${options.namespace}/${name}`);
      if (models.has(name)) continue;
      models.set(name, {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Resource',
        metadata: {
          name,
          namespace: options.namespace,
          title: `${model.name} (${cluster.name})`,
          description: `Model ${model.name}, served on cluster ${cluster.name}.`,
          annotations: common({
            [A.rhdhModelName]: model.name,
            ...(model.uri ? { 'ai-conformance.io/model-uri': model.uri } : {}),
          }),
          tags: ['ai-model'],
        },
        spec: {
          type: 'ai-model',
          owner: owner.owner,
          ...(system ? { system } : {}),
          ...(cluster.entityRef ? { dependsOn: [cluster.entityRef] } : {}),
          model: toJson(model),
        },
      });
    }
    const url = server.endpoint?.url;
    const selector =
      server.podSelector && Object.keys(server.podSelector).length
        ? Object.entries(server.podSelector)
            .map(([k, v]) => `${k}=${v}`)
            .join(',')
        : undefined;
    const warnings = [...server.warnings];
    if (!selector)
      warnings.push('no pod selector: the Kubernetes tab cannot find the pods');
    const runtime = server.runtime?.name;
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: componentName,
        namespace: options.namespace,
        title: `${server.name} (${server.namespace} on ${cluster.name})`,
        description: `${server.kind} ${server.namespace}/${
          server.name
        } on cluster ${cluster.name}${
          server.models.length
            ? `, serving ${server.models.map(m => m.name).join(', ')}`
            : ''
        }.`,
        annotations: common({
          [A.object]: `${server.apiVersion} ${server.kind}`,
          [A.framework]: server.framework,
          [A.ownerSource]: owner.source,
          [A.kubernetesNamespace]: server.namespace,
          [A.kubernetesCluster]: cluster.name,
          ...(selector ? { [A.kubernetesLabelSelector]: selector } : {}),
          ...(warnings.length ? { [A.warnings]: warnings.join('\n') } : {}),
          ...(url
            ? {
                [isClusterLocal(url) ? A.rhdhInternalUrl : A.rhdhExternalUrl]:
                  url,
              }
            : {}),
        }),
        labels: {
          [L.readiness]: server.readiness,
          [L.framework]: server.framework,
          ...(runtime ? { [L.runtime]: entityName(runtime) } : {}),
        },
        tags: [
          ...new Set([
            'model-server',
            server.framework,
            ...(runtime ? [entityName(runtime)] : []),
          ]),
        ],
        ...(url && !isClusterLocal(url) && /^https?:/.test(url)
          ? { links: [{ url, title: 'Endpoint', icon: 'dashboard' }] }
          : {}),
      },
      spec: {
        type: 'model-server',
        lifecycle: options.lifecycle,
        owner: owner.owner,
        ...(system ? { system } : {}),
        providesApis: [`api:${options.namespace}/${apiName}`],
        dependsOn: [
          ...new Set(modelRefs),
          ...(cluster.entityRef ? [cluster.entityRef] : []),
        ],
        modelServer: toJson({
          cluster: cluster.name,
          kind: server.kind,
          apiVersion: server.apiVersion,
          namespace: server.namespace,
          name: server.name,
          framework: server.framework,
          models: server.models,
          runtime: server.runtime,
          roles: server.roles,
          endpoint: server.endpoint,
          apiType: server.apiType,
          readiness: server.readiness,
          readinessReason: server.readinessReason,
          replicas: server.replicas,
          accelerators: server.accelerators,
          warnings,
        }),
      },
    });
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'API',
      metadata: {
        name: apiName,
        namespace: options.namespace,
        title: `${server.name} ${server.apiType} API (${cluster.name})`,
        annotations: common({
          [A.serverType]: runtime ?? server.framework,
          ...(url ? { [A.serverUrl]: url } : {}),
        }),
        tags: ['ai-model-server', server.apiType],
      },
      spec: {
        type: server.apiType,
        lifecycle: options.lifecycle,
        owner: owner.owner,
        ...(system ? { system } : {}),
        definition: apiDefinition(server),
        // Upstream RFC #33060 / PR #34476 fields, so that a later migration is a rename.
        serverType: runtime ?? server.framework,
        ...(url ? { serverUrl: url } : {}),
      },
    });
  }
  return [...entities, ...models.values()];
}
