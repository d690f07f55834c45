/**
 * Annotations and labels the model-server provider writes. The Kubernetes plugin's own keys are
 * used as they are so that its tab works on the entities.
 *
 * @public
 */
export const MODEL_SERVER_ANNOTATIONS = {
  /** The cluster's identity in the cluster registry (entity ref or `config:<name>`). */
  cluster: 'ai-conformance.io/cluster',
  /** `apiVersion` and kind of the serving object, e.g. `serving.kserve.io/v1beta1 InferenceService`. */
  object: 'ai-conformance.io/model-server-object',
  framework: 'ai-conformance.io/model-server-framework',
  /** `live`, or `stale` when the cluster could not be read at the last refresh. */
  status: 'ai-conformance.io/model-server-status',
  /** Why the entity is stale, and since when (ISO time). */
  statusReason: 'ai-conformance.io/model-server-status-reason',
  staleSince: 'ai-conformance.io/model-server-stale-since',
  /** Where the owner came from: `object owner`, `namespace team (mapped)`, `cluster owner`, `default`. */
  ownerSource: 'ai-conformance.io/owner-source',
  /** Missing or unexpected fields, one per line. */
  warnings: 'ai-conformance.io/model-server-warnings',
  /** Upstream RFC #33060 / PR #34476 names, on API entities (also in `spec`). */
  serverType: 'ai-conformance.io/server-type',
  serverUrl: 'ai-conformance.io/server-url',
  // Red Hat Developer Hub model catalog keys, for portals that read them.
  rhdhModelName: 'rhdh.modelcatalog.io/model-name',
  rhdhInternalUrl: 'rhdh.modelcatalog.io/internal-service-url',
  rhdhExternalUrl: 'rhdh.modelcatalog.io/external-route-url',
  // The Backstage Kubernetes plugin.
  kubernetesLabelSelector: 'backstage.io/kubernetes-label-selector',
  kubernetesNamespace: 'backstage.io/kubernetes-namespace',
  kubernetesCluster: 'backstage.io/kubernetes-cluster',
} as const;

/**
 * Labels the provider sets on model-server entities, for catalog filters.
 *
 * @public
 */
export const MODEL_SERVER_LABELS = {
  readiness: 'ai-conformance.io/readiness',
  runtime: 'ai-conformance.io/runtime',
  framework: 'ai-conformance.io/framework',
} as const;
