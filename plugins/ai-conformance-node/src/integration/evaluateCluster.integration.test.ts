import net from 'node:net';
import { KubeConfig } from '@kubernetes/client-node';
import {
  describeWithLocalCluster,
  LocalCluster,
  startOrReuseCluster,
} from '@internal/local-cluster';
import { getChecklist } from '@internal/plugin-ai-conformance-common';
import { ClusterUnreachableError } from '../errors';
import { evaluateCluster } from '../evaluate/evaluateCluster';
import { KubeClusterReader } from '../cluster/KubeClusterReader';
import { PROBE_NAMESPACE_LABEL } from '../probes/probeNamespace';

/* Against a real kube-apiserver (packages/local-cluster, scenario "bare": three CPU nodes, no
   accelerators, no AI add-ons) with the identities admin, reader and norights. */

jest.setTimeout(600_000);

function kubeConfigFor(cluster: LocalCluster, context: string): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromFile(cluster.kubeconfig);
  kc.setCurrentContext(context);
  return kc;
}

describeWithLocalCluster(
  'evaluateCluster against a real API server (bare)',
  () => {
    let cluster: LocalCluster;
    beforeAll(async () => {
      cluster = await startOrReuseCluster({ scenario: 'bare' });
    });
    afterAll(async () => {
      await cluster?.stop();
    });

    it('decides every requirement of the cluster version with few requests', async () => {
      const scorecard = await evaluateCluster({
        cluster: 'bare',
        kubeConfig: kubeConfigFor(cluster, 'admin'),
      });
      const checklist = getChecklist(scorecard.checklistVersion)!;
      expect(scorecard.kubernetesVersion).toMatch(/^v1\.\d+/);
      expect(scorecard.requirements.map(r => r.id)).toEqual(
        checklist.requirements.map(r => r.id),
      );
      expect(scorecard.apiRequests).toBeLessThanOrEqual(30);
      const byId = Object.fromEntries(
        scorecard.requirements.map(r => [r.id, r]),
      );
      // No accelerators: accelerator requirements are not applicable, with a reason.
      expect(byId.secure_accelerator_access.verdict).toBe('not-applicable');
      expect(byId.accelerator_metrics.reason).toContain('no accelerator nodes');
      // Nothing installed: the add-on requirements fail, conditional ones are N/A.
      expect(byId.ai_inference.verdict).toBe('fail');
      expect(byId.gang_scheduling.verdict).toBe('fail');
      expect(byId.robust_controller.verdict).toBe('fail');
      expect(byId.cluster_autoscaling.verdict).toBe('not-applicable');
      expect(byId.pod_autoscaling.verdict).toBe('fail');
      expect(scorecard.summary.conformant).toBe(false);
    });

    it('turns missing rights into error verdicts that name the permission', async () => {
      const scorecard = await evaluateCluster({
        cluster: 'bare',
        kubeConfig: kubeConfigFor(cluster, 'norights'),
      });
      const secure = scorecard.requirements.find(
        r => r.id === 'secure_accelerator_access',
      )!;
      expect(secure.verdict).toBe('error');
      expect(secure.reason).toContain(
        'Forbidden (403): the identity may not list nodes',
      );
      expect(scorecard.summary.error).toBeGreaterThan(0);
    });

    it('reads metadata-only and paged lists from the real server', async () => {
      const reader = new KubeClusterReader({
        kubeConfig: kubeConfigFor(cluster, 'admin'),
      });
      try {
        const names: string[] = [];
        for await (const page of reader.listPages('/api/v1/nodes', {
          metadataOnly: true,
          pageSize: 1,
        })) {
          expect(page.length).toBeLessThanOrEqual(1);
          expect((page[0] as any)?.status).toBeUndefined();
          names.push(...page.map(n => n.metadata!.name!));
        }
        expect(names.sort()).toEqual(['cpu-0', 'cpu-1', 'cpu-2']);
        expect(reader.requestCount).toBe(3);
        const discovery = await reader.getDiscovery();
        expect(discovery.source).toBe('aggregated');
      } finally {
        await reader.close();
      }
    });

    it('runs the DRA dry-run probe and removes its namespace', async () => {
      const kubeConfig = kubeConfigFor(cluster, 'admin');
      const scorecard = await evaluateCluster({
        cluster: 'bare',
        kubeConfig,
        activeProbes: true,
        checklistVersion: '1.35',
      });
      const dra = scorecard.requirements.find(r => r.id === 'dra_support')!;
      expect(dra.mode).toBe('active');
      expect(dra.verdict).toBe('pass');
      const reader = new KubeClusterReader({ kubeConfig });
      try {
        const left: any[] = [];
        for await (const page of reader.listPages('/api/v1/namespaces', {
          labelSelector: `${PROBE_NAMESPACE_LABEL}=true`,
        })) {
          left.push(
            ...page.filter((ns: any) => ns.status?.phase !== 'Terminating'),
          );
        }
        expect(left).toEqual([]);
      } finally {
        await reader.close();
      }
    });

    it('limits an unreachable cluster to its own error while another cluster evaluates', async () => {
      // A TCP server that accepts connections and never answers (a black hole).
      const sockets: net.Socket[] = [];
      const blackhole = net.createServer(s => {
        sockets.push(s);
      });
      await new Promise<void>(r => blackhole.listen(0, '127.0.0.1', r));
      const port = (blackhole.address() as net.AddressInfo).port;
      const dead = new KubeConfig();
      dead.loadFromOptions({
        clusters: [{ name: 'dead', server: `https://127.0.0.1:${port}` }],
        users: [{ name: 'u', token: 'secret' }],
        contexts: [{ name: 'dead', cluster: 'dead', user: 'u' }],
        currentContext: 'dead',
      });
      try {
        const started = Date.now();
        const [good, bad] = await Promise.allSettled([
          evaluateCluster({
            cluster: 'bare',
            kubeConfig: kubeConfigFor(cluster, 'admin'),
          }),
          evaluateCluster({
            cluster: 'dead',
            kubeConfig: dead,
            requestTimeoutMs: 1500,
          }),
        ]);
        expect(good.status).toBe('fulfilled');
        expect(bad.status).toBe('rejected');
        const error = (bad as PromiseRejectedResult).reason;
        expect(error).toBeInstanceOf(ClusterUnreachableError);
        expect(error.reason).toContain('within 1500 ms');
        expect(Date.now() - started).toBeLessThan(15_000);
      } finally {
        sockets.forEach(s => s.destroy());
        blackhole.close();
      }
    });
  },
);
