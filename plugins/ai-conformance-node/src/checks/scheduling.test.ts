import {
  context,
  makeFacts,
  node,
  withDefaults,
  workload,
} from '../__testUtils__/facts';
import { clusterAutoscaling } from './clusterAutoscaling';
import { gangScheduling } from './gangScheduling';
import { podAutoscaling } from './podAutoscaling';
import { RequirementCheck } from './RequirementCheck';

const run = (check: RequirementCheck, facts: ReturnType<typeof makeFacts>) =>
  check.evaluate(
    withDefaults(facts, check.reads),
    context({ conditional: true }),
  );
const KUEUE = {
  'kueue.x-k8s.io/v1beta2': [
    'clusterqueues',
    'localqueues',
    'resourceflavors',
    'workloads',
  ],
};
const KUEUE_IMAGE = { images: ['registry.k8s.io/kueue/kueue:v0.17.0'] };
const kueueController = (ready = 1) =>
  workload(
    'Deployment',
    'kueue-system',
    'kueue-controller-manager',
    ready,
    1,
    KUEUE_IMAGE,
  );
const clusterQueue = (active: boolean) => ({
  apiVersion: 'kueue.x-k8s.io/v1beta2',
  kind: 'ClusterQueue',
  metadata: { name: 'cq' },
  status: {
    conditions: [{ type: 'Active', status: active ? 'True' : 'False' }],
  },
});

describe('gang_scheduling', () => {
  it('passes with Kueue running and an Active ClusterQueue', () => {
    const result = run(
      gangScheduling,
      makeFacts({
        served: KUEUE,
        values: {
          deployments: [kueueController()],
          kueueClusterQueues: [clusterQueue(true)],
        },
      }),
    );
    expect(result.verdict).toBe('pass');
    expect(
      result.evidence.some(
        e => e.object?.kind === 'ClusterQueue' && e.value === true,
      ),
    ).toBe(true);
  });
  it('fails when Kueue has no Active ClusterQueue or its controller is down', () => {
    const noQueue = run(
      gangScheduling,
      makeFacts({
        served: KUEUE,
        values: {
          deployments: [kueueController()],
          kueueClusterQueues: [clusterQueue(false)],
        },
      }),
    );
    expect(noQueue.verdict).toBe('fail');
    expect(noQueue.reason).toContain('no ClusterQueue is Active');
    const down = run(
      gangScheduling,
      makeFacts({
        served: KUEUE,
        values: { deployments: [kueueController(0)] },
      }),
    );
    expect(down.reason).toContain('not Available');
  });
  it('passes with Volcano', () => {
    const result = run(
      gangScheduling,
      makeFacts({
        served: { 'scheduling.volcano.sh/v1beta1': ['podgroups', 'queues'] },
        values: {
          deployments: [
            workload(
              'Deployment',
              'volcano-system',
              'volcano-scheduler',
              1,
              1,
              { images: ['docker.io/volcanosh/vc-scheduler:v1.12.0'] },
            ),
          ],
        },
      }),
    );
    expect(result.verdict).toBe('pass');
  });
  it('identifies the controller exactly: kueueviz or a look-alike name is not the Kueue controller', () => {
    const kueueviz = workload(
      'Deployment',
      'kueue-system',
      'kueue-kueueviz-backend',
      1,
      1,
      {
        images: ['registry.k8s.io/kueue/kueueviz-backend:v0.17.0'],
        labels: {
          'app.kubernetes.io/name': 'kueue',
          'app.kubernetes.io/component': 'kueueviz-backend',
        },
      },
    );
    const lookalike = workload(
      'Deployment',
      'kueue-system',
      'kueue-controller-manager',
      1,
      1,
      { images: ['example.org/kueue-controller-manager:v1'], labels: {} },
    );
    const result = run(
      gangScheduling,
      makeFacts({
        served: KUEUE,
        values: {
          deployments: [kueueviz, lookalike, kueueController(0)],
          kueueClusterQueues: [clusterQueue(true)],
        },
      }),
    );
    expect(result.verdict).toBe('fail');
    expect(result.reason).toContain('not Available');
    const labelled = workload('Deployment', 'kueue-system', 'my-kueue', 1, 1, {
      images: ['registry.corp/kueue-fork:1'],
      labels: {
        'control-plane': 'controller-manager',
        'app.kubernetes.io/name': 'kueue',
      },
    });
    expect(
      run(
        gangScheduling,
        makeFacts({
          served: KUEUE,
          values: {
            deployments: [kueueviz, labelled],
            kueueClusterQueues: [clusterQueue(true)],
          },
        }),
      ).verdict,
    ).toBe('pass');
  });
  it('fails without any gang scheduler', () => {
    expect(run(gangScheduling, makeFacts({})).verdict).toBe('fail');
  });
});

describe('cluster_autoscaling', () => {
  it('is not applicable without an autoscaler', () => {
    const result = run(
      clusterAutoscaling,
      makeFacts({ values: { nodes: [node('n')] } }),
    );
    expect(result.verdict).toBe('not-applicable');
    expect(result.reason).toContain('No cluster autoscaler');
  });
  it('passes with a Karpenter NodePool for GPU instances', () => {
    const pool = {
      apiVersion: 'karpenter.sh/v1',
      kind: 'NodePool',
      metadata: { name: 'gpu' },
      spec: {
        template: {
          spec: {
            requirements: [
              {
                key: 'karpenter.k8s.aws/instance-gpu-manufacturer',
                operator: 'In',
                values: ['nvidia'],
              },
            ],
          },
        },
      },
    };
    expect(
      run(
        clusterAutoscaling,
        makeFacts({
          values: { nodes: [node('n')], karpenterNodePools: [pool] },
        }),
      ).verdict,
    ).toBe('pass');
  });
  it('passes when the Cluster Autoscaler status lists the accelerator node group', () => {
    const gpu = node('g', {
      labels: {
        'nvidia.com/gpu.present': 'true',
        'eks.amazonaws.com/nodegroup': 'gpu-ng',
      },
      allocatable: { 'nvidia.com/gpu': '8' },
    });
    const result = run(
      clusterAutoscaling,
      makeFacts({
        values: {
          nodes: [gpu],
          clusterAutoscalerStatus: {
            name: 'cluster-autoscaler-status',
            namespace: 'kube-system',
            status: 'NodeGroups:\n  Name: gpu-ng\n  Health: Healthy',
          },
        },
      }),
    );
    expect(result.verdict).toBe('pass');
  });
  it('is unknown when an autoscaler exists but accelerator coverage is not visible', () => {
    const ca = {
      ...workload('Deployment', 'kube-system', 'cluster-autoscaler'),
      images: ['registry.k8s.io/autoscaling/cluster-autoscaler:v1.34.1'],
    };
    const result = run(
      clusterAutoscaling,
      makeFacts({ values: { nodes: [node('n')], deployments: [ca] } }),
    );
    expect(result.verdict).toBe('unknown');
  });
});

describe('pod_autoscaling', () => {
  const served = { 'autoscaling/v2': ['horizontalpodautoscalers'] };
  it('passes with an Available custom metrics API', () => {
    const result = run(
      podAutoscaling,
      makeFacts({
        served,
        values: {
          apiServices: [
            { name: 'v1beta1.custom.metrics.k8s.io', available: true },
          ],
          horizontalPodAutoscalers: [
            {
              namespace: 'ml',
              name: 'vllm',
              metricTypes: ['Pods'],
              target: 'Deployment/vllm',
            },
          ],
        },
      }),
    );
    expect(result.verdict).toBe('pass');
    expect(
      result.evidence.some(e => e.object?.kind === 'HorizontalPodAutoscaler'),
    ).toBe(true);
  });
  it('fails when the metrics API is missing or not Available', () => {
    expect(
      run(podAutoscaling, makeFacts({ served, values: { apiServices: [] } }))
        .verdict,
    ).toBe('fail');
    const result = run(
      podAutoscaling,
      makeFacts({
        served,
        values: {
          apiServices: [
            {
              name: 'v1beta1.custom.metrics.k8s.io',
              available: false,
              message: 'service not found',
            },
          ],
        },
      }),
    );
    expect(result.verdict).toBe('fail');
    expect(result.evidence[1].message).toContain('service not found');
  });
  it('is not applicable when HPA is not served', () => {
    expect(
      run(podAutoscaling, makeFacts({ served: { v1: ['pods'] } })).verdict,
    ).toBe('not-applicable');
  });
});
