import { readerRbacManifests } from '@internal/plugin-ai-conformance-node';
import { KubeObject } from './client/rest';
import { IDENTITIES } from './pki/pki';

/**
 * RBAC of the read-only `reader` identity: exactly the role the engine generates from the reads
 * its fact definitions declare (`readerRbacManifests`), so the test control plane holds the same
 * least privilege a user is told to grant. No secrets, no writes.
 */
export function readerRbac(): KubeObject[] {
  return readerRbacManifests({
    kind: 'User',
    name: IDENTITIES.reader.user,
  }) as KubeObject[];
}

/**
 * The `discovery` identity: discovery documents and `/version`, nothing else, granted explicitly
 * (not only through the default `system:discovery` binding), so tests can show that a reader who
 * sees every API but may list none gets `error` verdicts, never absence.
 */
export function discoveryOnlyRbac(): KubeObject[] {
  const name = 'ai-conformance-discovery-only';
  return [
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name },
      rules: [
        {
          nonResourceURLs: ['/api', '/api/*', '/apis', '/apis/*', '/version'],
          verbs: ['get'],
        },
      ],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name },
      roleRef: {
        apiGroup: 'rbac.authorization.k8s.io',
        kind: 'ClusterRole',
        name,
      },
      subjects: [
        {
          apiGroup: 'rbac.authorization.k8s.io',
          kind: 'User',
          name: IDENTITIES.discovery.user,
        },
      ],
    },
  ];
}
