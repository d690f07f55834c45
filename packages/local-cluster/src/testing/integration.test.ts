import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import {
  ApiError,
  describeWithLocalCluster,
  LocalCluster,
  startOrReuseCluster,
} from './index';
import { resolveVersions } from '../versions';
import { waitFor } from '../client/rest';

// A cold run builds the control plane first (about 10 minutes on 2 cores).
const START_TIMEOUT = 40 * 60 * 1000;
const TEST_TIMEOUT = 120 * 1000;

async function status(p: Promise<unknown>): Promise<number> {
  try {
    await p;
    return 200;
  } catch (e) {
    if (e instanceof ApiError) return e.status;
    throw e;
  }
}

type Client = ReturnType<LocalCluster['client']>;

/** Creates a namespace and waits for its default service account, which pods need. */
async function createNamespace(c: Client, ns: string): Promise<string> {
  await c.apply({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: ns },
  });
  await waitFor(
    'default service account',
    () =>
      c
        .get(`/api/v1/namespaces/${ns}/serviceaccounts/default`)
        .then(() => true),
    30000,
  );
  return ns;
}

/** Waits until the scheduler has bound the pod and KWOK runs it. */
function waitForRunningPod(c: Client, ns: string, name: string): Promise<any> {
  return waitFor(
    `pod ${ns}/${name} bound and Running`,
    async () => {
      const p = await c.get(`/api/v1/namespaces/${ns}/pods/${name}`);
      return p.spec.nodeName && p.status.phase === 'Running' ? p : undefined;
    },
    60000,
  );
}

describeWithLocalCluster('local cluster: conformant-nvidia', () => {
  let cluster: LocalCluster;
  beforeAll(async () => {
    cluster = await startOrReuseCluster({ scenario: 'conformant-nvidia' });
  }, START_TIMEOUT);
  afterAll(async () => {
    await cluster?.stop();
  }, 60000);

  it(
    'lists KWOK GPU nodes, Ready, with GFD labels and device-plugin resources (kubectl get nodes)',
    async () => {
      const kc = new KubeConfig();
      kc.loadFromFile(cluster.kubeconfig);
      kc.setCurrentContext('reader');
      const nodes = await kc.makeApiClient(CoreV1Api).listNode();
      const h100 = nodes.items.find(n => n.metadata?.name === 'gpu-h100-0');
      expect(h100?.metadata?.labels?.['nvidia.com/gpu.product']).toBe(
        'NVIDIA-H100-80GB-HBM3',
      );
      expect(h100?.metadata?.annotations?.['kwok.x-k8s.io/node']).toBe('fake');
      expect(h100?.status?.allocatable?.['nvidia.com/gpu']).toBe('8');
      expect(
        h100?.status?.conditions?.find(c => c.type === 'Ready')?.status,
      ).toBe('True');
      // KWOK's node stage leaves the runtime handlers the scenario registered in place
      expect(h100?.status?.runtimeHandlers?.map(h => h.name)).toEqual([
        '',
        'runc',
        'runsc',
      ]);
      const mig = nodes.items.find(n => n.metadata?.name === 'gpu-a100-mig-0');
      expect(mig?.status?.allocatable?.['nvidia.com/mig-1g.10gb']).toBe('16');
      expect(
        nodes.items.filter(
          n => n.metadata?.labels?.['nvidia.com/gpu.present'] === 'true',
        ).length,
      ).toBeGreaterThanOrEqual(6);
    },
    TEST_TIMEOUT,
  );

  it(
    'serves resource.k8s.io/v1 and reports the pinned version',
    async () => {
      const c = cluster.client('reader');
      const apis = await c.get('/apis');
      const versions = apis.groups.flatMap((g: any) =>
        g.versions.map((v: any) => v.groupVersion),
      );
      expect(versions).toContain('resource.k8s.io/v1');
      expect(versions).toContain('gateway.networking.k8s.io/v1');
      expect(versions).toContain('kueue.x-k8s.io/v1beta2');
      const version = await c.get('/version');
      // a reused cluster may run another pinned minor
      const pinned = cluster.started
        ? resolveVersions().kubernetes
        : version.gitVersion;
      expect(version.gitVersion).toBe(pinned);
      expect(version.gitVersion).toMatch(/^v1\.\d+\.\d+$/);
    },
    TEST_TIMEOUT,
  );

  it(
    'has an Accepted GatewayClass and DRA slices in the NVIDIA layout',
    async () => {
      const c = cluster.client('reader');
      const gc = await c.get(
        '/apis/gateway.networking.k8s.io/v1/gatewayclasses/istio',
      );
      expect(
        gc.status.conditions.find((x: any) => x.type === 'Accepted').status,
      ).toBe('True');
      const slices = await c.get('/apis/resource.k8s.io/v1/resourceslices');
      const nvidia = slices.items.filter(
        (s: any) => s.spec.driver === 'gpu.nvidia.com',
      );
      expect(nvidia.length).toBe(2);
      expect(nvidia[0].spec.devices[0].attributes.productName.string).toBe(
        'NVIDIA H100 80GB HBM3',
      );
      expect(nvidia[0].metadata.ownerReferences[0].kind).toBe('Node');
    },
    TEST_TIMEOUT,
  );

  it(
    'allocates a DRA device with the real scheduler',
    async () => {
      const c = cluster.client('admin');
      const ns = await createNamespace(c, 'it-dra');
      await c.apply({
        apiVersion: 'resource.k8s.io/v1',
        kind: 'ResourceClaim',
        metadata: { name: 'one-gpu', namespace: ns },
        spec: {
          devices: {
            requests: [
              { name: 'gpu', exactly: { deviceClassName: 'gpu.nvidia.com' } },
            ],
          },
        },
      });
      await c.apply({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'dra-pod', namespace: ns },
        spec: {
          resourceClaims: [{ name: 'gpu', resourceClaimName: 'one-gpu' }],
          containers: [
            {
              name: 'c',
              image: 'registry.k8s.io/pause:3.10',
              resources: { claims: [{ name: 'gpu' }] },
            },
          ],
        },
      });
      const pod = await waitForRunningPod(c, ns, 'dra-pod');
      expect(pod.spec.nodeName).toMatch(/^gpu-h100-dra-/);
      const claim = await c.get(
        `/apis/resource.k8s.io/v1/namespaces/${ns}/resourceclaims/one-gpu`,
      );
      const result = claim.status.allocation.devices.results[0];
      expect(result).toMatchObject({
        driver: 'gpu.nvidia.com',
        pool: pod.spec.nodeName,
        request: 'gpu',
      });
      expect(result.device).toMatch(/^gpu-\d$/);
      expect(claim.status.reservedFor[0]).toMatchObject({
        resource: 'pods',
        name: 'dra-pod',
      });
    },
    TEST_TIMEOUT,
  );

  it(
    'binds a pod requesting nvidia.com/gpu to a device-plugin node',
    async () => {
      const c = cluster.client('admin');
      const ns = await createNamespace(c, 'it-gpu');
      await c.apply({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'gpu-pod', namespace: ns },
        spec: {
          containers: [
            {
              name: 'c',
              image: 'registry.k8s.io/pause:3.10',
              resources: { limits: { 'nvidia.com/gpu': '2' } },
            },
          ],
        },
      });
      const pod = await waitForRunningPod(c, ns, 'gpu-pod');
      const node = await c.get(`/api/v1/nodes/${pod.spec.nodeName}`);
      expect(
        Number(node.status.allocatable['nvidia.com/gpu']),
      ).toBeGreaterThanOrEqual(2);
    },
    TEST_TIMEOUT,
  );

  it(
    'scenario workloads were placed: DRA claims allocated, MIG and time-sliced pods running',
    async () => {
      const c = cluster.client('reader');
      const pods = await c.get('/api/v1/namespaces/ml-serving/pods');
      const byApp = (name: string) =>
        pods.items.filter(
          (p: any) => p.metadata.labels['app.kubernetes.io/name'] === name,
        );
      expect(
        byApp('embeddings-mig').every(
          (p: any) => p.spec.nodeName === 'gpu-a100-mig-0',
        ),
      ).toBe(true);
      expect(
        byApp('whisper-t4').every(
          (p: any) => p.spec.nodeName === 'gpu-t4-shared-0',
        ),
      ).toBe(true);
      expect(byApp('dra-inference')).toHaveLength(2);
      expect(
        byApp('dra-inference').every((p: any) => p.status.phase === 'Running'),
      ).toBe(true);
    },
    TEST_TIMEOUT,
  );

  it(
    'gives reader 403 on secrets, norights 403 on nodes, discovery only discovery',
    async () => {
      const reader = cluster.client('reader');
      expect(await status(reader.get('/api/v1/secrets'))).toBe(403);
      expect(
        await status(reader.get('/api/v1/namespaces/kube-system/secrets')),
      ).toBe(403);
      expect(
        await status(
          reader.get(
            '/api/v1/namespaces/kube-system/configmaps/cluster-autoscaler-status',
          ),
        ),
      ).toBe(200); // conformant-nvidia has a Cluster Autoscaler that writes it
      // least privilege: only what a fact reads (the engine reads CRDs through discovery)
      expect(
        await status(
          reader.get('/apis/apiextensions.k8s.io/v1/customresourcedefinitions'),
        ),
      ).toBe(403);
      expect(await status(reader.get('/apis/apps/v1/statefulsets'))).toBe(200);
      const discovery = cluster.client('discovery');
      expect(await status(discovery.get('/apis'))).toBe(200);
      expect(await status(discovery.get('/version'))).toBe(200);
      expect(await status(discovery.get('/api/v1/nodes'))).toBe(403);
      expect(await status(discovery.get('/apis/apps/v1/deployments'))).toBe(
        403,
      );
      const norights = cluster.client('norights');
      expect(await status(norights.get('/api/v1/nodes'))).toBe(403);
      expect(await status(norights.get('/version'))).toBe(200);
      const admin = cluster.client('admin');
      expect(await status(admin.get('/api/v1/secrets'))).toBe(200);
    },
    TEST_TIMEOUT,
  );
});

describeWithLocalCluster('local cluster: partial-amd', () => {
  let cluster: LocalCluster;
  beforeAll(async () => {
    cluster = await startOrReuseCluster({ scenario: 'partial-amd' });
  }, START_TIMEOUT);
  afterAll(async () => {
    await cluster?.stop();
  }, 60000);

  it(
    'applies cleanly: AMD nodes, gpu.amd.com slices, no Gateway API or Kueue',
    async () => {
      const c = cluster.client('reader');
      expect(cluster.scenario?.pods.pending).toBe(0);
      const nodes = await c.get('/api/v1/nodes');
      const amd = nodes.items.filter(
        (n: any) =>
          n.metadata.labels['amd.com/gpu.product-name'] ===
          'AMD_Instinct_MI300X_OAM',
      );
      expect(amd).toHaveLength(3);
      const slices = await c.get('/apis/resource.k8s.io/v1/resourceslices');
      expect(slices.items.map((s: any) => s.spec.driver)).toEqual([
        'gpu.amd.com',
      ]);
      // the scenario's state, not the reader's rights (the engine reads no ResourceClaims)
      const claims = await cluster
        .client('admin')
        .get('/apis/resource.k8s.io/v1/namespaces/inference/resourceclaims');
      expect(claims.items[0].status.allocation.devices.results[0].driver).toBe(
        'gpu.amd.com',
      );
      const apis = await c.get('/apis');
      const groups = apis.groups.map((g: any) => g.name);
      expect(groups).not.toContain('gateway.networking.k8s.io');
      expect(groups).not.toContain('kueue.x-k8s.io');
    },
    TEST_TIMEOUT,
  );
});

describeWithLocalCluster('local cluster: bare', () => {
  let cluster: LocalCluster;
  beforeAll(async () => {
    cluster = await startOrReuseCluster({ scenario: 'bare' });
  }, START_TIMEOUT);
  afterAll(async () => {
    await cluster?.stop();
  }, 60000);

  it(
    'applies cleanly: CPU nodes only, workloads running',
    async () => {
      const c = cluster.client('reader');
      expect(cluster.scenario?.pods).toEqual({ running: 3, pending: 0 });
      const nodes = await c.get('/api/v1/nodes');
      expect(nodes.items).toHaveLength(3);
      expect(
        nodes.items.some((n: any) =>
          Object.keys(n.status.allocatable).some(k => k.includes('gpu')),
        ),
      ).toBe(false);
    },
    TEST_TIMEOUT,
  );
});
