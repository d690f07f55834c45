import { KubeConfig } from '@kubernetes/client-node';
import {
  BYPASS_NAMESPACE,
  describeWithLocalCluster,
  LocalCluster,
  startOrReuseCluster,
} from '@internal/local-cluster';
import { reduceNode, reducePod } from '../../gather/reduce';
import { KubeObject, ListOptions } from '../ClusterReader';
import { KubeClusterReader } from '../KubeClusterReader';

/* Against a real kube-apiserver (packages/local-cluster, scenario nvidia-bypass: conformant-nvidia
   plus pods with device env variables, privileged init containers and device hostPaths; a
   privileged ephemeral container is added here): the facts reduced from protobuf lists must
   equal those reduced from JSON lists, object by object. */

jest.setTimeout(600_000);

describeWithLocalCluster(
  'protobuf lists against a real API server (nvidia-bypass)',
  () => {
    let cluster: LocalCluster;
    let reader: KubeClusterReader;
    beforeAll(async () => {
      cluster = await startOrReuseCluster({ scenario: 'nvidia-bypass' });
      await cluster.client('admin').request(
        'PATCH',
        `/api/v1/namespaces/${BYPASS_NAMESPACE}/pods/visible-devices-env/ephemeralcontainers`,
        {
          spec: {
            ephemeralContainers: [
              {
                name: 'debugger',
                image: 'ubuntu:24.04',
                targetContainerName: 'train',
                env: [{ name: 'NVIDIA_VISIBLE_DEVICES', value: '0' }],
                securityContext: { privileged: true },
              },
            ],
          },
        },
        'application/strategic-merge-patch+json',
      );
      const kubeConfig = new KubeConfig();
      kubeConfig.loadFromFile(cluster.kubeconfig);
      kubeConfig.setCurrentContext('reader');
      reader = new KubeClusterReader({ kubeConfig });
    });
    afterAll(async () => {
      await reader?.close();
      await cluster?.stop();
    });

    async function reduced<T>(
      path: string,
      reduce: (o: KubeObject) => T,
      options: ListOptions,
    ) {
      const out = new Map<string, T>();
      for await (const page of reader.listPages(path, {
        pageSize: 7,
        ...options,
      })) {
        for (const o of page)
          out.set(`${o.metadata?.namespace}/${o.metadata?.name}`, reduce(o));
      }
      return out;
    }

    it.each([
      ['/api/v1/nodes', reduceNode, 'Node'],
      ['/api/v1/pods', reducePod, 'Pod'],
    ] as const)(
      '%s: protobuf and JSON give the same facts, over several pages',
      async (path, reduce, kind) => {
        const before = reader.requestCount;
        const json = await reduced(
          path,
          reduce as (o: KubeObject) => unknown,
          {},
        );
        const proto = await reduced(
          path,
          reduce as (o: KubeObject) => unknown,
          { protobuf: kind },
        );
        expect(json.size).toBeGreaterThan(7); // more than one page
        expect(reader.requestCount - before).toBeGreaterThanOrEqual(4);
        expect(Object.fromEntries(proto)).toEqual(Object.fromEntries(json));
      },
    );

    it('the scenario has what the decoded fields must carry (GPU requests, device resources)', async () => {
      const pods = [
        ...(
          await reduced('/api/v1/pods', reducePod, { protobuf: 'Pod' })
        ).values(),
      ];
      const nodes = [
        ...(
          await reduced('/api/v1/nodes', reduceNode, { protobuf: 'Node' })
        ).values(),
      ];
      expect(
        pods.some(p => p.extendedResources.includes('nvidia.com/gpu')),
      ).toBe(true);
      expect(pods.some(p => p.usesResourceClaims)).toBe(true);
      expect(
        pods.every(
          p =>
            p.phase === 'Running' ||
            p.phase === 'Pending' ||
            p.phase === 'Succeeded',
        ),
      ).toBe(true);
      expect(
        nodes.some(n => Number(n.allocatable['nvidia.com/gpu'] ?? 0) > 0),
      ).toBe(true);
      expect(nodes.every(n => n.ready && n.kubeletVersion)).toBe(true);
      // status.runtimeHandlers: the default handler (empty name) is dropped, runsc kept
      expect(nodes.map(n => n.runtimeHandlers)).toEqual(
        nodes.map(() => ['runc', 'runsc']),
      );
      // the fields secure_accelerator_access reads
      const containers = pods.flatMap(p => p.containerSecurity ?? []);
      expect(containers.some(c => c.type === 'init' && c.privileged)).toBe(
        true,
      );
      expect(containers.some(c => c.type === 'ephemeral' && c.privileged)).toBe(
        true,
      );
      expect(containers.every(c => c.image.length > 0)).toBe(true);
      expect(pods.flatMap(p => p.deviceEnv ?? [])).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            name: 'NVIDIA_VISIBLE_DEVICES',
            value: 'all',
            containerType: 'app',
          }),
          expect.objectContaining({
            name: 'NVIDIA_VISIBLE_DEVICES',
            value: '0',
            containerType: 'ephemeral',
          }),
        ]),
      );
      expect(pods.some(p => p.hostPathDevices.includes('/dev/nvidia0'))).toBe(
        true,
      );
      expect(pods.some(p => p.owner?.kind === 'DaemonSet')).toBe(true);
    });
  },
);
