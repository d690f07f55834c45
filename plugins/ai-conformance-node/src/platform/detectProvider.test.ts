import { detectProvider } from './detectProvider';

describe('detectProvider', () => {
  it.each([
    [
      'EKS by node label',
      { nodeLabels: [{}, { 'eks.amazonaws.com/nodegroup': 'h100' }] },
      'aws',
      'node label eks.amazonaws.com/nodegroup',
    ],
    [
      'EKS by API server host',
      { apiServerUrl: 'https://ABC123.gr7.eu-west-1.eks.amazonaws.com' },
      'aws',
      'API server host *.eks.amazonaws.com',
    ],
    [
      'EKS by version',
      { gitVersion: 'v1.33.4-eks-9fa2b4c' },
      'aws',
      'version v1.33.4-eks-9fa2b4c',
    ],
    [
      'GKE by version',
      { gitVersion: 'v1.34.1-gke.1200000' },
      'gcp',
      'version v1.34.1-gke.1200000',
    ],
    [
      'GKE by node label',
      { nodeLabels: [{ 'cloud.google.com/gke-nodepool': 'default-pool' }] },
      'gcp',
      'node label cloud.google.com/gke-nodepool',
    ],
    [
      'AKS by API server host',
      { apiServerUrl: 'https://prod-dns-1.hcp.westeurope.azmk8s.io:443' },
      'azure',
      'API server host *.azmk8s.io',
    ],
    [
      'AKS by node label',
      { nodeLabels: [{ 'kubernetes.azure.com/agentpool': 'gpu' }] },
      'azure',
      'node label kubernetes.azure.com/agentpool',
    ],
  ] as const)('%s', (_name, signals, provider, reason) => {
    expect(detectProvider(signals)).toEqual({
      provider,
      source: 'detected',
      reason,
    });
  });

  it('prefers OpenShift over the cloud it runs on (ROSA on EKS-like nodes)', () => {
    expect(
      detectProvider({
        apiGroups: ['', 'apps', 'config.openshift.io'],
        nodeLabels: [{ 'eks.amazonaws.com/nodegroup': 'x' }],
      }),
    ).toMatchObject({
      provider: 'openshift',
      reason: 'API group config.openshift.io',
    });
  });

  it('calls a cluster without any managed-Kubernetes signal "other"', () => {
    const result = detectProvider({
      apiServerUrl: 'https://10.0.0.1:6443',
      gitVersion: 'v1.35.0',
      apiGroups: ['', 'apps'],
      nodeLabels: [{ 'kubernetes.io/hostname': 'n1' }],
    });
    expect(result.provider).toBe('other');
    expect(result.reason).toMatch(/No managed-Kubernetes signal/);
  });

  it('ignores an unparseable API server URL instead of throwing', () => {
    expect(detectProvider({ apiServerUrl: 'not a url' }).provider).toBe(
      'other',
    );
  });
});
