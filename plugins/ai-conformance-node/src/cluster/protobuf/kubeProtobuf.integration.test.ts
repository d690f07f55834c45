import { KubeConfig } from '@kubernetes/client-node';
import {
  describeWithLocalCluster,
  LocalCluster,
  startOrReuseCluster,
} from '@internal/local-cluster';
import { reduceNode, reducePod } from '../../gather/reduce';
import { KubeObject, ListOptions } from '../ClusterReader';
import { KubeClusterReader } from '../KubeClusterReader';

/* Against a real kube-apiserver (packages/local-cluster, scenario conformant-nvidia): the facts
   reduced from protobuf lists must equal those reduced from JSON lists, object by object. */

jest.setTimeout(600_000);

describeWithLocalCluster(
  'protobuf lists against a real API server (conformant-nvidia)',
  () => {
    let cluster: LocalCluster;
    let reader: KubeClusterReader;
    beforeAll(async () => {
      cluster = await startOrReuseCluster({ scenario: 'conformant-nvidia' });
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
    });
  },
);
