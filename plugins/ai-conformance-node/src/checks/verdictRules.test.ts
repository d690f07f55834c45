import { getChecklist } from '@internal/plugin-ai-conformance-common';
import {
  context,
  makeFacts,
  node,
  withDefaults,
  workload,
} from '../__testUtils__/facts';
import { runChecks } from '../evaluate/runChecks';
import { ClusterFacts, FactKey } from '../gather/factTypes';
import { VENDOR_PROFILES } from '../vendors/profiles';
import { acceleratorMetrics } from './acceleratorMetrics';
import { aiServiceMetrics } from './aiServiceMetrics';
import { clusterAutoscaling } from './clusterAutoscaling';
import { driverRuntimeManagement } from './driverRuntimeManagement';
import { gpuSharing } from './gpuSharing';
import { PASSIVE_CHECKS } from './registry';
import { RequirementCheck } from './RequirementCheck';
import { secureAcceleratorAccess } from './secureAcceleratorAccess';
import { virtualizedAccelerator } from './virtualizedAccelerator';

const run = (check: RequirementCheck, facts: ClusterFacts) =>
  check.evaluate(withDefaults(facts, check.reads), context());

/** Every API any check looks for in discovery, as on a cluster with every group installed. */
const EVERYTHING_SERVED = {
  v1: ['nodes', 'pods', 'namespaces', 'configmaps'],
  'apps/v1': ['deployments', 'daemonsets', 'statefulsets'],
  'resource.k8s.io/v1': [
    'deviceclasses',
    'resourceclaims',
    'resourceclaimtemplates',
    'resourceslices',
  ],
  'gateway.networking.k8s.io/v1': ['gatewayclasses', 'gateways', 'httproutes'],
  'inference.networking.k8s.io/v1': ['inferencepools'],
  'kueue.x-k8s.io/v1beta1': ['clusterqueues', 'localqueues'],
  'karpenter.sh/v1': ['nodepools', 'nodeclaims'],
  'cluster.x-k8s.io/v1beta1': ['machinedeployments'],
  'monitoring.coreos.com/v1': [
    'servicemonitors',
    'podmonitors',
    'prometheuses',
  ],
  'opentelemetry.io/v1beta1': ['opentelemetrycollectors'],
  'autoscaling/v2': ['horizontalpodautoscalers'],
  'apiregistration.k8s.io/v1': ['apiservices'],
  'node.k8s.io/v1': ['runtimeclasses'],
  'admissionregistration.k8s.io/v1': [
    'validatingwebhookconfigurations',
    'mutatingwebhookconfigurations',
  ],
  'ray.io/v1': ['rayclusters'],
  'leaderworkerset.x-k8s.io/v1': ['leaderworkersets'],
};

describe('refused reads are error verdicts', () => {
  it('gives every requirement error, naming the permission, when nothing but discovery may be read', () => {
    const keys = [
      ...new Set(PASSIVE_CHECKS.flatMap(c => c.reads)),
    ] as FactKey[];
    const facts = makeFacts({
      served: EVERYTHING_SERVED,
      errors: Object.fromEntries(
        keys.map(k => [k, `Forbidden (403): the identity may not list ${k}.`]),
      ),
    });
    for (const key of keys)
      (facts.facts[key] as any).needs = [`list ${key} (all namespaces)`];
    const results = runChecks(
      facts,
      getChecklist('1.37')!,
      PASSIVE_CHECKS,
      VENDOR_PROFILES,
    );
    expect(
      results
        .filter(r => r.verdict !== 'error')
        .map(r => `${r.id}: ${r.verdict}`),
    ).toEqual([]);
    for (const r of results) {
      expect(r.reason).toMatch(
        /Forbidden \(403\).*The reader needs: list \S+ \(all namespaces\)/,
      );
      expect(r.evidence[0]).toMatchObject({
        field: 'rbac',
        message: expect.stringContaining('required permission: list'),
      });
    }
  });

  it.each([
    ['karpenterNodePools'],
    ['clusterApiMachineDeployments'],
    ['clusterAutoscalerStatus'],
    ['deployments'],
  ] as Array<[FactKey]>)(
    'makes cluster_autoscaling error, not N/A, when %s is refused',
    key => {
      const facts = makeFacts({
        served: EVERYTHING_SERVED,
        values: { nodes: [node('cpu')] },
        errors: { [key]: 'Forbidden (403)' },
      });
      const [result] = runChecks(
        withDefaults(facts, clusterAutoscaling.reads),
        {
          version: '1.37',
          requirements: [
            { id: 'cluster_autoscaling', level: 'MUST', conditional: true },
          ],
        } as any,
        PASSIVE_CHECKS,
        VENDOR_PROFILES,
      );
      expect(result.verdict).toBe('error');
      expect(result.reason).toContain(key);
    },
  );

  it('makes an accelerator MUST error, not N/A, when the node pools that could bring GPUs cannot be read', () => {
    const facts = makeFacts({
      served: EVERYTHING_SERVED,
      values: { nodes: [node('cpu')] },
      errors: { karpenterNodeClaims: 'Forbidden (403)' },
    });
    expect(() => run(driverRuntimeManagement, facts)).toThrow(
      'Forbidden (403)',
    );
  });
});

describe('on-demand accelerators give unknown, never not-applicable', () => {
  const gpuPool = {
    apiVersion: 'karpenter.sh/v1',
    kind: 'NodePool',
    metadata: { name: 'gpu' },
    spec: {
      template: {
        spec: {
          requirements: [
            {
              key: 'karpenter.k8s.aws/instance-gpu-count',
              operator: 'Gt',
              values: ['0'],
            },
          ],
        },
      },
    },
  };
  const checks = [
    driverRuntimeManagement,
    gpuSharing,
    virtualizedAccelerator,
    acceleratorMetrics,
    secureAcceleratorAccess,
  ];

  it.each(checks.map(c => [c.id, c]))(
    '%s: unknown with the NodePool as reason while no GPU node exists',
    (_id, check) => {
      const result = run(
        check,
        makeFacts({
          values: { nodes: [node('cpu')], karpenterNodePools: [gpuPool] },
        }),
      );
      expect(result.verdict).toBe('unknown');
      expect(result.reason).toContain('NodePool gpu');
      expect(result.evidence[0].object).toMatchObject({
        kind: 'NodePool',
        name: 'gpu',
      });
    },
  );

  it.each(checks.map(c => [c.id, c]))(
    '%s: still not-applicable with nothing that can bring accelerators',
    (_id, check) => {
      const result = run(
        check,
        makeFacts({
          values: {
            nodes: [node('cpu')],
            daemonSets: [workload('DaemonSet', 'kube-system', 'kube-proxy')],
          },
        }),
      );
      expect(result.verdict).toBe('not-applicable');
      expect(result.reason).toContain('none can be provisioned');
    },
  );
});

describe('driver_runtime_management is neutral where nothing can be verified', () => {
  it('is unknown for Intel GPU, Gaudi, TPU and Neuron nodes, which publish no driver-version label', () => {
    const nodes = [
      node('intel', {
        labels: { 'gpu.intel.com/family': 'Max_Series' },
        allocatable: { 'gpu.intel.com/i915': '8' },
      }),
      node('gaudi', {
        labels: { 'habana.ai/gaudi.present': 'true' },
        allocatable: { 'habana.ai/gaudi': '8' },
      }),
      node('tpu', {
        labels: { 'cloud.google.com/gke-tpu-accelerator': 'tpu-v6e-slice' },
        allocatable: { 'google.com/tpu': '4' },
      }),
      node('neuron', {
        labels: { 'node.kubernetes.io/instance-type': 'inf2.xlarge' },
        allocatable: { 'aws.amazon.com/neuron': '1' },
      }),
    ];
    for (const n of nodes) {
      const result = run(
        driverRuntimeManagement,
        makeFacts({ values: { nodes: [n] } }),
      );
      expect([n.name, result.verdict]).toEqual([n.name, 'unknown']);
      expect(result.reason).toContain('no driver-version label');
    }
  });

  it('does not take GKE gke-gpu-driver-version (a policy: default/latest) for a version', () => {
    const gke = node('gke-gpu', {
      labels: {
        'cloud.google.com/gke-accelerator': 'nvidia-l4',
        'cloud.google.com/gke-gpu-driver-version': 'latest',
      },
      allocatable: { 'nvidia.com/gpu': '1' },
    });
    const result = run(
      driverRuntimeManagement,
      makeFacts({ values: { nodes: [gke] } }),
    );
    expect(result.verdict).toBe('unknown');
  });

  it('still passes with a version label and still fails when devices disagree', () => {
    const labelled = node('gpu', {
      labels: {
        'nvidia.com/gpu.present': 'true',
        'nvidia.com/cuda.driver-version.full': '580.95.05',
      },
      allocatable: { 'nvidia.com/gpu': '8' },
    });
    expect(
      run(driverRuntimeManagement, makeFacts({ values: { nodes: [labelled] } }))
        .verdict,
    ).toBe('pass');
  });
});

describe('vendor attribution from shared cloud labels', () => {
  it('does not count karpenter instance-gpu-name as NVIDIA: an AWS AMD (g4ad) node is AMD', () => {
    const g4ad = node('g4ad', {
      labels: {
        'karpenter.k8s.aws/instance-gpu-name': 'radeon-pro-v520',
        'karpenter.k8s.aws/instance-gpu-manufacturer': 'amd',
      },
      allocatable: { 'amd.com/gpu': '1' },
    });
    const result = run(
      acceleratorMetrics,
      makeFacts({ values: { nodes: [g4ad] } }),
    );
    expect(result.reason).toContain('AMD GPU');
    expect(result.reason).not.toContain('NVIDIA');
  });
});

describe('ai_service_metrics recognises running collectors exactly', () => {
  const sts = (name: string, image: string, ready = 1) => ({
    ...workload('StatefulSet', 'monitoring', name, ready, 1),
    images: [image],
  });

  it('passes with a plain Prometheus (no operator) that runs', () => {
    const result = run(
      aiServiceMetrics,
      makeFacts({
        values: {
          statefulSets: [sts('prometheus-server', 'prom/prometheus:v3.5.0')],
        },
      }),
    );
    expect(result.verdict).toBe('pass');
    expect(result.evidence[0].object).toMatchObject({
      kind: 'StatefulSet',
      name: 'prometheus-server',
    });
  });

  it('fails when the collector is installed but not running', () => {
    expect(
      run(
        aiServiceMetrics,
        makeFacts({
          values: {
            statefulSets: [
              sts('prometheus-k8s', 'quay.io/prometheus/prometheus:v3.5.0', 0),
            ],
          },
        }),
      ).verdict,
    ).toBe('fail');
  });

  it('is unknown with scrape APIs but no visible collector (a Prometheus CR alone does not pass)', () => {
    const facts = makeFacts({
      served: {
        'monitoring.coreos.com/v1': ['servicemonitors', 'prometheuses'],
      },
    });
    expect(run(aiServiceMetrics, facts).verdict).toBe('unknown');
  });

  it('passes on GKE managed collection only when its collector DaemonSet runs', () => {
    const collector = {
      ...workload('DaemonSet', 'gmp-system', 'collector', 3, 3),
      images: ['gke.gcr.io/prometheus-engine/prometheus:v2.53.4-gmp.0-gke.1'],
    };
    const served = { 'monitoring.googleapis.com/v1': ['podmonitorings'] };
    expect(
      run(
        aiServiceMetrics,
        makeFacts({ served, values: { daemonSets: [collector] } }),
      ).verdict,
    ).toBe('pass');
    expect(run(aiServiceMetrics, makeFacts({ served })).verdict).toBe(
      'unknown',
    );
  });
});

describe('cluster_autoscaling', () => {
  const ca = (ready: number) => ({
    ...workload('Deployment', 'kube-system', 'cluster-autoscaler', ready, 1),
    images: ['registry.k8s.io/autoscaling/cluster-autoscaler:v1.34.1'],
  });

  it('fails when the autoscaler controller is installed but not Available', () => {
    expect(
      run(
        clusterAutoscaling,
        makeFacts({ values: { nodes: [node('n')], deployments: [ca(0)] } }),
      ).verdict,
    ).toBe('fail');
  });

  it('passes with a Cluster API MachineDeployment that autoscales a GPU group from zero', () => {
    const md = {
      apiVersion: 'cluster.x-k8s.io/v1beta1',
      kind: 'MachineDeployment',
      metadata: {
        name: 'gpu-md',
        namespace: 'default',
        annotations: {
          'cluster.x-k8s.io/cluster-api-autoscaler-node-group-min-size': '0',
          'cluster.x-k8s.io/cluster-api-autoscaler-node-group-max-size': '4',
          'capacity.cluster-autoscaler.kubernetes.io/gpu-count': '1',
          'capacity.cluster-autoscaler.kubernetes.io/gpu-type':
            'nvidia.com/gpu',
        },
      },
    };
    const result = run(
      clusterAutoscaling,
      makeFacts({
        values: {
          nodes: [node('n')],
          deployments: [ca(1)],
          clusterApiMachineDeployments: [md],
        },
      }),
    );
    expect(result.verdict).toBe('pass');
  });

  it('does not take a Deployment that is merely named like the autoscaler for one', () => {
    const impostor = workload(
      'Deployment',
      'tools',
      'cluster-autoscaler-dashboard',
    );
    expect(
      run(
        clusterAutoscaling,
        makeFacts({ values: { nodes: [node('n')], deployments: [impostor] } }),
      ).verdict,
    ).toBe('not-applicable');
  });
});
