import { KubeConfig } from '@kubernetes/client-node';
import {
  describeWithLocalCluster,
  ensureCargoTool,
  ensureKubectl,
  LocalCluster,
  resolveVersions,
  startOrReuseCluster,
} from '@internal/local-cluster';
import { CapacitySnapshot } from '@internal/plugin-ai-conformance-common';
import { buildCapacitySnapshot, CAPACITY_FACTS } from '../capacity';
import {
  compareAllocations,
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

describe.each(['conformant-nvidia', 'partial-amd'])(
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
          snapshot = await snapshotOf(cluster);
        });
        afterAll(async () => {
          await cluster?.stop();
        });

        it('has accelerators to compare (GPU requests on GPU nodes)', () => {
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
