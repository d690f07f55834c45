import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { goVersion } from '../build/go';
import { RestClient } from '../client/rest';
import { startControlPlane, stopControlPlane } from '../controlPlane';
import { startReaper } from '../processes/supervisor';
import { ContextName, credentialsFromKubeconfig } from '../kubeconfig';
import { applyScenario, getScenario } from '../scenarios';
import { ApplyResult, SCENARIO_LABEL } from '../scenarios/apply';

export interface LocalCluster {
  /** Kubeconfig with the contexts admin, reader, norights and discovery. */
  kubeconfig: string;
  server: string;
  caPem: string;
  /** True when this helper started the control plane (false: reused via LOCAL_CLUSTER_KUBECONFIG). */
  started: boolean;
  scenario?: ApplyResult;
  /** A REST client for one identity; closed by stop(). */
  client(context?: ContextName): RestClient;
  token(context: ContextName): string;
  /** Stops the control plane this helper started and removes its data; a no-op for a reused one. */
  stop(): Promise<void>;
}

export interface StartOrReuseOptions {
  /** Scenario to apply (conformant-nvidia, partial-amd, bare). */
  scenario?: string;
  /** Kubernetes minor; defaults to LOCAL_CLUSTER_K8S_MINOR or versions.json's default. */
  minor?: string;
  /** Reuse a running cluster; defaults to the LOCAL_CLUSTER_KUBECONFIG environment variable. */
  kubeconfig?: string;
  log?: (l: string) => void;
}

/**
 * Why integration tests cannot run here, or undefined when they can. They need
 * Go (to build the control plane once) unless LOCAL_CLUSTER_KUBECONFIG names a
 * running cluster.
 */
export function localClusterUnavailable(): string | undefined {
  if (process.env.LOCAL_CLUSTER_KUBECONFIG) return undefined;
  if (!goVersion())
    return 'Go is not on PATH, so the local control plane cannot be built';
  return undefined;
}

/**
 * `describe` when a local cluster can run, otherwise `describe.skip` with a
 * message saying why (or a failing test when AI_CONFORMANCE_INTEGRATION=required).
 */
export function describeWithLocalCluster(name: string, fn: () => void): void {
  const why = localClusterUnavailable();
  if (why && process.env.AI_CONFORMANCE_INTEGRATION === 'required') {
    // CI (scripts/test.sh) requires integration tests: fail the file instead of skipping
    throw new Error(`${name}: ${why} (AI_CONFORMANCE_INTEGRATION=required)`);
  }
  if (why) {
    // eslint-disable-next-line no-console
    console.warn(`${name}: ${why}: skipping these integration tests`);
  }
  // a wrapper: title and body are the caller's
  // eslint-disable-next-line jest/valid-title, jest/valid-describe-callback, jest/no-disabled-tests
  (why ? describe.skip : describe)(name, fn);
}

/** True when the cluster has nodes that another scenario applied (so applying ours would mix them). */
async function holdsOtherScenario(
  kubeconfig: string,
  scenario: string,
): Promise<boolean> {
  const client = new RestClient(
    credentialsFromKubeconfig(kubeconfig, 'admin'),
    1,
  );
  try {
    const selector = encodeURIComponent(
      `${SCENARIO_LABEL},${SCENARIO_LABEL}!=${scenario}`,
    );
    const nodes = await client.get(
      `/api/v1/nodes?limit=1&labelSelector=${selector}`,
    );
    return nodes.items.length > 0;
  } finally {
    client.close();
  }
}

/**
 * Starts a fresh control plane in a temporary data directory (so every test
 * file gets an isolated cluster on its own ports), or reuses a running one
 * named by LOCAL_CLUSTER_KUBECONFIG (unless that one holds another scenario's
 * nodes, to keep scenarios apart); then applies the scenario, if any.
 * A cold first call builds the binaries (minutes); later calls start in seconds.
 */
export async function startOrReuseCluster(
  opts: StartOrReuseOptions = {},
): Promise<LocalCluster> {
  const log = opts.log ?? (() => {});
  let reuse = opts.kubeconfig ?? process.env.LOCAL_CLUSTER_KUBECONFIG;
  if (
    reuse &&
    opts.scenario &&
    (await holdsOtherScenario(reuse, opts.scenario))
  ) {
    log(
      `${reuse} holds another scenario; starting a fresh cluster for ${opts.scenario}`,
    );
    reuse = undefined;
  }
  const clients: RestClient[] = [];
  let kubeconfig: string;
  let dataDir: string | undefined;
  let reaper: number | undefined;
  if (reuse) {
    kubeconfig = reuse;
  } else {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'local-cluster-'));
    try {
      const state = await startControlPlane({
        name: opts.scenario ?? 'test',
        dataDir,
        minor: opts.minor,
        log,
      });
      kubeconfig = state.kubeconfig;
      // the control plane is detached; if this process dies without stop(), the reaper ends it
      reaper = startReaper(process.pid, state.processes, dataDir);
    } catch (e) {
      fs.rmSync(dataDir, { recursive: true, force: true });
      throw e;
    }
  }
  const admin = credentialsFromKubeconfig(kubeconfig, 'admin');
  const cluster: LocalCluster = {
    kubeconfig,
    server: admin.server,
    caPem: admin.caPem,
    started: !reuse,
    client(context = 'admin') {
      const c = new RestClient(
        credentialsFromKubeconfig(kubeconfig, context),
        16,
      );
      clients.push(c);
      return c;
    },
    token: context => credentialsFromKubeconfig(kubeconfig, context).token,
    async stop() {
      clients.forEach(c => c.close());
      if (dataDir) {
        await stopControlPlane(dataDir, { purge: true });
        if (reaper) {
          try {
            process.kill(reaper);
          } catch {
            /* already gone */
          }
        }
      }
    },
  };
  if (opts.scenario) {
    try {
      cluster.scenario = await applyScenario(
        cluster.client('admin'),
        getScenario(opts.scenario),
        { log },
      );
    } catch (e) {
      await cluster.stop();
      throw e;
    }
  }
  return cluster;
}

export type { ContextName } from '../kubeconfig';
export { RestClient, ApiError } from '../client/rest';
