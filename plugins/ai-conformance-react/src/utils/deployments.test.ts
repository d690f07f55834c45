import type { Entity } from '@backstage/catalog-model';
import type { ClusterSummary } from '@internal/plugin-ai-conformance-common';
import {
  findDeploymentClusters,
  hasKubernetesWorkloadAnnotation,
} from './deployments';

const clusters: ClusterSummary[] = [
  {
    cluster: 'resource:default/gpu-east',
    name: 'gpu-east',
    entityRef: 'resource:default/gpu-east',
    source: 'catalog',
    status: 'ok',
  },
  {
    cluster: 'resource:default/gpu-west',
    name: 'gpu-west',
    entityRef: 'resource:default/gpu-west',
    source: 'catalog',
    status: 'ok',
  },
  { cluster: 'config:lab', name: 'lab', source: 'config', status: 'ok' },
  // Two entities named gpu-shared in different namespaces: the Kubernetes plugin's name is ambiguous.
  {
    cluster: 'resource:a/gpu-shared',
    name: 'gpu-shared',
    entityRef: 'resource:a/gpu-shared',
    source: 'catalog',
    status: 'ok',
  },
  {
    cluster: 'resource:b/gpu-shared',
    name: 'gpu-shared',
    entityRef: 'resource:b/gpu-shared',
    source: 'catalog',
    status: 'ok',
  },
];

const component = (extra: Partial<Entity> = {}): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'inference-api' },
  spec: {},
  ...extra,
});

describe('findDeploymentClusters', () => {
  it('finds clusters by dependsOn relations to Resources, ignoring other relations and kinds', () => {
    const entity = component({
      relations: [
        { type: 'dependsOn', targetRef: 'resource:default/GPU-EAST' },
        { type: 'dependsOn', targetRef: 'component:default/gpu-west' },
        { type: 'ownedBy', targetRef: 'resource:default/gpu-west' },
      ],
    });
    expect(findDeploymentClusters(entity, clusters)).toEqual([
      { cluster: clusters[0], via: 'dependsOn' },
    ]);
  });

  it('adds clusters where the Kubernetes plugin found workloads (by cluster name), each cluster once', () => {
    const entity = component({
      relations: [
        { type: 'dependsOn', targetRef: 'resource:default/gpu-east' },
      ],
    });
    expect(
      findDeploymentClusters(entity, clusters, [
        'gpu-east',
        'lab',
        'gpu-shared',
        'unknown',
      ]),
    ).toEqual([
      { cluster: clusters[0], via: 'dependsOn' },
      { cluster: clusters[2], via: 'workloads' },
    ]);
  });

  it('tells whether an entity carries the Kubernetes plugin annotations', () => {
    expect(hasKubernetesWorkloadAnnotation(component())).toBe(false);
    expect(
      hasKubernetesWorkloadAnnotation(
        component({
          metadata: {
            name: 'x',
            annotations: { 'backstage.io/kubernetes-label-selector': 'app=x' },
          },
        }),
      ),
    ).toBe(true);
  });
});
