import { context, makeFacts, node, withDefaults, workload } from '../__testUtils__/facts';
import { PodFact } from '../gather/factTypes';
import { acceleratorMetrics } from './acceleratorMetrics';
import { aiServiceMetrics } from './aiServiceMetrics';
import { robustController } from './robustController';
import { RequirementCheck } from './RequirementCheck';
import { secureAcceleratorAccess } from './secureAcceleratorAccess';
import { workloadSandboxing } from './workloadSandboxing';

const run = (check: RequirementCheck, facts: ReturnType<typeof makeFacts>) =>
  check.evaluate(withDefaults(facts, check.reads), context({ checklistVersion: '1.37' }));
const gpu = (name: string) => node(name, { labels: { 'nvidia.com/gpu.present': 'true' }, allocatable: { 'nvidia.com/gpu': '8' } });
const amd = node('amd-0', { labels: { 'amd.com/gpu.product-name': 'AMD_Instinct_MI300X_OAM' }, allocatable: { 'amd.com/gpu': '8' } });
const pod = (overrides: Partial<PodFact>): PodFact => ({ namespace: 'team-a', name: 'p', labels: {}, nodeName: 'gpu-0', phase: 'Running', privileged: false, hostPathDevices: [], extendedResources: [], usesResourceClaims: false, ...overrides });

describe('accelerator_metrics', () => {
  it('passes when the DCGM exporter is ready on the GPU nodes', () => {
    const result = run(acceleratorMetrics, makeFacts({ values: { nodes: [gpu('gpu-0'), gpu('gpu-1')], daemonSets: [workload('DaemonSet', 'gpu-operator', 'nvidia-dcgm-exporter', 2, 2)] } }));
    expect(result.verdict).toBe('pass');
  });
  it('fails for a vendor without an exporter (AMD next to NVIDIA)', () => {
    const result = run(acceleratorMetrics, makeFacts({ values: { nodes: [gpu('gpu-0'), amd], daemonSets: [workload('DaemonSet', 'gpu-operator', 'nvidia-dcgm-exporter')] } }));
    expect(result.verdict).toBe('fail');
    expect(result.reason).toContain('AMD GPU');
  });
  it('is unknown for TPUs (managed metrics) and for unrecognised accelerators, N/A without accelerators', () => {
    const tpu = node('tpu', { labels: { 'cloud.google.com/gke-tpu-accelerator': 'tpu-v5p-slice' }, allocatable: { 'google.com/tpu': '4' } });
    expect(run(acceleratorMetrics, makeFacts({ values: { nodes: [tpu] } })).verdict).toBe('unknown');
    expect(run(acceleratorMetrics, makeFacts({ values: { nodes: [node('x', { allocatable: { 'acme.example/npu': '2' } })] } })).verdict).toBe('unknown');
    expect(run(acceleratorMetrics, makeFacts({ values: { nodes: [node('cpu')] } })).verdict).toBe('not-applicable');
  });
});

describe('ai_service_metrics', () => {
  const prometheus = { ...workload('StatefulSet', 'monitoring', 'prometheus-k8s', 2, 2), images: ['quay.io/prometheus/prometheus:v3.5.0'] };
  it('passes with a Prometheus (operator-managed or plain) whose StatefulSet runs', () => {
    const result = run(aiServiceMetrics, makeFacts({ served: { 'monitoring.coreos.com/v1': ['servicemonitors', 'podmonitors', 'prometheuses'] }, values: { statefulSets: [prometheus] } }));
    expect(result.verdict).toBe('pass');
  });
  it('is unknown with managed-Prometheus APIs but no collector visible in the cluster', () => {
    expect(run(aiServiceMetrics, makeFacts({ served: { 'monitoring.googleapis.com/v1': ['podmonitorings'] } })).verdict).toBe('unknown');
  });
  it('is unknown with CRDs only and fails without monitoring', () => {
    expect(run(aiServiceMetrics, makeFacts({ served: { 'monitoring.coreos.com/v1': ['servicemonitors'] } })).verdict).toBe('unknown');
    expect(run(aiServiceMetrics, makeFacts({})).verdict).toBe('fail');
  });
});

describe('secure_accelerator_access', () => {
  it('passes when GPUs are mediated and no workload bypasses it', () => {
    const result = run(secureAcceleratorAccess, makeFacts({ values: { nodes: [gpu('gpu-0')], pods: [pod({ extendedResources: ['nvidia.com/gpu'] })] } }));
    expect(result.verdict).toBe('pass');
  });
  it('fails for a privileged workload pod or a hostPath /dev/nvidia mount on a GPU node', () => {
    const privileged = run(secureAcceleratorAccess, makeFacts({ values: { nodes: [gpu('gpu-0')], pods: [pod({ privileged: true })] } }));
    expect(privileged.verdict).toBe('fail');
    expect(privileged.evidence.find(e => e.object?.kind === 'Pod')?.object).toEqual({ apiVersion: 'v1', kind: 'Pod', name: 'p', namespace: 'team-a' });
    const mount = run(secureAcceleratorAccess, makeFacts({ values: { nodes: [gpu('gpu-0')], pods: [pod({ hostPathDevices: ['/dev/nvidia0'] })] } }));
    expect(mount.verdict).toBe('fail');
  });
  it('ignores system pods (device plugin) and is N/A without accelerators', () => {
    expect(run(secureAcceleratorAccess, makeFacts({ values: { nodes: [gpu('gpu-0')], pods: [pod({ namespace: 'gpu-operator', privileged: true })] } })).verdict).toBe('pass');
    expect(run(secureAcceleratorAccess, makeFacts({ values: { nodes: [node('cpu')], pods: [] } })).verdict).toBe('not-applicable');
  });
  it('fails when accelerator nodes are labelled but expose no mediated resource', () => {
    const labelled = node('gpu-x', { labels: { 'nvidia.com/gpu.present': 'true' } });
    expect(run(secureAcceleratorAccess, makeFacts({ values: { nodes: [labelled], pods: [] } })).verdict).toBe('fail');
  });
});

describe('workload_sandboxing', () => {
  it('passes with a gVisor RuntimeClass', () => {
    expect(run(workloadSandboxing, makeFacts({ values: { runtimeClasses: [{ name: 'gvisor', handler: 'runsc' }] } })).verdict).toBe('pass');
  });
  it('is unknown for unrecognised handlers and fails with only plain runtimes', () => {
    expect(run(workloadSandboxing, makeFacts({ values: { runtimeClasses: [{ name: 'secure', handler: 'mystery' }] } })).verdict).toBe('unknown');
    expect(run(workloadSandboxing, makeFacts({ values: { runtimeClasses: [{ name: 'nvidia', handler: 'nvidia' }] } })).verdict).toBe('fail');
  });
});

describe('robust_controller', () => {
  const served = { 'ray.io/v1': ['rayclusters', 'rayjobs'] };
  it('passes with KubeRay running and its webhook wired', () => {
    const result = run(robustController, makeFacts({ served, values: {
      deployments: [workload('Deployment', 'ray-system', 'kuberay-operator')],
      webhookConfigurations: [{ kind: 'ValidatingWebhookConfiguration', name: 'kuberay', webhooks: [{ name: 'vraycluster.kb.io', apiGroups: ['ray.io'], hasCaBundle: true, service: { namespace: 'ray-system', name: 'kuberay-webhook' }, url: false }] }],
    } }));
    expect(result.verdict).toBe('pass');
    expect(result.reason).toContain('1 webhook');
  });
  it('fails when the controller is not Available or a webhook lacks its CA bundle', () => {
    expect(run(robustController, makeFacts({ served, values: { deployments: [workload('Deployment', 'ray-system', 'kuberay-operator', 0, 1)] } })).verdict).toBe('fail');
    const result = run(robustController, makeFacts({ served, values: {
      deployments: [workload('Deployment', 'ray-system', 'kuberay-operator')],
      webhookConfigurations: [{ kind: 'ValidatingWebhookConfiguration', name: 'kuberay', webhooks: [{ name: 'v', apiGroups: ['ray.io'], hasCaBundle: false, service: { namespace: 'ray-system', name: 'w' }, url: false }] }],
    } }));
    expect(result.verdict).toBe('fail');
    expect(result.reason).toContain('CA bundle');
  });
  it('fails when no AI operator is installed', () => {
    expect(run(robustController, makeFacts({})).verdict).toBe('fail');
  });
});
