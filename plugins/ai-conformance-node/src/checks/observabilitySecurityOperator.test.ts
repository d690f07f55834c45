import {
  context,
  makeFacts,
  node,
  withDefaults,
  workload,
} from '../__testUtils__/facts';
import { PodFact } from '../gather/factTypes';
import { acceleratorMetrics } from './acceleratorMetrics';
import { aiServiceMetrics } from './aiServiceMetrics';
import { robustController } from './robustController';
import { RequirementCheck } from './RequirementCheck';
import { secureAcceleratorAccess } from './secureAcceleratorAccess';

const run = (check: RequirementCheck, facts: ReturnType<typeof makeFacts>) =>
  check.evaluate(
    withDefaults(facts, check.reads),
    context({ checklistVersion: '1.37' }),
  );
const gpu = (name: string) =>
  node(name, {
    labels: { 'nvidia.com/gpu.present': 'true' },
    allocatable: { 'nvidia.com/gpu': '8' },
  });
const amd = node('amd-0', {
  labels: { 'amd.com/gpu.product-name': 'AMD_Instinct_MI300X_OAM' },
  allocatable: { 'amd.com/gpu': '8' },
});
const pod = (overrides: Partial<PodFact>): PodFact => ({
  namespace: 'team-a',
  name: 'p',
  labels: {},
  nodeName: 'gpu-0',
  phase: 'Running',
  privileged: false,
  hostPathDevices: [],
  extendedResources: [],
  usesResourceClaims: false,
  ...overrides,
});

describe('accelerator_metrics', () => {
  it('passes when the DCGM exporter is ready on the GPU nodes', () => {
    const result = run(
      acceleratorMetrics,
      makeFacts({
        values: {
          nodes: [gpu('gpu-0'), gpu('gpu-1')],
          daemonSets: [
            workload('DaemonSet', 'gpu-operator', 'nvidia-dcgm-exporter', 2, 2),
          ],
        },
      }),
    );
    expect(result.verdict).toBe('pass');
  });
  it('fails for a vendor without an exporter (AMD next to NVIDIA)', () => {
    const result = run(
      acceleratorMetrics,
      makeFacts({
        values: {
          nodes: [gpu('gpu-0'), amd],
          daemonSets: [
            workload('DaemonSet', 'gpu-operator', 'nvidia-dcgm-exporter'),
          ],
        },
      }),
    );
    expect(result.verdict).toBe('fail');
    expect(result.reason).toContain('AMD GPU');
  });
  it('is unknown for TPUs (managed metrics) and for unrecognised accelerators, N/A without accelerators', () => {
    const tpu = node('tpu', {
      labels: { 'cloud.google.com/gke-tpu-accelerator': 'tpu-v5p-slice' },
      allocatable: { 'google.com/tpu': '4' },
    });
    expect(
      run(acceleratorMetrics, makeFacts({ values: { nodes: [tpu] } })).verdict,
    ).toBe('unknown');
    expect(
      run(
        acceleratorMetrics,
        makeFacts({
          values: {
            nodes: [node('x', { allocatable: { 'acme.example/npu': '2' } })],
          },
        }),
      ).verdict,
    ).toBe('unknown');
    expect(
      run(acceleratorMetrics, makeFacts({ values: { nodes: [node('cpu')] } }))
        .verdict,
    ).toBe('not-applicable');
  });
});

describe('ai_service_metrics', () => {
  const prometheus = {
    ...workload('StatefulSet', 'monitoring', 'prometheus-k8s', 2, 2),
    images: ['quay.io/prometheus/prometheus:v3.5.0'],
  };
  it('passes with a Prometheus (operator-managed or plain) whose StatefulSet runs', () => {
    const result = run(
      aiServiceMetrics,
      makeFacts({
        served: {
          'monitoring.coreos.com/v1': [
            'servicemonitors',
            'podmonitors',
            'prometheuses',
          ],
        },
        values: { statefulSets: [prometheus] },
      }),
    );
    expect(result.verdict).toBe('pass');
  });
  it('is unknown with managed-Prometheus APIs but no collector visible in the cluster', () => {
    expect(
      run(
        aiServiceMetrics,
        makeFacts({
          served: { 'monitoring.googleapis.com/v1': ['podmonitorings'] },
        }),
      ).verdict,
    ).toBe('unknown');
  });
  it('is unknown with CRDs only and fails without monitoring', () => {
    expect(
      run(
        aiServiceMetrics,
        makeFacts({
          served: { 'monitoring.coreos.com/v1': ['servicemonitors'] },
        }),
      ).verdict,
    ).toBe('unknown');
    expect(run(aiServiceMetrics, makeFacts({})).verdict).toBe('fail');
  });
});

describe('secure_accelerator_access', () => {
  it('passes when GPUs are mediated and no workload bypasses it', () => {
    const result = run(
      secureAcceleratorAccess,
      makeFacts({
        values: {
          nodes: [gpu('gpu-0')],
          pods: [pod({ extendedResources: ['nvidia.com/gpu'] })],
        },
      }),
    );
    expect(result.verdict).toBe('pass');
  });
  it('fails for a privileged workload pod or a hostPath /dev/nvidia mount on a GPU node', () => {
    const privileged = run(
      secureAcceleratorAccess,
      makeFacts({
        values: { nodes: [gpu('gpu-0')], pods: [pod({ privileged: true })] },
      }),
    );
    expect(privileged.verdict).toBe('fail');
    expect(
      privileged.evidence.find(e => e.object?.kind === 'Pod')?.object,
    ).toEqual({
      apiVersion: 'v1',
      kind: 'Pod',
      name: 'p',
      namespace: 'team-a',
    });
    const mount = run(
      secureAcceleratorAccess,
      makeFacts({
        values: {
          nodes: [gpu('gpu-0')],
          pods: [pod({ hostPathDevices: ['/dev/nvidia0'] })],
        },
      }),
    );
    expect(mount.verdict).toBe('fail');
  });
  it('tells platform pods by owner and image, never by namespace, and is N/A without accelerators', () => {
    const platformPod = (name: string, image: string) =>
      pod({
        namespace: 'kube-system',
        name,
        owner: { kind: 'DaemonSet', name },
        privileged: true,
        hostPathDevices: ['/dev'],
        containerSecurity: [{ name, type: 'app', image, privileged: true }],
      });
    const agents = [
      platformPod(
        'nvidia-driver-daemonset',
        'nvcr.io/nvidia/driver:580.95.05-ubuntu24.04',
      ),
      platformPod('longhorn-manager', 'longhornio/longhorn-manager:v1.9.1'),
      platformPod('falco', 'falcosecurity/falco:0.41.3'),
    ];
    const passed = run(
      secureAcceleratorAccess,
      makeFacts({ values: { nodes: [gpu('gpu-0')], pods: agents } }),
    );
    expect(passed.verdict).toBe('pass');
    expect(passed.reason).toContain('3 platform pod(s)');
    const userInVendorNamespace = pod({
      namespace: 'gpu-operator',
      name: 'notebook',
      privileged: true,
      containerSecurity: [
        {
          name: 'nb',
          type: 'app',
          image: 'jupyter/base-notebook',
          privileged: true,
        },
      ],
    });
    const failed = run(
      secureAcceleratorAccess,
      makeFacts({
        values: {
          nodes: [gpu('gpu-0')],
          pods: [...agents, userInVendorNamespace],
        },
      }),
    );
    expect(failed.verdict).toBe('fail');
    expect(failed.evidence[0].object).toEqual({
      apiVersion: 'v1',
      kind: 'Pod',
      name: 'notebook',
      namespace: 'gpu-operator',
    });
    expect(
      run(
        secureAcceleratorAccess,
        makeFacts({ values: { nodes: [node('cpu')], pods: [] } }),
      ).verdict,
    ).toBe('not-applicable');
  });
  it('is configurable: a custom agent list decides which images are platform', () => {
    const custom = pod({
      name: 'vendor-agent',
      owner: { kind: 'DaemonSet', name: 'vendor-agent' },
      privileged: true,
      containerSecurity: [
        {
          name: 'a',
          type: 'app',
          image: 'registry.corp/storage/agent:1',
          privileged: true,
        },
      ],
    });
    const facts = withDefaults(
      makeFacts({ values: { nodes: [gpu('gpu-0')], pods: [custom] } }),
      secureAcceleratorAccess.reads,
    );
    expect(secureAcceleratorAccess.evaluate(facts, context()).verdict).toBe(
      'fail',
    );
    const agents = [
      {
        name: 'Corp storage',
        category: 'storage' as const,
        images: ['storage/agent'],
      },
    ];
    expect(
      secureAcceleratorAccess.evaluate(
        facts,
        context({ infrastructureAgents: agents }),
      ).verdict,
    ).toBe('pass');
  });
  it('fails for a visible-devices variable without a request, privileged init or ephemeral containers', () => {
    const env = pod({
      deviceEnv: [
        {
          container: 'main',
          containerType: 'app',
          name: 'NVIDIA_VISIBLE_DEVICES',
          value: 'all',
        },
      ],
    });
    const result = run(
      secureAcceleratorAccess,
      makeFacts({ values: { nodes: [gpu('gpu-0')], pods: [env] } }),
    );
    expect(result.verdict).toBe('fail');
    expect(result.evidence[0].message).toContain('NVIDIA_VISIBLE_DEVICES=all');
    const ephemeral = pod({
      extendedResources: ['nvidia.com/gpu'],
      privileged: true,
      owner: { kind: 'DaemonSet', name: 'x' },
      containerSecurity: [
        {
          name: 'debugger',
          type: 'ephemeral',
          image: 'nvcr.io/nvidia/driver:580',
          privileged: true,
        },
      ],
    });
    expect(
      run(
        secureAcceleratorAccess,
        makeFacts({ values: { nodes: [gpu('gpu-0')], pods: [ephemeral] } }),
      ).evidence[0].message,
    ).toContain('ephemeral container debugger runs privileged');
  });
  it('is unknown, not fail, on weak signals: host root mounts, variables from references, look-alike agents', () => {
    const root = pod({ hostPathDevices: ['/'] });
    const fromRef = pod({
      name: 'q',
      deviceEnv: [
        {
          container: 'main',
          containerType: 'app',
          name: 'NVIDIA_VISIBLE_DEVICES',
          fromReference: true,
        },
      ],
    });
    const lookalike = pod({
      name: 'r',
      owner: { kind: 'DaemonSet', name: 'falco' },
      labels: { 'app.kubernetes.io/name': 'falco' },
      privileged: true,
      containerSecurity: [
        {
          name: 'falco',
          type: 'app',
          image: 'registry.corp/sec/falco-custom:1',
          privileged: true,
        },
      ],
    });
    const result = run(
      secureAcceleratorAccess,
      makeFacts({
        values: { nodes: [gpu('gpu-0')], pods: [root, fromRef, lookalike] },
      }),
    );
    expect(result.verdict).toBe('unknown');
    expect(result.reason).toContain('3 pod(s)');
  });
  it('fails when accelerator nodes are labelled but expose no mediated resource', () => {
    const labelled = node('gpu-x', {
      labels: { 'nvidia.com/gpu.present': 'true' },
    });
    expect(
      run(
        secureAcceleratorAccess,
        makeFacts({ values: { nodes: [labelled], pods: [] } }),
      ).verdict,
    ).toBe('fail');
  });
});

describe('robust_controller', () => {
  const served = { 'ray.io/v1': ['rayclusters', 'rayjobs'] };
  const kuberay = (ready = 1) =>
    workload('Deployment', 'ray-system', 'kuberay-operator', ready, 1, {
      images: ['quay.io/kuberay/operator:v1.5.0'],
    });
  const hook = (service: string, hasCaBundle = true) => ({
    kind: 'ValidatingWebhookConfiguration' as const,
    name: 'kuberay',
    webhooks: [
      {
        name: 'vraycluster.kb.io',
        apiGroups: ['ray.io'],
        hasCaBundle,
        service: { namespace: 'ray-system', name: service },
        url: false,
      },
    ],
  });
  it('passes with KubeRay running and its webhook wired', () => {
    const result = run(
      robustController,
      makeFacts({
        served,
        values: {
          deployments: [kuberay()],
          webhookConfigurations: [hook('kuberay-webhook')],
          serviceEndpoints: [
            {
              namespace: 'ray-system',
              name: 'kuberay-webhook',
              ready: 1,
              notReady: 0,
            },
          ],
        },
      }),
    );
    expect(result.verdict).toBe('pass');
    expect(result.reason).toContain('1 webhook');
  });
  it('fails when a webhook has no ready endpoint behind its Service', () => {
    const result = run(
      robustController,
      makeFacts({
        served,
        values: {
          deployments: [kuberay()],
          webhookConfigurations: [hook('kuberay-webhook')],
          serviceEndpoints: [
            {
              namespace: 'ray-system',
              name: 'kuberay-webhook',
              ready: 0,
              notReady: 1,
            },
          ],
        },
      }),
    );
    expect(result.verdict).toBe('fail');
    expect(result.reason).toContain(
      'no ready endpoint behind Service ray-system/kuberay-webhook',
    );
  });
  it('does not take a KServe predictor for the KServe controller', () => {
    const kserve = { 'serving.kserve.io/v1beta1': ['inferenceservices'] };
    const predictor = workload(
      'Deployment',
      'ml',
      'llama-kserve-predictor',
      1,
      1,
      {
        images: ['kserve/huggingfaceserver:v0.16.0'],
        labels: {
          'serving.kserve.io/inferenceservice': 'llama',
          component: 'predictor',
        },
      },
    );
    expect(
      run(
        robustController,
        makeFacts({ served: kserve, values: { deployments: [predictor] } }),
      ).reason,
    ).toContain('no KServe controller Deployment found');
    const controller = workload(
      'Deployment',
      'kserve',
      'kserve-controller-manager',
      1,
      1,
      { images: ['kserve/kserve-controller:v0.16.0'] },
    );
    expect(
      run(
        robustController,
        makeFacts({
          served: kserve,
          values: { deployments: [predictor, controller] },
        }),
      ).verdict,
    ).toBe('pass');
  });
  it('fails when the controller is not Available or a webhook lacks its CA bundle', () => {
    expect(
      run(
        robustController,
        makeFacts({ served, values: { deployments: [kuberay(0)] } }),
      ).verdict,
    ).toBe('fail');
    const result = run(
      robustController,
      makeFacts({
        served,
        values: {
          deployments: [kuberay()],
          webhookConfigurations: [hook('w', false)],
        },
      }),
    );
    expect(result.verdict).toBe('fail');
    expect(result.reason).toContain('CA bundle');
  });
  it('fails when no AI operator is installed', () => {
    expect(run(robustController, makeFacts({})).verdict).toBe('fail');
  });
});
