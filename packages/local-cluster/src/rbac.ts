import { KubeObject } from './client/rest';
import { IDENTITIES } from './pki/pki';

const READ = ['get', 'list', 'watch'];

/** API groups the passive checks read in full (requirements doc §6.17, plus optional operator groups). */
export const READER_GROUPS = [
  'resource.k8s.io',
  'gateway.networking.k8s.io',
  'inference.networking.k8s.io',
  'inference.networking.x-k8s.io',
  'kueue.x-k8s.io',
  'scheduling.volcano.sh',
  'scheduling.run.ai',
  'karpenter.sh',
  'monitoring.coreos.com',
  // other optional groups: serving, training and accelerator operators
  'serving.kserve.io',
  'ray.io',
  'kubeflow.org',
  'trainer.kubeflow.org',
  'leaderworkerset.x-k8s.io',
  'scheduling.x-k8s.io',
  'nvidia.com',
  'apps.nvidia.com',
  'production-stack.vllm.ai',
  'amd.com',
  'nfd.k8s-sigs.io',
  'metrics.k8s.io',
];

/**
 * RBAC of the read-only `reader` identity: exactly what the passive checks need
 * and no secrets. `norights` gets nothing (only what every authenticated user has).
 */
export function readerRbac(): KubeObject[] {
  const user = IDENTITIES.reader.user;
  return [
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: {
        name: 'ai-conformance-reader',
        labels: { 'app.kubernetes.io/part-of': 'ai-conformance-suite' },
      },
      rules: [
        {
          nonResourceURLs: ['/api', '/api/*', '/apis', '/apis/*', '/version'],
          verbs: ['get'],
        },
        {
          apiGroups: [''],
          resources: [
            'nodes',
            'namespaces',
            'pods',
            'services',
            'endpoints',
            'events',
          ],
          verbs: READ,
        },
        {
          apiGroups: ['node.k8s.io'],
          resources: ['runtimeclasses'],
          verbs: READ,
        },
        {
          apiGroups: ['apps'],
          resources: ['daemonsets', 'deployments', 'statefulsets'],
          verbs: READ,
        },
        {
          apiGroups: ['discovery.k8s.io'],
          resources: ['endpointslices'],
          verbs: READ,
        },
        { apiGroups: ['events.k8s.io'], resources: ['events'], verbs: READ },
        {
          apiGroups: ['apiextensions.k8s.io'],
          resources: ['customresourcedefinitions'],
          verbs: READ,
        },
        {
          apiGroups: ['apiregistration.k8s.io'],
          resources: ['apiservices'],
          verbs: READ,
        },
        {
          apiGroups: ['admissionregistration.k8s.io'],
          resources: [
            'validatingwebhookconfigurations',
            'mutatingwebhookconfigurations',
          ],
          verbs: READ,
        },
        {
          apiGroups: ['autoscaling'],
          resources: ['horizontalpodautoscalers'],
          verbs: READ,
        },
        { apiGroups: READER_GROUPS, resources: ['*'], verbs: READ },
        {
          apiGroups: ['custom.metrics.k8s.io', 'external.metrics.k8s.io'],
          resources: ['*'],
          verbs: ['get'],
        },
      ],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: 'ai-conformance-reader' },
      roleRef: {
        apiGroup: 'rbac.authorization.k8s.io',
        kind: 'ClusterRole',
        name: 'ai-conformance-reader',
      },
      subjects: [
        { apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: user },
      ],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: { name: 'ai-conformance-reader', namespace: 'kube-system' },
      rules: [
        {
          apiGroups: [''],
          resources: ['configmaps'],
          resourceNames: ['cluster-autoscaler-status'],
          verbs: ['get'],
        },
      ],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'ai-conformance-reader', namespace: 'kube-system' },
      roleRef: {
        apiGroup: 'rbac.authorization.k8s.io',
        kind: 'Role',
        name: 'ai-conformance-reader',
      },
      subjects: [
        { apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: user },
      ],
    },
  ];
}
