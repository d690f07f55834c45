import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';
import YAML from 'yaml';
import { Binaries, ensureBinaries, Logger } from './build/binaries';
import { goModDownload } from './build/go';
import { ApiError, Credentials, RestClient, waitFor } from './client/rest';
import { kubeconfigYaml } from './kubeconfig';
import { ensurePki, Identity, Pki } from './pki/pki';
import { allocatePorts, LOOPBACK, PortName } from './processes/ports';
import {
  isRunning,
  ProcessRecord,
  startProcess,
  stopProcesses,
  tailLog,
} from './processes/supervisor';
import { discoveryOnlyRbac, readerRbac } from './rbac';
import { ComponentVersions, crdModule, resolveVersions } from './versions';

/** Annotation that KWOK uses to pick the nodes it manages. */
export const KWOK_NODE_ANNOTATION = 'kwok.x-k8s.io/node';
const POD_CIDR = '10.244.0.0/16';
const SERVICE_CIDR = '10.96.0.0/16';

export interface ClusterState {
  name: string;
  dataDir: string;
  versions: ComponentVersions;
  ports: Record<PortName, number>;
  server: string;
  kubeconfig: string;
  processes: ProcessRecord[];
  startedAt: string;
}

export interface StartOptions {
  /** Cluster name, used in the kubeconfig and in messages. */
  name: string;
  /** Data directory: pki, etcd data, logs, kubeconfig, state.json. */
  dataDir: string;
  /** Kubernetes minor ("1.36"); defaults to LOCAL_CLUSTER_K8S_MINOR or versions.json's default. */
  minor?: string;
  /** Fixed ports; anything not given gets a free ephemeral port. */
  ports?: Partial<Record<PortName, number>>;
  log?: Logger;
}

const stateFile = (dataDir: string) => path.join(dataDir, 'state.json');

export function readState(dataDir: string): ClusterState | undefined {
  try {
    return JSON.parse(fs.readFileSync(stateFile(dataDir), 'utf8'));
  } catch {
    return undefined;
  }
}

/** True when every component process recorded in the state is alive. */
export function isUp(state: ClusterState | undefined): boolean {
  return (
    !!state && state.processes.length === 5 && state.processes.every(isRunning)
  );
}

export function credentials(
  state: ClusterState,
  identity: Identity = 'admin',
): Credentials {
  const tokens = JSON.parse(
    fs.readFileSync(path.join(state.dataDir, 'pki', 'tokens.json'), 'utf8'),
  );
  return {
    server: state.server,
    caPem: fs.readFileSync(path.join(state.dataDir, 'pki', 'ca.crt'), 'utf8'),
    token: tokens[identity],
  };
}

function httpOk(
  url: string,
  headers: Record<string, string> = {},
  ca?: string,
): Promise<boolean> {
  return new Promise(resolve => {
    const mod = url.startsWith('https') ? https : http;
    const req = mod.get(
      url,
      { headers, ca, rejectUnauthorized: !!ca, timeout: 2000 },
      res => {
        res.resume();
        resolve(res.statusCode === 200);
      },
    );
    req.on('error', () => resolve(false));
    req.on('timeout', () => req.destroy());
  });
}

class StartError extends Error {}

async function waitHealthy(
  rec: ProcessRecord,
  url: string,
  check: () => Promise<boolean>,
  timeoutMs: number,
) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isRunning(rec)) {
      throw new StartError(
        `${rec.component} exited during start-up; log: ${
          rec.logFile
        }\n${tailLog(rec.logFile)}`,
      );
    }
    if (await check()) return;
    await new Promise(r => setTimeout(r, 200));
  }
  throw new StartError(
    `${rec.component} was not healthy at ${url} after ${
      timeoutMs / 1000
    }s; log: ${rec.logFile}\n${tailLog(rec.logFile)}`,
  );
}

function componentKubeconfig(
  dir: string,
  name: string,
  server: string,
  pki: Pki,
  token: string,
): string {
  const file = path.join(dir, `${name}.kubeconfig`);
  fs.writeFileSync(
    file,
    kubeconfigYaml({
      clusterName: 'local',
      server,
      caPem: pki.caCertPem,
      users: { [name]: token },
    }),
    { mode: 0o600 },
  );
  return file;
}

/** KWOK stages (node Ready, pod Running/Succeeded/deleted), read from the kwok module at its pinned version. */
async function writeKwokConfig(file: string): Promise<void> {
  const mod = crdModule('kwok-stages');
  const { Dir } = await goModDownload(mod.module, mod.version);
  const docs = mod.paths.map(p =>
    fs.readFileSync(path.join(Dir, p), 'utf8').trim(),
  );
  // KWOK plays 4 pod stages at a time by default: 50,000 scale-mode pods would take ~25 minutes
  // to turn Running, so let it work on more at once.
  const options = [
    'apiVersion: config.kwok.x-k8s.io/v1alpha1',
    'kind: KwokConfiguration',
    'options:',
    '  podPlayStageParallelism: 32',
    '  nodePlayStageParallelism: 16',
  ].join('\n');
  fs.writeFileSync(file, `${[options, ...docs].join('\n---\n')}\n`);
}

function args(flags: Record<string, string | number | boolean>): string[] {
  return Object.entries(flags).map(([k, v]) => `--${k}=${v}`);
}

/**
 * Starts etcd, kube-apiserver, kube-controller-manager, kube-scheduler and KWOK
 * on loopback. On any failure it stops what it started and throws an error that
 * names the component and its log file.
 */
export async function startControlPlane(
  opts: StartOptions,
): Promise<ClusterState> {
  const log = opts.log ?? ((l: string) => process.stderr.write(`${l}\n`));
  const existing = readState(opts.dataDir);
  if (isUp(existing)) {
    log(`cluster '${opts.name}' is already running at ${existing!.server}`);
    return existing!;
  }
  if (existing) await stopProcesses(existing.processes);

  const versions = resolveVersions(opts.minor);
  const bins: Binaries = await ensureBinaries(versions, log);
  const started = Date.now();
  const dir = opts.dataDir;
  const logDir = path.join(dir, 'logs');
  fs.mkdirSync(logDir, { recursive: true });
  const pki = await ensurePki(path.join(dir, 'pki'));
  const ports = await allocatePorts(opts.ports);
  const server = `https://${LOOPBACK}:${ports.apiserver}`;
  const processes: ProcessRecord[] = [];
  const state: ClusterState = {
    name: opts.name,
    dataDir: dir,
    versions,
    ports,
    server,
    kubeconfig: path.join(dir, 'kubeconfig'),
    processes,
    startedAt: new Date().toISOString(),
  };
  const save = () =>
    fs.writeFileSync(stateFile(dir), JSON.stringify(state, null, 2));

  try {
    // etcd: plain HTTP is fine on loopback; fsync off because this is throwaway test data
    const etcdUrl = `http://${LOOPBACK}:${ports.etcdClient}`;
    const peerUrl = `http://${LOOPBACK}:${ports.etcdPeer}`;
    const etcd = startProcess(
      'etcd',
      bins.etcd,
      args({
        name: 'local',
        'data-dir': path.join(dir, 'etcd'),
        'listen-client-urls': etcdUrl,
        'advertise-client-urls': etcdUrl,
        'listen-peer-urls': peerUrl,
        'initial-advertise-peer-urls': peerUrl,
        'initial-cluster': `local=${peerUrl}`,
        'quota-backend-bytes': 8 * 1024 * 1024 * 1024,
        'unsafe-no-fsync': true,
        'log-level': 'warn',
      }),
      logDir,
    );
    processes.push(etcd);
    save();
    await waitHealthy(
      etcd,
      `${etcdUrl}/health`,
      () => httpOk(`${etcdUrl}/health`),
      30000,
    );

    const apiserver = startProcess(
      'kube-apiserver',
      bins.kubeApiserver,
      args({
        'etcd-servers': etcdUrl,
        'bind-address': LOOPBACK,
        'advertise-address': LOOPBACK,
        'secure-port': ports.apiserver,
        'tls-cert-file': pki.serverCert,
        'tls-private-key-file': pki.serverKey,
        'client-ca-file': pki.caCert,
        'token-auth-file': pki.tokenFile,
        'authorization-mode': 'RBAC',
        // every real distribution allows privileged containers (GPU driver, device plugins,
        // CNI and storage agents); without it no scenario can hold such a DaemonSet
        'allow-privileged': true,
        'service-account-issuer':
          'https://kubernetes.default.svc.cluster.local',
        'service-account-key-file': pki.saPub,
        'service-account-signing-key-file': pki.saKey,
        'service-cluster-ip-range': SERVICE_CIDR,
        // Resolve webhook and aggregated-API services via endpoints, never ClusterIPs:
        // the control plane must not dial addresses outside loopback.
        'enable-aggregator-routing': true,
        // the default reconciler refuses a loopback advertise address
        'endpoint-reconciler-type': 'none',
        'kubelet-preferred-address-types': 'InternalIP',
        // it taints new nodes not-ready, and only the node lifecycle controller
        // (disabled below: KWOK sends no heartbeats at scale) would lift that taint
        'disable-admission-plugins': 'TaintNodesByCondition',
        'max-requests-inflight': 1500,
        // An unpaged list of every pod (what kubectl-view-allocations sends) takes longer than the
        // default 60 s to serialise at 50,000 pods on two shared cores; the server would cut the
        // answer off mid-stream (the client sees EOF). Real control planes have the CPU to answer
        // in time, so the budget is raised here rather than in the client.
        'request-timeout': '5m0s',
        'max-mutating-requests-inflight': 1000,
        'event-ttl': '1h0m0s',
        profiling: false,
        v: 1,
      }),
      logDir,
    );
    processes.push(apiserver);
    save();
    const adminAuth = { Authorization: `Bearer ${pki.tokens.admin}` };
    await waitHealthy(
      apiserver,
      `${server}/readyz`,
      () => httpOk(`${server}/readyz`, adminAuth, pki.caCertPem),
      90000,
    );

    // kubeconfigs: one for people and tests (three identities), one per component
    fs.writeFileSync(
      state.kubeconfig,
      kubeconfigYaml({
        clusterName: `local-${opts.name}`,
        server,
        caPem: pki.caCertPem,
        users: {
          admin: pki.tokens.admin,
          reader: pki.tokens.reader,
          norights: pki.tokens.norights,
          discovery: pki.tokens.discovery,
        },
        currentContext: 'admin',
      }),
      { mode: 0o600 },
    );
    const client = new RestClient(credentials(state, 'admin'), 8);
    try {
      for (const obj of [...readerRbac(), ...discoveryOnlyRbac()]) {
        await client.apply(obj);
      }
    } finally {
      client.close();
    }

    const cmKubeconfig = componentKubeconfig(
      dir,
      'kube-controller-manager',
      server,
      pki,
      pki.tokens.controllerManager,
    );
    const cm = startProcess(
      'kube-controller-manager',
      bins.kubeControllerManager,
      args({
        kubeconfig: cmKubeconfig,
        'authentication-kubeconfig': cmKubeconfig,
        'authorization-kubeconfig': cmKubeconfig,
        'bind-address': LOOPBACK,
        'secure-port': ports.controllerManager,
        'leader-elect': false,
        'use-service-account-credentials': true,
        'service-account-private-key-file': pki.saKey,
        'root-ca-file': pki.caCert,
        'cluster-name': opts.name,
        // KWOK nodes send no heartbeats at scale; without this controller they stay Ready
        controllers: '*,-node-lifecycle-controller',
        'kube-api-qps': 300,
        'kube-api-burst': 600,
        'concurrent-daemonset-syncs': 4,
        profiling: false,
      }),
      logDir,
    );
    processes.push(cm);
    save();

    const schedKubeconfig = componentKubeconfig(
      dir,
      'kube-scheduler',
      server,
      pki,
      pki.tokens.scheduler,
    );
    const schedConfig = path.join(dir, 'kube-scheduler-config.yaml');
    fs.writeFileSync(
      schedConfig,
      YAML.stringify({
        apiVersion: 'kubescheduler.config.k8s.io/v1',
        kind: 'KubeSchedulerConfiguration',
        // the default 50 QPS caps binding at 50 pods/s; scale mode needs more
        clientConnection: {
          kubeconfig: schedKubeconfig,
          qps: 1000,
          burst: 2000,
        },
        leaderElection: { leaderElect: false },
      }),
    );
    const scheduler = startProcess(
      'kube-scheduler',
      bins.kubeScheduler,
      args({
        config: schedConfig,
        'authentication-kubeconfig': schedKubeconfig,
        'authorization-kubeconfig': schedKubeconfig,
        'bind-address': LOOPBACK,
        'secure-port': ports.scheduler,
      }),
      logDir,
    );
    processes.push(scheduler);
    save();

    const kwokConfig = path.join(dir, 'kwok-stages.yaml');
    await writeKwokConfig(kwokConfig);
    const kwok = startProcess(
      'kwok',
      bins.kwok,
      args({
        kubeconfig: componentKubeconfig(
          dir,
          'kwok',
          server,
          pki,
          pki.tokens.kwok,
        ),
        config: kwokConfig,
        'manage-nodes-with-annotation-selector': `${KWOK_NODE_ANNOTATION}=fake`,
        cidr: POD_CIDR,
        // nodes point at KWOK's own server on loopback, so logs/exec never leave the machine
        'node-ip': LOOPBACK,
        'node-port': ports.kwok,
        'server-address': `${LOOPBACK}:${ports.kwok}`,
      }),
      logDir,
    );
    processes.push(kwok);
    save();

    await waitHealthy(
      cm,
      `https://${LOOPBACK}:${ports.controllerManager}/healthz`,
      () => httpOk(`https://${LOOPBACK}:${ports.controllerManager}/healthz`),
      60000,
    );
    await waitHealthy(
      scheduler,
      `https://${LOOPBACK}:${ports.scheduler}/healthz`,
      () => httpOk(`https://${LOOPBACK}:${ports.scheduler}/healthz`),
      60000,
    );
    await waitHealthy(
      kwok,
      `http://${LOOPBACK}:${ports.kwok}/healthz`,
      () => httpOk(`http://${LOOPBACK}:${ports.kwok}/healthz`),
      60000,
    );

    // pods can be created once the default service account exists
    const c2 = new RestClient(credentials(state, 'admin'), 2);
    try {
      await waitFor(
        'the default service account',
        () =>
          c2.get('/api/v1/namespaces/default/serviceaccounts/default').then(
            () => true,
            e => {
              if (e instanceof ApiError && e.status === 404) return false;
              throw e;
            },
          ),
        60000,
      );
    } finally {
      c2.close();
    }
    log(
      `cluster '${opts.name}' (Kubernetes ${
        versions.kubernetes
      }) is up at ${server} in ${((Date.now() - started) / 1000).toFixed(
        1,
      )}s; kubeconfig: ${state.kubeconfig}`,
    );
    return state;
  } catch (e: any) {
    await stopProcesses(processes);
    fs.rmSync(stateFile(dir), { force: true });
    if (e instanceof StartError)
      throw new Error(`cluster '${opts.name}' failed to start: ${e.message}`);
    throw e;
  }
}

/** Stops a cluster's processes. Idempotent: a stopped or never-started cluster is fine. */
export async function stopControlPlane(
  dataDir: string,
  opts: { purge?: boolean } = {},
): Promise<boolean> {
  const state = readState(dataDir);
  const wasRunning = !!state && state.processes.some(isRunning);
  if (state) await stopProcesses(state.processes);
  fs.rmSync(stateFile(dataDir), { force: true });
  if (opts.purge) fs.rmSync(dataDir, { recursive: true, force: true });
  return wasRunning;
}
