import { spawn } from 'node:child_process';
import { NodeAllocations, parseDescribeNodes } from './describeNodes';
import { parseViewAllocationsCsv } from './viewAllocations';

/** A finished run of a reference tool, measured with GNU time. @public */
export interface ReferenceRun {
  allocations: NodeAllocations;
  wallMs: number;
  peakRssMiB: number;
  /** Requests the tool sent, by method and path, when its log tells them. */
  requests?: string[];
}

const TIME = '/usr/bin/time';

/** Runs a command under `/usr/bin/time -f '%M %e'`: stdout, peak RSS (KiB) and wall seconds. */
function timed(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ stdout: string; wallMs: number; peakRssMiB: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(TIME, ['-f', 'time: %M %e', command, ...args], { env });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', b => out.push(b));
    child.stderr.on('data', b => {
      err += b.toString();
    });
    child.on('error', reject);
    child.on('close', code => {
      const m = /time: (\d+) ([\d.]+)\s*$/.exec(err);
      if (code !== 0 || !m) {
        reject(
          new Error(
            `${command} ${args.join(' ')} failed (exit ${code}): ${err.slice(
              -2000,
            )}`,
          ),
        );
        return;
      }
      resolve({
        stdout: Buffer.concat(out).toString('utf8'),
        peakRssMiB: Math.round(Number(m[1]) / 1024),
        wallMs: Math.round(Number(m[2]) * 1000),
      });
    });
  });
}

/**
 * `kubectl describe nodes [names…]` as the given context, parsed. It lists each node's pods
 * with its own request, so on large clusters pass a sample of node names.
 *
 * @public
 */
export async function runDescribeNodes(
  kubectl: string,
  kubeconfig: string,
  context: string,
  nodes: string[] = [],
): Promise<ReferenceRun> {
  const run = await timed(kubectl, [
    '--kubeconfig',
    kubeconfig,
    '--context',
    context,
    'describe',
    'nodes',
    '--show-events=false',
    ...nodes,
  ]);
  return { ...run, allocations: parseDescribeNodes(run.stdout) };
}

/** kube-rs logs each request as `requesting` inside its `HTTP` span (at debug level). */
const KUBE_RS_REQUEST =
  /HTTP\{http\.method=(\S+) http\.url=([^ }]+).*requesting/;
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

/**
 * `kubectl-view-allocations -g resource,node -o csv --ignore-taints` (every node, tainted GPU
 * nodes included) as the given context, parsed. Its client's debug log (on stdout, between the
 * CSV lines) gives the requests it sent.
 *
 * @public
 */
export async function runViewAllocations(
  binary: string,
  kubeconfig: string,
  context: string,
): Promise<ReferenceRun> {
  const run = await timed(
    binary,
    [
      '--kubeconfig',
      kubeconfig,
      '--context',
      context,
      '-g',
      'resource,node',
      '-o',
      'csv',
      '--ignore-taints',
    ],
    { ...process.env, RUST_LOG: 'warn,kube_client=debug', NO_COLOR: '1' },
  );
  const requests: string[] = [];
  const csv: string[] = [];
  for (const raw of run.stdout.split('\n')) {
    const line = raw.replace(ANSI, '');
    const request = KUBE_RS_REQUEST.exec(line);
    if (request) requests.push(`${request[1]} ${new URL(request[2]).pathname}`);
    else if (!/^\S+Z\s+(TRACE|DEBUG|INFO|WARN|ERROR)\b/.test(line.trim()))
      csv.push(line);
  }
  return {
    ...run,
    requests,
    allocations: parseViewAllocationsCsv(csv.join('\n')),
  };
}
