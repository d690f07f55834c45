import {
  ApiError,
  KubeObject,
  RestClient,
  runPool,
  waitFor,
} from '../client/rest';
import { Scenario } from './types';

export const SCENARIO_LABEL = 'local-cluster.ai-conformance-suite/scenario';

export interface ApplyResult {
  scenario: string;
  objects: number;
  nodes: number;
  pods: { running: number; pending: number };
  seconds: number;
}

function label(obj: KubeObject, scenario: string): KubeObject {
  return {
    ...obj,
    metadata: {
      ...obj.metadata,
      labels: { ...obj.metadata.labels, [SCENARIO_LABEL]: scenario },
    },
  };
}

async function applyAll(
  client: RestClient,
  objs: KubeObject[],
  concurrency: number,
  status = false,
) {
  await runPool(objs, concurrency, async obj => {
    try {
      if (status) await client.applyStatus(obj);
      else await client.apply(obj);
    } catch (e: any) {
      throw new Error(
        `applying ${status ? 'status of ' : ''}${obj.kind} ${
          obj.metadata.namespace ? `${obj.metadata.namespace}/` : ''
        }${obj.metadata.name} failed: ${e.message}`,
      );
    }
  });
}

/** Lists pods across namespaces, counting Running and Pending (unscheduled or not yet started). */
export async function podPhases(client: RestClient, labelSelector?: string) {
  const list = await client.get(
    `/api/v1/pods${
      labelSelector ? `?labelSelector=${encodeURIComponent(labelSelector)}` : ''
    }`,
  );
  const items: any[] = list.items;
  return {
    running: items.filter(p => p.status?.phase === 'Running').length,
    pending: items.filter(p => p.status?.phase === 'Pending'),
  };
}

/**
 * Applies a scenario with server-side apply: CRDs (awaited until Established),
 * KWOK nodes (awaited until Ready), then the other objects, then custom
 * resource statuses through the status subresource. Finally waits until the
 * scheduler and KWOK have placed and started every pod.
 */
export async function applyScenario(
  client: RestClient,
  scenario: Scenario,
  opts: {
    log?: (l: string) => void;
    waitForPods?: boolean;
    timeoutMs?: number;
  } = {},
): Promise<ApplyResult> {
  const log = opts.log ?? (() => {});
  const timeoutMs = opts.timeoutMs ?? 180000;
  const started = Date.now();
  const built = await scenario.build();
  const tag = (o: KubeObject) => label(o, scenario.name);

  if (built.crds.length) {
    log(`${scenario.name}: applying ${built.crds.length} CRDs`);
    await applyAll(client, built.crds.map(tag), 4);
    for (const crd of built.crds) {
      await waitFor(
        `CRD ${crd.metadata.name} to be Established`,
        async () => {
          const c = await client.get(
            `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${crd.metadata.name}`,
          );
          return c.status?.conditions?.some(
            (x: any) => x.type === 'Established' && x.status === 'True',
          );
        },
        timeoutMs,
      );
    }
  }

  log(`${scenario.name}: applying ${built.nodes.length} KWOK nodes`);
  await applyAll(client, built.nodes.map(tag), 8);
  const uids = new Map<string, string>();
  await waitFor(
    'KWOK nodes to become Ready',
    async () => {
      let ready = 0;
      for (const n of built.nodes) {
        const node = await client.get(`/api/v1/nodes/${n.metadata.name}`);
        uids.set(n.metadata.name, node.metadata.uid);
        if (
          node.status?.conditions?.some(
            (c: any) => c.type === 'Ready' && c.status === 'True',
          )
        )
          ready++;
      }
      return ready === built.nodes.length;
    },
    timeoutMs,
  );

  const objects = built.objects(uids).map(tag);
  const first = objects.filter(
    o => o.kind === 'Namespace' || o.kind === 'DeviceClass',
  );
  const rest = objects.filter(o => !first.includes(o));
  log(
    `${scenario.name}: applying ${objects.length} objects and ${built.statuses.length} statuses`,
  );
  await applyAll(client, first, 8);
  await applyAll(client, rest, 8);
  await applyAll(client, built.statuses, 8, true);

  let pods = { running: 0, pending: 0 };
  if (opts.waitForPods !== false) {
    // first the controllers must have created every pod (a momentary "nothing
    // Pending" can precede a Deployment's first pod), then none may be Pending
    const workloads = objects.filter(
      o => o.kind === 'Deployment' || o.kind === 'DaemonSet',
    );
    await waitFor(
      'Deployments and DaemonSets to be ready',
      async () => {
        for (const w of workloads) {
          const cur = await client.get(await client.pathFor(w));
          const st = cur.status ?? {};
          const ready =
            w.kind === 'Deployment'
              ? st.observedGeneration >= cur.metadata.generation &&
                (st.readyReplicas ?? 0) === cur.spec.replicas
              : st.observedGeneration >= cur.metadata.generation &&
                st.numberReady === st.desiredNumberScheduled;
          if (!ready) return false;
        }
        return true;
      },
      timeoutMs,
      500,
    ).catch(e => {
      throw new Error(`${scenario.name}: ${e.message}`);
    });
    try {
      await waitFor(
        'pods to be scheduled and Running',
        async () => {
          const p = await podPhases(client);
          pods = { running: p.running, pending: p.pending.length };
          return p.pending.length === 0 && p.running > 0 ? true : undefined;
        },
        timeoutMs,
        500,
      );
    } catch (e) {
      const p = await podPhases(client);
      const names = p.pending.map(
        x =>
          `${x.metadata.namespace}/${x.metadata.name}: ${
            x.status?.conditions
              ?.map((c: any) => c.message)
              .filter(Boolean)
              .join('; ') || 'Pending'
          }`,
      );
      throw new Error(
        `${scenario.name}: ${p.pending.length} pods still Pending:\n${names
          .slice(0, 10)
          .join('\n')}`,
      );
    }
  }
  const seconds = Math.round((Date.now() - started) / 100) / 10;
  log(
    `${scenario.name}: applied ${
      objects.length + built.nodes.length + built.crds.length
    } objects in ${seconds}s; pods running: ${pods.running}`,
  );
  return {
    scenario: scenario.name,
    objects: objects.length + built.crds.length,
    nodes: built.nodes.length,
    pods,
    seconds,
  };
}

export function isNotFound(e: unknown) {
  return e instanceof ApiError && e.status === 404;
}
