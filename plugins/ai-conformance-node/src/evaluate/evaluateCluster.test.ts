import { KubeConfig } from '@kubernetes/client-node';
import { getChecklist } from '@internal/plugin-ai-conformance-common';
import { discoveryOf } from '../__testUtils__/facts';
import {
  FakeClusterReader,
  forbidden,
} from '../__testUtils__/FakeClusterReader';
import { ClusterUnreachableError, KubeApiError } from '../errors';
import { evaluateCluster, chooseChecklistVersion } from './evaluateCluster';

const kubeConfig = new KubeConfig();
const served = discoveryOf({
  v1: ['nodes', 'pods', 'namespaces', 'configmaps'],
  'apps/v1': ['deployments', 'daemonsets'],
  'resource.k8s.io/v1': [
    'deviceclasses',
    'resourceclaims',
    'resourceclaimtemplates',
    'resourceslices',
  ],
  'gateway.networking.k8s.io/v1': ['gatewayclasses', 'gateways', 'httproutes'],
  'autoscaling/v2': ['horizontalpodautoscalers'],
  'apiregistration.k8s.io/v1': ['apiservices'],
  'node.k8s.io/v1': ['runtimeclasses'],
  'admissionregistration.k8s.io/v1': [
    'validatingwebhookconfigurations',
    'mutatingwebhookconfigurations',
  ],
});

describe('evaluateCluster', () => {
  it('evaluates every requirement of the checklist picked from /version, reading each resource once', async () => {
    const reader = new FakeClusterReader({
      discovery: served,
      objects: {
        '/api/v1/nodes': [
          {
            metadata: {
              name: 'gpu-0',
              labels: { 'nvidia.com/gpu.present': 'true' },
            },
            status: { allocatable: { 'nvidia.com/gpu': '8' } },
          },
        ],
      },
    });
    const scorecard = await evaluateCluster({
      cluster: 'demo',
      kubeConfig,
      reader,
    });
    expect(scorecard.checklistVersion).toBe('1.35');
    expect(scorecard.requirements.map(r => r.id)).toEqual(
      getChecklist('1.35')!.requirements.map(r => r.id),
    );
    expect(scorecard.apiRequests).toBe(reader.requestCount);
    const paths = reader.requested.map(p => p.split('?')[0]);
    expect(new Set(paths).size).toBe(paths.length);
    expect(
      scorecard.requirements.find(r => r.id === 'dra_support')?.verdict,
    ).toBe('pass');
    expect(
      scorecard.requirements.find(r => r.id === 'accelerator_metrics')?.verdict,
    ).toBe('fail');
    expect(scorecard.summary.conformant).toBe(false);
    for (const r of scorecard.requirements) {
      expect(r.reason.length).toBeGreaterThan(10);
    }
  });

  it('turns a 403 on one resource into error verdicts only for the requirements that read it', async () => {
    const reader = new FakeClusterReader({
      discovery: served,
      errors: { '/api/v1/nodes': forbidden('/api/v1/nodes') },
    });
    const scorecard = await evaluateCluster({
      cluster: 'demo',
      kubeConfig,
      reader,
      checklistVersion: '1.37',
    });
    const byId = Object.fromEntries(scorecard.requirements.map(r => [r.id, r]));
    expect(byId.secure_accelerator_access.verdict).toBe('error');
    expect(byId.secure_accelerator_access.reason).toContain(
      'Could not read nodes, which this check depends on: Forbidden (403)',
    );
    expect(byId.secure_accelerator_access.reason).toContain(
      'The reader needs: list nodes (all namespaces)',
    );
    expect(byId.ai_inference.verdict).toBe('fail');
    expect(byId.workload_sandboxing.verdict).toBe('fail');
  });

  it('throws ClusterUnreachableError with the reason when /version cannot be read', async () => {
    const reader = new FakeClusterReader({
      discovery: served,
      version: new KubeApiError({
        status: 401,
        kind: 'unauthorized',
        path: '/version',
        message: 'The API server rejected the credentials (401 Unauthorized)',
      }),
    });
    const error = await evaluateCluster({
      cluster: 'prod',
      kubeConfig,
      reader,
    }).catch(e => e);
    expect(error).toBeInstanceOf(ClusterUnreachableError);
    expect(error.reason).toContain('401');
    expect(error.message).toContain('Cluster prod could not be evaluated');
  });

  it('runs the DRA dry-run probe in a scoped namespace and always deletes it', async () => {
    const reader = new FakeClusterReader({ discovery: served });
    const scorecard = await evaluateCluster({
      cluster: 'demo',
      kubeConfig,
      reader,
      activeProbes: true,
    });
    const dra = scorecard.requirements.find(r => r.id === 'dra_support')!;
    expect(dra.mode).toBe('active');
    expect(dra.verdict).toBe('pass');
    const ns = reader.created.find(c => c.path === '/api/v1/namespaces')!.body
      .metadata;
    expect(ns.name).toMatch(/^ai-conformance-probe-[0-9a-f]{8}$/);
    expect(ns.labels['ai-conformance.backstage.io/probe']).toBe('true');
    expect(
      reader.created
        .filter(c => c.path.includes('resource.k8s.io'))
        .every(c => c.dryRun),
    ).toBe(true);
    expect(reader.deleted).toContain(`/api/v1/namespaces/${ns.name}`);
  });

  it('deletes the probe namespace even when a probe throws', async () => {
    const reader = new FakeClusterReader({
      discovery: served,
      onCreate: path => {
        if (path.includes('deviceclasses')) throw new Error('boom');
      },
    });
    await expect(
      evaluateCluster({
        cluster: 'demo',
        kubeConfig,
        reader,
        activeProbes: true,
      }),
    ).rejects.toThrow('boom');
    expect(
      reader.deleted.some(p =>
        p.startsWith('/api/v1/namespaces/ai-conformance-probe-'),
      ),
    ).toBe(true);
  });

  it('keeps the passive verdict and explains when probes may not create namespaces', async () => {
    const reader = new FakeClusterReader({
      discovery: served,
      errors: { '/api/v1/namespaces': forbidden('/api/v1/namespaces') },
    });
    const scorecard = await evaluateCluster({
      cluster: 'demo',
      kubeConfig,
      reader,
      activeProbes: true,
    });
    const dra = scorecard.requirements.find(r => r.id === 'dra_support')!;
    expect(dra.verdict).toBe('pass');
    expect(dra.reason).toContain('Active probe not run');
  });
});

describe('chooseChecklistVersion', () => {
  it('uses the override or the cluster version, and rejects unknown versions', () => {
    expect(chooseChecklistVersion('v1.36.1', '1.34')).toBe('1.34');
    expect(chooseChecklistVersion('v1.36.1')).toBe('1.36');
    expect(() => chooseChecklistVersion('v1.36.1', '2.0')).toThrow(
      'known versions: 1.33, 1.34, 1.35, 1.36, 1.37',
    );
  });
});
