import { KubeConfig } from '@kubernetes/client-node';
import {
  describeWithLocalCluster,
  ensureCargoTool,
  ensureKubectl,
  KubeObject,
  LocalCluster,
  resolveVersions,
  startOrReuseCluster,
  waitFor,
} from '@internal/local-cluster';
import { CapacitySnapshot } from '@internal/plugin-ai-conformance-common';
import { buildCapacitySnapshot, CAPACITY_FACTS } from '../capacity';
import {
  compareAllocations,
  NodeAllocations,
  runDescribeNodes,
  runViewAllocations,
} from '../capacity/references';
import { classifyResource } from '../capacity/resourceKinds';
import { KubeClusterReader } from '../cluster/KubeClusterReader';
import { evaluateCluster } from '../evaluate/evaluateCluster';
import { gatherFacts } from '../gather/gatherFacts';
import { VENDOR_PROFILES } from '../vendors/profiles';

/* Correctness against independent tools, on real control planes (packages/local-cluster): our
   per-node allocatable and allocated units of every accelerator resource, and so the cluster
   totals, must equal `kubectl describe nodes` ("Allocatable" and "Allocated resources") and
   kubectl-view-allocations. kubectl is built from the pinned Kubernetes module, the other from
   crates.io, into the cache (minutes when cold). */

jest.setTimeout(40 * 60 * 1000);

/** Node × resource figures of ours, each compared twice (allocatable and requested). */
const ourFigures = (s: CapacitySnapshot) =>
  s.nodes.flatMap(n => n.accelerators.flatMap(a => a.resources)).length;

const isAccelerator = (resource: string) =>
  classifyResource(resource, VENDOR_PROFILES) !== undefined;

async function snapshotOf(cluster: LocalCluster): Promise<CapacitySnapshot> {
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromFile(cluster.kubeconfig);
  kubeConfig.setCurrentContext('reader');
  const reader = new KubeClusterReader({ kubeConfig });
  try {
    return buildCapacitySnapshot(await gatherFacts(reader, CAPACITY_FACTS));
  } finally {
    await reader.close();
  }
}

/** Per resource, the cluster total of a reference tool's per-node figures. */
function clusterTotals(reference: NodeAllocations, resources: string[]) {
  const out: Record<string, { allocatable: number; requested: number }> = {};
  for (const resource of resources) {
    out[resource] = { allocatable: 0, requested: 0 };
    for (const node of Object.values(reference)) {
      out[resource].allocatable += node[resource]?.allocatable ?? 0;
      out[resource].requested += node[resource]?.requested ?? 0;
    }
  }
  return out;
}

/** Our cluster totals per resource, in the reference's terms. */
function ourTotals(snapshot: CapacitySnapshot) {
  return Object.fromEntries(
    snapshot.totals.resources.map(r => [
      r.resource,
      { allocatable: r.allocatable, requested: r.allocated },
    ]),
  );
}

/**
 * One pod per node and accelerator resource asking for one unit of it (pinned to the node,
 * tolerating its taints), and waits until all run.
 */
async function requestEveryAccelerator(cluster: LocalCluster) {
  const admin = cluster.client('admin');
  const nodes = await admin.get('/api/v1/nodes');
  const pods: KubeObject[] = [];
  for (const node of nodes.items as KubeObject[]) {
    for (const resource of Object.keys(node.status?.allocatable ?? {}).filter(
      isAccelerator,
    )) {
      if (Number(node.status.allocatable[resource]) < 1) continue;
      const requests = { [resource]: '1' };
      pods.push({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          namespace: 'default',
          name: `uses-${pods.length}`,
          labels: { app: 'uses-accelerator' },
        },
        spec: {
          nodeSelector: {
            'kubernetes.io/hostname':
              node.metadata.labels['kubernetes.io/hostname'],
          },
          tolerations: [{ operator: 'Exists' }],
          automountServiceAccountToken: false,
          containers: [
            {
              name: 'main',
              image: 'registry.k8s.io/pause:3.10',
              resources: { requests, limits: requests },
            },
          ],
        },
      });
    }
  }
  expect(pods.length).toBeGreaterThan(3);
  for (const pod of pods) await admin.apply(pod);
  await waitFor(
    'the accelerator workloads to run',
    async () => {
      const list = await admin.get(
        '/api/v1/namespaces/default/pods?labelSelector=app%3Duses-accelerator',
      );
      return (
        list.items.filter((p: KubeObject) => p.status?.phase === 'Running')
          .length === pods.length
      );
    },
    180_000,
    1000,
  );
}

// every scenario of the demo and the tests that has accelerators
describe.each(['conformant-nvidia', 'partial-amd', 'other-vendors'])(
  'capacity of %s',
  scenario => {
    describeWithLocalCluster(
      `against kubectl and kubectl-view-allocations`,
      () => {
        let cluster: LocalCluster;
        let snapshot: CapacitySnapshot;
        let kubectl: string;
        let viewAllocations: string;
        beforeAll(async () => {
          [kubectl, viewAllocations, cluster] = await Promise.all([
            ensureKubectl(resolveVersions()),
            ensureCargoTool('kubectl-view-allocations'),
            startOrReuseCluster({ scenario }),
          ]);
          // other-vendors runs only the vendors' device plugins: give each accelerator resource of
          // each node one workload, placed by the real scheduler, so allocations are compared too
          if (scenario === 'other-vendors')
            await requestEveryAccelerator(cluster);
          snapshot = await snapshotOf(cluster);
        });
        afterAll(async () => {
          await cluster?.stop();
        });

        it('has accelerators to compare (requests on accelerator nodes)', () => {
          expect(snapshot.errors).toEqual([]);
          expect(snapshot.totals.devices.allocatable).toBeGreaterThan(0);
          expect(snapshot.totals.resources.some(r => r.allocated > 0)).toBe(
            true,
          );
        });

        it('per node: allocatable and allocated equal kubectl describe nodes', async () => {
          const describe = await runDescribeNodes(
            kubectl,
            cluster.kubeconfig,
            'reader',
          );
          const { compared, differences } = compareAllocations(
            snapshot,
            describe.allocations,
            isAccelerator,
          );
          expect(differences).toEqual([]);
          expect(ourFigures(snapshot)).toBeGreaterThan(1);
          expect(compared).toBeGreaterThanOrEqual(2 * ourFigures(snapshot));
        });

        it('per node: allocatable and allocated equal kubectl-view-allocations', async () => {
          const kva = await runViewAllocations(
            viewAllocations,
            cluster.kubeconfig,
            'reader',
          );
          const { compared, differences } = compareAllocations(
            snapshot,
            kva.allocations,
            isAccelerator,
          );
          expect(differences).toEqual([]);
          expect(compared).toBeGreaterThanOrEqual(2 * ourFigures(snapshot));
        });

        it('per cluster: totals equal both tools summed over nodes', async () => {
          const [describe, kva] = await Promise.all([
            runDescribeNodes(kubectl, cluster.kubeconfig, 'reader'),
            runViewAllocations(viewAllocations, cluster.kubeconfig, 'reader'),
          ]);
          const resources = snapshot.totals.resources.map(r => r.resource);
          expect(resources.length).toBeGreaterThan(0);
          expect(ourTotals(snapshot)).toEqual(
            clusterTotals(describe.allocations, resources),
          );
          expect(ourTotals(snapshot)).toEqual(
            clusterTotals(kva.allocations, resources),
          );
        });

        it('a snapshot taken with an evaluation reads nodes and pods once between them', async () => {
          const kubeConfig = new KubeConfig();
          kubeConfig.loadFromFile(cluster.kubeconfig);
          kubeConfig.setCurrentContext('reader');
          const paths: string[] = [];
          const logger = {
            debug: (m: string) => paths.push(m),
            info: () => undefined,
            warn: () => undefined,
            error: () => undefined,
          };
          const reader = new KubeClusterReader({ kubeConfig, logger });
          let shared: CapacitySnapshot | undefined;
          try {
            await evaluateCluster({
              cluster: scenario,
              kubeConfig,
              reader,
              additionalFacts: CAPACITY_FACTS,
              onFacts: facts => {
                shared = buildCapacitySnapshot(facts);
              },
            });
          } finally {
            await reader.close();
          }
          expect(paths.filter(p => p === 'GET /api/v1/nodes')).toHaveLength(1);
          expect(paths.filter(p => p === 'GET /api/v1/pods')).toHaveLength(1);
          expect(shared?.totals).toEqual(snapshot.totals);
        });
      },
    );
  },
);

/* Bad input on a real control plane: what an API server accepts and we cannot read (an extended
   resource of no known vendor, a count label that is not a number, an accelerator without a model
   label, a DRA driver of no known vendor) is counted under "unknown accelerator" by name, and the
   rest of the cluster's figures still equal kubectl's. Malformed quantities never get past the API
   server's validation, so they are covered by unit tests only. */
describeWithLocalCluster(
  'capacity with bad input on a real control plane',
  () => {
    let cluster: LocalCluster;
    let snapshot: CapacitySnapshot;
    let kubectl: string;
    const kwokNode = (
      name: string,
      labels: Record<string, string>,
      extended: Record<string, string>,
    ): KubeObject => {
      const resources = {
        cpu: '32',
        memory: '256Gi',
        pods: '110',
        ...extended,
      };
      return {
        apiVersion: 'v1',
        kind: 'Node',
        metadata: {
          name,
          annotations: { 'kwok.x-k8s.io/node': 'fake' },
          labels: {
            'kubernetes.io/hostname': name,
            type: 'kwok',
            'ai-conformance-test/bad-input': 'true',
            ...labels,
          },
        },
        spec: {},
        status: {
          capacity: resources,
          allocatable: resources,
          conditions: [
            {
              type: 'Ready',
              status: 'True',
              reason: 'KubeletReady',
              message: 'kwok',
              lastHeartbeatTime: new Date().toISOString(),
              lastTransitionTime: new Date().toISOString(),
            },
          ],
        },
      };
    };
    const boundPod = (
      name: string,
      nodeName: string,
      requests: Record<string, string>,
    ): KubeObject => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { namespace: 'default', name },
      spec: {
        nodeName,
        automountServiceAccountToken: false,
        containers: [
          {
            name: 'main',
            image: 'registry.k8s.io/pause:3.10',
            resources: { requests, limits: requests },
          },
        ],
      },
    });

    beforeAll(async () => {
      [kubectl, cluster] = await Promise.all([
        ensureKubectl(resolveVersions()),
        startOrReuseCluster({ scenario: 'bare' }),
      ]);
      const admin = cluster.client('admin');
      const nodes = [
        kwokNode('npu-0', {}, { 'example.com/npu': '4' }),
        kwokNode(
          'gpu-miscounted',
          {
            'nvidia.com/gpu.product': 'NVIDIA-L4',
            'nvidia.com/gpu.count': 'eight',
          },
          { 'nvidia.com/gpu': '8' },
        ),
        kwokNode('gpu-unlabelled', {}, { 'nvidia.com/gpu': '4' }),
      ];
      for (const node of nodes) {
        await admin.apply(node);
        await admin.applyStatus(node);
      }
      await admin.apply({
        apiVersion: 'resource.k8s.io/v1',
        kind: 'ResourceSlice',
        metadata: { name: 'npu-0-npu.example.com' },
        spec: {
          driver: 'npu.example.com',
          nodeName: 'npu-0',
          pool: { name: 'npu-0', generation: 1, resourceSliceCount: 1 },
          devices: [
            { name: 'npu-0', attributes: { model: { string: 'NPU-1' } } },
            { name: 'npu-1' },
          ],
        },
      });
      for (const pod of [
        boundPod('npu-user', 'npu-0', { 'example.com/npu': '1' }),
        boundPod('l4-user', 'gpu-miscounted', { 'nvidia.com/gpu': '2' }),
        boundPod('gpu-user', 'gpu-unlabelled', { 'nvidia.com/gpu': '1' }),
      ]) {
        await admin.apply(pod);
      }
      await waitFor(
        'the bad-input pods to run',
        async () => {
          const pods = await admin.get('/api/v1/namespaces/default/pods');
          return (
            pods.items.filter((p: KubeObject) => p.status?.phase === 'Running')
              .length >= 3
          );
        },
        120_000,
        1000,
      );
      snapshot = await snapshotOf(cluster);
    });
    afterAll(async () => {
      await cluster?.stop();
    });

    it('names each bad input under unknown and keeps the cluster view', () => {
      expect(snapshot.errors).toEqual([]);
      expect(snapshot.unknown).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            name: 'example.com/npu',
            node: 'npu-0',
            reason: 'unknown-extended-resource',
            allocatable: 4,
            allocated: 1,
          }),
          expect.objectContaining({
            name: 'nvidia.com/gpu.count',
            node: 'gpu-miscounted',
            reason: 'malformed-object',
          }),
          expect.objectContaining({
            name: 'nvidia.com/gpu',
            node: 'gpu-unlabelled',
            reason: 'missing-label',
          }),
          expect.objectContaining({
            name: 'npu.example.com',
            reason: 'unknown-dra-driver',
          }),
        ]),
      );
      expect(snapshot.models.find(m => m.model === 'NVIDIA-L4')).toMatchObject({
        physical: 8,
        devices: { allocatable: 8, allocated: 2, free: 6 },
      });
      expect(
        snapshot.models.find(m => m.model === 'unknown accelerator')?.resources,
      ).toEqual([
        expect.objectContaining({
          resource: 'example.com/npu',
          kind: 'unknown',
          allocatable: 4,
          allocated: 1,
          free: 3,
        }),
      ]);
      expect(
        snapshot.dra.devices.filter(d => d.driver === 'npu.example.com'),
      ).toHaveLength(2);
    });

    it('the figures, unknown ones included, still equal kubectl describe nodes', async () => {
      const describe = await runDescribeNodes(
        kubectl,
        cluster.kubeconfig,
        'reader',
      );
      const { compared, differences } = compareAllocations(
        snapshot,
        describe.allocations,
        isAccelerator,
      );
      expect(differences).toEqual([]);
      // example.com/npu and nvidia.com/gpu on two nodes, allocatable and requested each
      expect(compared).toBeGreaterThanOrEqual(6);
    });
  },
);
