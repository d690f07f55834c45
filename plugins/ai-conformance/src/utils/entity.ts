import type { Entity } from '@backstage/catalog-model';

/**
 * True for catalog entities that describe a Kubernetes cluster (`Resource` of type
 * `kubernetes-cluster`), the entities the AI conformance tab and card belong on.
 *
 * @public
 */
export function isKubernetesClusterEntity(entity: Entity): boolean {
  return (
    entity.kind.toLocaleLowerCase('en-US') === 'resource' &&
    String(entity.spec?.type ?? '').toLocaleLowerCase('en-US') ===
      'kubernetes-cluster'
  );
}

/** The same condition as a filter predicate for the new frontend system's blueprints. */
export const kubernetesClusterEntityFilter = {
  kind: 'resource',
  'spec.type': 'kubernetes-cluster',
};

/**
 * True for Components and Systems, which get the readiness card of their deployment clusters.
 *
 * @public
 */
export function isDeploymentEntity(entity: Entity): boolean {
  const kind = entity.kind.toLocaleLowerCase('en-US');
  return kind === 'component' || kind === 'system';
}

/** The same condition as a filter predicate for the new frontend system's blueprints. */
export const deploymentEntityFilter = {
  kind: { $in: ['component', 'system'] },
};
