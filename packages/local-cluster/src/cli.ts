/* eslint-disable no-console */
import { parseArgs } from 'node:util';
import { buildInfo, ensureBinaries } from './build/binaries';
import { RestClient } from './client/rest';
import {
  credentials,
  isUp,
  readState,
  startControlPlane,
  stopControlPlane,
} from './controlPlane';
import { demoDown, demoUp } from './demo/demo';
import { clusterDir, stateRoot } from './paths';
import { portsFromEnv } from './processes/ports';
import { runScale } from './scale/scale';
import { applyScenario, getScenario, SCENARIOS } from './scenarios';
import { resolveVersions, supportedMinors } from './versions';
import fs from 'node:fs';
import path from 'node:path';

const HELP = `usage: local-cluster <command> [options]

commands:
  build                 build (or verify) the binaries for a Kubernetes minor
  up                    start a control plane (and apply --scenario)
  down                  stop it (idempotent); --all stops every cluster under .local-cluster
  status                show running clusters
  apply <scenario>      apply a scenario to a running cluster
  scale                 create --nodes N KWOK nodes and --pods M pods, and time it
  demo                  start conformant-nvidia, partial-amd and bare clusters and write portal files
  demo-down             stop the demo clusters

options:
  --name NAME           cluster name (default: default); data in .local-cluster/clusters/NAME
  --k8s MINOR           Kubernetes minor (${supportedMinors().join(
    ', ',
  )}; env LOCAL_CLUSTER_K8S_MINOR)
  --scenario NAME       ${Object.keys(SCENARIOS).join(', ')}
  --port PORT           API server port (env LOCAL_CLUSTER_APISERVER_PORT; other ports: LOCAL_CLUSTER_<ETCD_CLIENT|ETCD_PEER|CONTROLLER_MANAGER|SCHEDULER|KWOK>_PORT)
  --nodes N --pods M    scale mode sizes (default 5000 / 50000)
  --concurrency C       scale mode requests in flight (default 48)
  --wait                scale mode: also wait until every pod is bound
  --keep-data           down: keep the data directory (pki, etcd)
`;

async function main() {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      name: { type: 'string', default: 'default' },
      k8s: { type: 'string' },
      scenario: { type: 'string' },
      port: { type: 'string' },
      nodes: { type: 'string', default: '5000' },
      pods: { type: 'string', default: '50000' },
      concurrency: { type: 'string', default: '48' },
      wait: { type: 'boolean', default: false },
      all: { type: 'boolean', default: false },
      'keep-data': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [cmd, arg] = positionals;
  const log = (l: string) => console.error(l);
  const dataDir = clusterDir(values.name!);

  switch (values.help ? 'help' : cmd) {
    case 'build': {
      const v = resolveVersions(values.k8s);
      const t = Date.now();
      const bins = await ensureBinaries(v, log);
      console.log(
        JSON.stringify(
          {
            versions: v,
            binaries: bins,
            builds: buildInfo(v),
            seconds: (Date.now() - t) / 1000,
          },
          null,
          2,
        ),
      );
      return;
    }
    case 'up': {
      const t = Date.now();
      const ports = {
        ...portsFromEnv(),
        ...(values.port ? { apiserver: Number(values.port) } : {}),
      };
      const state = await startControlPlane({
        name: values.name!,
        dataDir,
        minor: values.k8s,
        ports,
        log,
      });
      if (values.scenario) {
        const client = new RestClient(credentials(state, 'admin'), 16);
        try {
          await applyScenario(client, getScenario(values.scenario), { log });
        } finally {
          client.close();
        }
      }
      console.log(`ready in ${((Date.now() - t) / 1000).toFixed(1)}s
  API server: ${state.server} (Kubernetes ${state.versions.kubernetes})
  kubeconfig: ${state.kubeconfig} (contexts: admin, reader, norights, discovery)
  logs:       ${path.join(state.dataDir, 'logs')}
  try:        kubectl --kubeconfig ${state.kubeconfig} get nodes`);
      return;
    }
    case 'down': {
      const names =
        values.all && fs.existsSync(path.join(stateRoot(), 'clusters'))
          ? fs.readdirSync(path.join(stateRoot(), 'clusters'))
          : [values.name!];
      for (const n of names) {
        const was = await stopControlPlane(clusterDir(n), {
          purge: !values['keep-data'],
        });
        console.log(`${n}: ${was ? 'stopped' : 'not running'}`);
      }
      return;
    }
    case 'status': {
      const root = path.join(stateRoot(), 'clusters');
      const names = fs.existsSync(root) ? fs.readdirSync(root) : [];
      if (!names.length) console.log('no clusters');
      for (const n of names) {
        const s = readState(clusterDir(n));
        console.log(
          `${n}: ${
            isUp(s)
              ? `up at ${s!.server} (Kubernetes ${
                  s!.versions.kubernetes
                }), kubeconfig ${s!.kubeconfig}`
              : 'down'
          }`,
        );
      }
      return;
    }
    case 'apply': {
      const state = readState(dataDir);
      if (!isUp(state))
        throw new Error(
          `cluster '${values.name}' is not running (yarn cluster:up)`,
        );
      const client = new RestClient(credentials(state!, 'admin'), 16);
      try {
        await applyScenario(client, getScenario(arg ?? values.scenario ?? ''), {
          log,
        });
      } finally {
        client.close();
      }
      return;
    }
    case 'scale': {
      const state = readState(dataDir);
      if (!isUp(state))
        throw new Error(
          `cluster '${values.name}' is not running (yarn cluster:up)`,
        );
      const concurrency = Number(values.concurrency);
      const client = new RestClient(credentials(state!, 'admin'), concurrency);
      try {
        const r = await runScale(client, {
          nodes: Number(values.nodes),
          pods: Number(values.pods),
          concurrency,
          waitScheduled: values.wait,
          log,
        });
        console.log(JSON.stringify(r, null, 2));
      } finally {
        client.close();
      }
      return;
    }
    case 'demo': {
      const t = Date.now();
      const { states, files } = await demoUp({ minor: values.k8s, log });
      console.log(
        `demo clusters ready in ${((Date.now() - t) / 1000).toFixed(1)}s`,
      );
      for (const s of states)
        console.log(`  ${s.name}: ${s.server}  kubeconfig ${s.kubeconfig}`);
      console.log(`files:\n${files.map(f => `  ${f}`).join('\n')}`);
      return;
    }
    case 'demo-down':
      await demoDown();
      console.log('demo clusters stopped');
      return;
    default:
      console.log(HELP);
      if (!values.help) process.exitCode = 2;
  }
}

main().catch(e => {
  console.error(`error: ${e.message}`);
  process.exit(1);
});
