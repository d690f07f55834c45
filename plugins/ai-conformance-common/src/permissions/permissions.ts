import { createPermission } from '@backstage/plugin-permission-common';

/**
 * The permission resource type of a cluster that the AI conformance plugin evaluates. Its resource
 * ref is the cluster's identity: its catalog entity ref, or `config:<name>` for a cluster that
 * exists only in config.
 *
 * @public
 */
export const AI_CONFORMANCE_CLUSTER_RESOURCE_TYPE = 'ai-conformance-cluster';

/**
 * See a cluster's scorecard, history and verdicts.
 *
 * @public
 */
export const aiConformanceClusterReadPermission = createPermission({
  name: 'ai-conformance.cluster.read',
  attributes: { action: 'read' },
  resourceType: AI_CONFORMANCE_CLUSTER_RESOURCE_TYPE,
});

/**
 * Start an evaluation of a cluster now ("run now").
 *
 * @public
 */
export const aiConformanceEvaluationCreatePermission = createPermission({
  name: 'ai-conformance.evaluation.create',
  attributes: { action: 'create' },
  resourceType: AI_CONFORMANCE_CLUSTER_RESOURCE_TYPE,
});

/**
 * Run active probes on a cluster: they create and delete objects in it, so they need a
 * permission of their own on top of {@link aiConformanceEvaluationCreatePermission}.
 *
 * @public
 */
export const aiConformanceActiveProbeRunPermission = createPermission({
  name: 'ai-conformance.probe.run',
  attributes: { action: 'create' },
  resourceType: AI_CONFORMANCE_CLUSTER_RESOURCE_TYPE,
});

/**
 * Download a cluster's results as JUnit, CSV or a filled-in PRODUCT.yaml.
 *
 * @public
 */
export const aiConformanceExportPermission = createPermission({
  name: 'ai-conformance.export.read',
  attributes: { action: 'read' },
  resourceType: AI_CONFORMANCE_CLUSTER_RESOURCE_TYPE,
});

/**
 * Every permission of the AI conformance plugin.
 *
 * @public
 */
export const aiConformancePermissions = [
  aiConformanceClusterReadPermission,
  aiConformanceEvaluationCreatePermission,
  aiConformanceActiveProbeRunPermission,
  aiConformanceExportPermission,
];
