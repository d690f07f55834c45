import { KubeConfig } from '@kubernetes/client-node';
import {
  BYPASS_NAMESPACE,
  kuberayWebhookWithoutEndpoints,
  secureAccessBypasses,
  VENDOR_PREFIXED_USER_NAMESPACE,
} from '@internal/local-cluster';
import {
  describeWithLocalCluster,
  LocalCluster,
  RestClient,
  startOrReuseCluster,
} from '@internal/local-cluster/testing';
import { RequirementResult } from '@internal/plugin-ai-conformance-common';
import { evaluateCluster } from '../evaluate/evaluateCluster';

/* Both directions of the platform-versus-workload and health-over-presence rules, on a real
   kube-apiserver (packages/local-cluster, scenario conformant-nvidia, which runs the GPU
   Operator's privileged driver/toolkit/validator DaemonSets, a privileged device plugin and DRA
   kubelet plugin, Longhorn, Falco and node-exporter next to the workloads), read as `reader`:
   1. the honest cluster passes;
   2. breaking health (Gateway not Programmed, endpoint picker and Kueue controller scaled to
      zero, a kueueviz look-alike, a webhook without endpoints) flips each verdict, and restoring
      it passes again;
   3. workload pods that reach the GPUs around the device plugin make secure access fail. */

jest.setTimeout(600_000);

const SERVING = 'ml-serving';
const GATEWAY = {
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'Gateway',
  metadata: { name: 'inference-gateway', namespace: SERVING },
};

function readerKubeConfig(cluster: LocalCluster): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromFile(cluster.kubeconfig);
  kc.setCurrentContext('reader');
  return kc;
}

async function waitUntil(
  what: string,
  fn: () => Promise<boolean>,
  timeoutMs = 120_000,
) {
  const deadline = Date.now() + timeoutMs;
  while (!(await fn())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise(r => setTimeout(r, 300));
  }
}

describeWithLocalCluster(
  'platform versus workload, health over presence (conformant-nvidia)',
  () => {
    let cluster: LocalCluster;
    let admin: RestClient;
    let verdicts: () => Promise<Record<string, RequirementResult>>;

    const scale = async (namespace: string, name: string, replicas: number) => {
      await admin.request(
        'PATCH',
        `/apis/apps/v1/namespaces/${namespace}/deployments/${name}`,
        { spec: { replicas } },
        'application/merge-patch+json',
      );
      await waitUntil(`${namespace}/${name} at ${replicas} ready`, async () => {
        const d = await admin.get(
          `/apis/apps/v1/namespaces/${namespace}/deployments/${name}`,
        );
        return (
          d.status?.observedGeneration >= d.metadata.generation &&
          (d.status?.readyReplicas ?? 0) === replicas &&
          (d.status?.replicas ?? 0) === replicas
        );
      });
    };
    const readyEndpoints = async (namespace: string, service: string) => {
      const list = await admin.get(
        `/apis/discovery.k8s.io/v1/namespaces/${namespace}/endpointslices?labelSelector=${encodeURIComponent(
          `kubernetes.io/service-name=${service}`,
        )}`,
      );
      return (list.items as any[])
        .flatMap(s => s.endpoints ?? [])
        .filter(e => e.conditions?.ready !== false).length;
    };
    const gatewayProgrammed = (status: 'True' | 'False') =>
      admin.applyStatus({
        ...GATEWAY,
        status: {
          conditions: [
            {
              type: 'Accepted',
              status: 'True',
              reason: 'Accepted',
              message: '',
              lastTransitionTime: new Date()
                .toISOString()
                .replace(/\.\d+Z$/, 'Z'),
              observedGeneration: 1,
            },
            {
              type: 'Programmed',
              status,
              reason: status === 'True' ? 'Programmed' : 'AddressNotAssigned',
              message: '',
              lastTransitionTime: new Date()
                .toISOString()
                .replace(/\.\d+Z$/, 'Z'),
              observedGeneration: 1,
            },
          ],
        },
      });
    const kueueviz = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: {
        name: 'kueue-kueueviz-backend',
        namespace: 'kueue-system',
        labels: {
          'app.kubernetes.io/name': 'kueue',
          'app.kubernetes.io/component': 'kueueviz-backend',
        },
      },
      spec: {
        replicas: 1,
        selector: {
          matchLabels: { 'app.kubernetes.io/component': 'kueueviz-backend' },
        },
        template: {
          metadata: {
            labels: {
              'app.kubernetes.io/name': 'kueue',
              'app.kubernetes.io/component': 'kueueviz-backend',
            },
          },
          spec: {
            containers: [
              {
                name: 'backend',
                image: 'registry.k8s.io/kueue/kueueviz-backend:v0.17.0',
              },
            ],
          },
        },
      },
    };

    beforeAll(async () => {
      cluster = await startOrReuseCluster({ scenario: 'conformant-nvidia' });
      admin = cluster.client('admin');
      const kubeConfig = readerKubeConfig(cluster);
      verdicts = async () => {
        const scorecard = await evaluateCluster({
          cluster: 'conformant-nvidia',
          kubeConfig,
          checklistVersion: '1.37',
        });
        return Object.fromEntries(scorecard.requirements.map(r => [r.id, r]));
      };
    }, 40 * 60 * 1000);
    afterAll(async () => {
      await cluster?.stop();
    }, 60_000);

    it('passes the honest cluster although platform DaemonSets run privileged and mount /dev', async () => {
      // the API server admits privileged pods (--allow-privileged=true)
      const drivers = await admin.get(
        `/api/v1/namespaces/gpu-operator/pods?labelSelector=${encodeURIComponent(
          'app=nvidia-driver-daemonset',
        )}`,
      );
      expect(drivers.items.length).toBeGreaterThan(0);
      expect(
        drivers.items[0].spec.containers[0].securityContext.privileged,
      ).toBe(true);

      const byId = await verdicts();
      const secure = byId.secure_accelerator_access;
      expect(secure.verdict).toBe('pass');
      expect(secure.reason).toMatch(
        /\d+ platform pod\(s\) of \d+ workload\(s\) with device access were identified/,
      );
      const platform = secure.evidence.filter(e =>
        e.message.includes('are platform'),
      );
      const owners = platform.map(
        e => `${e.object?.kind} ${e.object?.namespace}/${e.object?.name}`,
      );
      expect(owners).toEqual(
        expect.arrayContaining([
          'DaemonSet gpu-operator/nvidia-driver-daemonset',
          'DaemonSet gpu-operator/nvidia-container-toolkit-daemonset',
          'DaemonSet gpu-operator/nvidia-operator-validator',
          'DaemonSet gpu-operator/nvidia-device-plugin-daemonset',
          'DaemonSet gpu-operator/nvidia-dra-driver-gpu-kubelet-plugin',
          'DaemonSet longhorn-system/longhorn-manager',
          'DaemonSet falco/falco',
          'DaemonSet node-exporter/node-exporter',
        ]),
      );
      expect(
        platform.find(e => e.object?.name === 'nvidia-driver-daemonset')
          ?.message,
      ).toContain('NVIDIA GPU component (nvidia/driver)');
      for (const id of [
        'ai_inference',
        'advanced_inference_ingress',
        'gang_scheduling',
        'robust_controller',
        'gpu_sharing',
        'ai_service_metrics',
      ]) {
        expect({ id, verdict: byId[id].verdict }).toEqual({
          id,
          verdict: 'pass',
        });
      }
      // the DRA chart's default mig.nvidia.com class selects no published device: not evidence
      expect(
        byId.gpu_sharing.evidence.some(e => e.object?.kind === 'DeviceClass'),
      ).toBe(false);
      expect(
        byId.advanced_inference_ingress.evidence.map(e => e.message).join('\n'),
      ).toMatch(
        /endpoint picker Service vllm-llama3-8b-epp has [1-9]\d* ready endpoint/,
      );
    });

    it('fails each health rule when only presence is left, and passes again once health is restored', async () => {
      await gatewayProgrammed('False');
      await scale(SERVING, 'vllm-llama3-8b-epp', 0);
      await waitUntil(
        'the endpoint picker to have no ready endpoint',
        async () => (await readyEndpoints(SERVING, 'vllm-llama3-8b-epp')) === 0,
      );
      await scale('kueue-system', 'kueue-controller-manager', 0);
      await admin.apply(kueueviz);
      for (const o of kuberayWebhookWithoutEndpoints(cluster.caPem))
        await admin.apply(o);

      const broken = await verdicts();
      expect(broken.ai_inference.verdict).toBe('fail');
      expect(broken.ai_inference.reason).toContain('none is Programmed');
      expect(broken.advanced_inference_ingress.verdict).toBe('fail');
      expect(broken.advanced_inference_ingress.reason).toContain(
        'vllm-llama3-8b-epp has no ready endpoint',
      );
      expect(broken.gang_scheduling.verdict).toBe('fail'); // kueueviz is not the controller
      expect(broken.gang_scheduling.reason).toContain(
        'the Kueue controller is not Available',
      );
      expect(broken.robust_controller.verdict).toBe('fail');
      expect(broken.robust_controller.reason).toContain(
        'no ready endpoint behind Service ray-system/kuberay-webhook-service',
      );

      await gatewayProgrammed('True');
      await scale(SERVING, 'vllm-llama3-8b-epp', 1);
      await waitUntil(
        'the endpoint picker to have a ready endpoint',
        async () => (await readyEndpoints(SERVING, 'vllm-llama3-8b-epp')) > 0,
      );
      await scale('kueue-system', 'kueue-controller-manager', 1);
      await admin.delete(kueueviz);
      for (const o of kuberayWebhookWithoutEndpoints(cluster.caPem))
        await admin.delete(o);

      const restored = await verdicts();
      for (const id of [
        'ai_inference',
        'advanced_inference_ingress',
        'gang_scheduling',
        'robust_controller',
        'ai_service_metrics',
      ]) {
        expect({ id, verdict: restored[id].verdict }).toEqual({
          id,
          verdict: 'pass',
        });
      }
    });

    it('fails secure access for every workload bypass, in a vendor-prefixed namespace too', async () => {
      const gpuNode = 'gpu-h100-0';
      for (const o of secureAccessBypasses(gpuNode)) await admin.apply(o);
      // a GPU workload that someone debugs with a privileged ephemeral container
      await admin.apply({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'debug-target', namespace: BYPASS_NAMESPACE },
        spec: {
          nodeName: 'gpu-h100-1',
          containers: [
            {
              name: 'serve',
              image: 'vllm/vllm-openai:v0.11.0',
              resources: { limits: { 'nvidia.com/gpu': '1' } },
            },
          ],
        },
      });
      await admin.request(
        'PATCH',
        `/api/v1/namespaces/${BYPASS_NAMESPACE}/pods/debug-target/ephemeralcontainers`,
        {
          spec: {
            ephemeralContainers: [
              {
                name: 'debugger',
                image: 'ubuntu:24.04',
                targetContainerName: 'serve',
                securityContext: { privileged: true },
              },
            ],
          },
        },
        'application/strategic-merge-patch+json',
      );
      await waitUntil('the bypass pods to run', async () => {
        const pods = [
          ...(await admin.get(`/api/v1/namespaces/${BYPASS_NAMESPACE}/pods`))
            .items,
          ...(
            await admin.get(
              `/api/v1/namespaces/${VENDOR_PREFIXED_USER_NAMESPACE}/pods`,
            )
          ).items,
        ];
        return (
          pods.length === 5 &&
          pods.every((p: any) => p.status?.phase === 'Running')
        );
      });

      const secure = (await verdicts()).secure_accelerator_access;
      expect(secure.verdict).toBe('fail');
      expect(secure.reason).toContain('5 workload pod(s)');
      const byPod = Object.fromEntries(
        secure.evidence
          .filter(e => e.object?.kind === 'Pod')
          .map(e => [`${e.object!.namespace}/${e.object!.name}`, e.message]),
      );
      expect(
        byPod[`${VENDOR_PREFIXED_USER_NAMESPACE}/notebook-privileged`],
      ).toContain('container notebook runs privileged');
      expect(byPod[`${BYPASS_NAMESPACE}/init-privileged`]).toContain(
        'init container setup runs privileged',
      );
      expect(byPod[`${BYPASS_NAMESPACE}/dev-hostpath`]).toContain(
        'mounts host /dev/nvidia0',
      );
      expect(byPod[`${BYPASS_NAMESPACE}/visible-devices-env`]).toContain(
        'NVIDIA_VISIBLE_DEVICES=all without requesting an accelerator',
      );
      expect(byPod[`${BYPASS_NAMESPACE}/debug-target`]).toContain(
        'ephemeral container debugger runs privileged',
      );
    });
  },
);
