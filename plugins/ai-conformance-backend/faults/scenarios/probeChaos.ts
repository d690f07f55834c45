import { spawn } from 'node:child_process';
import path from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { kuberayWebhookWithoutEndpoints } from '@internal/local-cluster';
import {
  evaluateCluster,
  GANG_PROBE_LIMITS,
  PROBE_NAMESPACE_LABEL,
} from '@internal/plugin-ai-conformance-node';
import { expectThat } from '../lib/FaultReport';
import { SeenRequest, startHostileServer } from '../lib/hostileServer';
import { SuiteContext, waitUntil } from '../lib/SuiteContext';
import { faultConfig, startFaultBackend } from '../lib/testBackend';

const REPO = path.resolve(__dirname, '../../../..');
const CLI = path.join(REPO, 'plugins/ai-conformance-node/bin/ai-conformance');

/** The request (in the CLI's --verbose log) that marks each probe as running. */
const PROBE_MARKS = {
  dra: /POST \/apis\/resource\.k8s\.io\/[^/]+\/deviceclasses/,
  webhook:
    /POST \/apis\/ray\.io\/[^/]+\/namespaces\/ai-conformance-probe-[0-9a-f]+\/rayclusters/,
  gang: /POST \/apis\/batch\/v1\/namespaces\/ai-conformance-probe-[0-9a-f]+\/jobs/,
};

const LEFTOVER_COLLECTIONS = [
  '/api/v1/namespaces',
  '/apis/kueue.x-k8s.io/v1beta2/clusterqueues',
  '/apis/kueue.x-k8s.io/v1beta2/resourceflavors',
];

/** New entries of `after` (what a step left on top of the SIGKILLs before it). */
function added(before: string[], after: string[]): string[] {
  return after.filter(a => !before.includes(a));
}

/** Probe-labelled objects in the cluster (namespaces not yet terminating, queues, flavors). */
async function leftovers(ctx: SuiteContext): Promise<string[]> {
  const client = ctx.cluster.client('admin');
  const found: string[] = [];
  for (const collection of LEFTOVER_COLLECTIONS) {
    const list = await client.get(
      `${collection}?labelSelector=${encodeURIComponent(
        `${PROBE_NAMESPACE_LABEL}=true`,
      )}`,
    );
    for (const item of list.items ?? []) {
      if (!item.metadata.deletionTimestamp)
        found.push(`${collection}/${item.metadata.name}`);
    }
  }
  return found;
}

/** Runs the CLI with active probes and sends `signal` once the probe's first write is logged. */
async function interruptCli(
  ctx: SuiteContext,
  probe: keyof typeof PROBE_MARKS,
  signal: NodeJS.Signals,
) {
  const child = spawn(
    process.execPath,
    [
      CLI,
      'evaluate',
      '--kubeconfig',
      ctx.cluster.kubeconfig,
      '--context',
      'admin',
      // 1.35 has dra_support, so all three probes run.
      '--checklist',
      '1.35',
      '--active',
      '--verbose',
      '--output',
      'json',
      '--gang-window',
      '5000',
    ],
    {
      cwd: REPO,
      env: { ...process.env, INIT_CWD: REPO },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  let sent = false;
  child.stderr.on('data', chunk => {
    stderr += chunk;
    if (!sent && PROBE_MARKS[probe].test(stderr)) {
      sent = true;
      child.kill(signal);
    }
  });
  const exit = await new Promise<number | null>(resolve => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
    }, 120_000);
    child.on('exit', (code, sig) => {
      clearTimeout(timer);
      resolve(code ?? (sig ? -1 : null));
    });
  });
  return { sent, exit, stderr };
}

/**
 * Probe chaos on the real control plane (conformant-nvidia, Kueue CRDs and an Active
 * ClusterQueue): the CLI is sent SIGTERM and SIGKILL during each probe; the backend is shut down
 * during a probe round; a namespace create is answered only after the client gave up (the
 * server committed it); a ClusterQueue with a huge quota sits in the cluster. Then the
 * backend's sweeper runs, and nothing of the probes may be left, nor any probe Job larger than
 * documented.
 */
export async function probeChaos(ctx: SuiteContext) {
  const { report, cluster } = ctx;
  const admin = cluster.client('admin');
  // The control plane as a backend cluster, with active probes (admin: probes create objects).
  const chaosCluster = {
    name: 'chaos',
    kubeconfig: { path: cluster.kubeconfig, context: 'admin' },
    activeProbes: true,
  };

  // A ClusterQueue with a huge quota, Active: the probe must not use it.
  await admin.apply({
    apiVersion: 'kueue.x-k8s.io/v1beta2',
    kind: 'ClusterQueue',
    metadata: { name: 'faults-huge-quota' },
    spec: {
      namespaceSelector: {},
      resourceGroups: [
        {
          coveredResources: ['cpu', 'memory', 'pods'],
          flavors: [
            {
              name: 'default-flavor',
              resources: [
                { name: 'cpu', nominalQuota: '100000' },
                { name: 'memory', nominalQuota: '100000Gi' },
                { name: 'pods', nominalQuota: '100000' },
              ],
            },
          ],
        },
      ],
    },
  });

  // The webhook probe needs an operator's validating webhook; the scenario has none (a webhook
  // without a ready endpoint fails robust_controller), so this one is added for the CLI steps.
  const kuberayWebhook = kuberayWebhookWithoutEndpoints(cluster.caPem);
  for (const o of kuberayWebhook) await admin.apply(o);
  for (const probe of Object.keys(PROBE_MARKS) as Array<
    keyof typeof PROBE_MARKS
  >) {
    for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
      const fault = report.fault(
        `${signal} of the CLI during the ${probe} probe`,
      );
      const before = await leftovers(ctx);
      const { sent, exit, stderr } = await interruptCli(ctx, probe, signal);
      await report.check(
        `${signal} during the ${probe} probe: ${
          signal === 'SIGTERM'
            ? 'the CLI deletes its probe objects before it exits'
            : 'the process dies (the sweeper cleans up)'
        }`,
        async () => {
          expectThat(
            sent,
            `the ${probe} probe never started (exit ${exit}): ${stderr
              .split('\n')
              .slice(-4)
              .join(' | ')}`,
          );
          if (signal === 'SIGTERM') {
            expectThat(exit === 143, `exit code ${exit}`);
            const left = added(before, await leftovers(ctx));
            expectThat(left.length === 0, `left behind: ${left.join(', ')}`);
          }
          fault.survived();
        },
      );
    }
  }

  for (const o of kuberayWebhook) await admin.delete(o);

  // The backend shut down (lifecycle) while a probe round runs: it aborts and cleans up first.
  const shutdownFault = report.fault('backend shutdown during a probe round');
  {
    const knex = await ctx.database('sqlite');
    const backend = await startFaultBackend({
      knex,
      config: faultConfig([chaosCluster]),
    });
    const before = await leftovers(ctx);
    const round = backend.scheduler.triggerTask(
      'evaluate-clusters-with-probes',
    );
    const probing = await waitUntil(
      async () =>
        added(before, await leftovers(ctx)).some(l =>
          l.includes('/clusterqueues/'),
        ),
      60_000,
    );
    await backend.stop();
    await round.catch(() => undefined);
    await report.check(
      'backend shutdown during a probe: its lifecycle hook waits for the probe cleanup',
      async () => {
        expectThat(probing, 'the probe round never created its ClusterQueue');
        const left = added(before, await leftovers(ctx));
        expectThat(left.length === 0, `left behind: ${left.join(', ')}`);
        shutdownFault.survived();
      },
    );
    await knex.destroy();
  }

  // A namespace create that the server commits but answers only after the client timed out.
  const created: SeenRequest[] = [];
  const proxy = await startHostileServer({
    upstream: {
      server: cluster.server,
      caPem: cluster.caPem,
      token: cluster.token('admin'),
    },
    behaviour: (_req, _res, seen) => {
      if (seen.method === 'POST') created.push(seen);
      return false;
    },
    // Forwarded at once (the server commits), answered after the client's 2 s request timeout.
    answerDelayMs: seen =>
      seen.method === 'POST' && seen.url === '/api/v1/namespaces' ? 3_000 : 0,
  });
  const viaProxy = new KubeConfig();
  viaProxy.loadFromOptions({
    clusters: [{ name: 'p', server: proxy.url, skipTLSVerify: true }],
    users: [{ name: 'u', token: 'replaced-by-the-proxy' }],
    contexts: [{ name: 'p', cluster: 'p', user: 'u' }],
    currentContext: 'p',
  });
  const timeoutFault = report.fault(
    'namespace create that times out after the server committed it',
  );
  const beforeTimeout = await leftovers(ctx);
  const scorecard = await evaluateCluster({
    cluster: 'chaos',
    kubeConfig: viaProxy,
    activeProbes: true,
    requestTimeoutMs: 2_000,
    probes: { gangPositiveTimeoutMs: 2_000, gangNegativeWindowMs: 1_000 },
  }).catch(error => error as Error);
  await report.check(
    'a namespace create that times out after commit leaves no namespace behind',
    async () => {
      expectThat(
        !(scorecard instanceof Error),
        `evaluation failed: ${(scorecard as Error).message}`,
      );
      await waitUntil(
        async () => added(beforeTimeout, await leftovers(ctx)).length === 0,
        10_000,
      );
      const left = added(beforeTimeout, await leftovers(ctx));
      expectThat(left.length === 0, `left behind: ${left.join(', ')}`);
      timeoutFault.survived();
    },
  );

  // With the huge-quota queue present, a full probe run (no delay) uses only its own tiny queue.
  const quotaFault = report.fault(
    'a ClusterQueue with a huge quota in the cluster',
  );
  created.length = 0;
  await proxy.close();
  const recorder = await startHostileServer({
    upstream: {
      server: cluster.server,
      caPem: cluster.caPem,
      token: cluster.token('admin'),
    },
    behaviour: (_req, _res, seen) => {
      if (seen.method === 'POST') created.push(seen);
      return false;
    },
  });
  viaProxy.clusters[0] = { ...viaProxy.clusters[0], server: recorder.url };
  await evaluateCluster({
    cluster: 'chaos',
    kubeConfig: viaProxy,
    activeProbes: true,
    probes: { gangPositiveTimeoutMs: 2_000, gangNegativeWindowMs: 1_000 },
  }).catch(() => undefined);
  await recorder.close();
  const bodies = created.map(c => JSON.parse(c.body ?? '{}'));
  const jobs = bodies.filter(b => b.kind === 'Job');
  const localQueues = bodies.filter(b => b.kind === 'LocalQueue');
  const maxPods = Math.max(0, ...jobs.map(j => j.spec?.parallelism ?? 0));
  report.figure(
    'largest probe Job (pods)',
    `${maxPods} (quota admits ${GANG_PROBE_LIMITS.pods})`,
  );
  await report.check(
    `no probe Job beyond the documented size (≤ ${
      GANG_PROBE_LIMITS.pods + 1
    } pods of ${GANG_PROBE_LIMITS.cpu} CPU / ${
      GANG_PROBE_LIMITS.memory
    }), only on the probe's own queue`,
    () => {
      expectThat(
        localQueues.length > 0,
        'the gang probe created no LocalQueue (was it skipped?)',
      );
      for (const lq of localQueues) {
        expectThat(
          String(lq.spec?.clusterQueue).startsWith('ai-conformance-probe-'),
          `LocalQueue points at ${lq.spec?.clusterQueue}`,
        );
      }
      for (const job of jobs) {
        expectThat(
          job.spec.parallelism <= GANG_PROBE_LIMITS.pods + 1,
          `Job ${job.metadata.name} asks for ${job.spec.parallelism} pods`,
        );
        for (const c of job.spec.template.spec.containers) {
          expectThat(
            c.resources?.requests?.cpu === GANG_PROBE_LIMITS.cpu &&
              c.resources?.requests?.memory === GANG_PROBE_LIMITS.memory,
            `container requests ${JSON.stringify(c.resources)}`,
          );
          expectThat(
            c.imagePullPolicy === 'IfNotPresent',
            `pull policy ${c.imagePullPolicy}`,
          );
        }
      }
      quotaFault.survived();
    },
  );

  // The backend's sweeper removes what SIGKILL left (age threshold 0 for the suite).
  const before = await leftovers(ctx);
  report.figure('probe leftovers before the sweep', before.length);
  const knex = await ctx.database('sqlite');
  const backend = await startFaultBackend({
    knex,
    config: faultConfig([chaosCluster], {
      extra: { probes: { sweep: { olderThan: { seconds: 0 } } } },
    }),
  });
  try {
    await backend.scheduler.triggerTask('sweep-probe-leftovers');
    await waitUntil(async () => (await leftovers(ctx)).length === 0, 20_000);
    const after = await leftovers(ctx);
    report.leftovers += after.length;
    await report.check(
      `the backend's sweep leaves zero probe objects (${before.length} before)`,
      () => {
        expectThat(after.length === 0, `left behind: ${after.join(', ')}`);
      },
    );
  } finally {
    await backend.stop();
    await knex.destroy();
    await admin
      .delete({
        apiVersion: 'kueue.x-k8s.io/v1beta2',
        kind: 'ClusterQueue',
        metadata: { name: 'faults-huge-quota' },
      })
      .catch(() => undefined);
  }
}
