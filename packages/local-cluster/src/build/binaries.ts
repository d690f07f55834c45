import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { cacheRoot } from '../paths';
import { ComponentVersions } from '../versions';
import { goModDownload, goVersion } from './go';

export interface Binaries {
  etcd: string;
  kubeApiserver: string;
  kubeControllerManager: string;
  kubeScheduler: string;
  kwok: string;
}

export type Logger = (line: string) => void;

interface BuildSpec {
  component: string;
  version: string;
  binaries: string[];
  /** Writes the temporary module (if any) and returns the go command to run. */
  prepare(
    workDir: string,
    outDir: string,
  ): Promise<{ cwd: string; args: string[] }>;
}

const BUILD_INFO = 'build-info.json';

function componentDir(component: string, version: string) {
  return path.join(cacheRoot(), `${component}-${version}`);
}

function buildDate() {
  return new Date().toISOString().replace(/\.\d+Z$/, 'Z');
}

/** Turns the `replace k8s.io/x => ./staging/...` lines of a go.mod into versioned replaces. */
export function stagingReplaces(
  goMod: string,
  pattern: RegExp,
  version: string,
): string[] {
  const out: string[] = [];
  for (const line of goMod.split('\n')) {
    const m = line.match(pattern);
    if (m) out.push(`\t${m[1]} => ${m[1]} ${version}`);
  }
  return out;
}

function goDirective(goMod: string): string {
  return goMod.match(/^go (\S+)/m)?.[1] ?? '1.24';
}

/**
 * Writes a temporary module that requires k8s.io/kubernetes at the pinned version (with its
 * staging modules pinned) and returns the version ldflags for `go build`.
 */
async function prepareKubernetesModule(
  v: ComponentVersions,
  workDir: string,
): Promise<string> {
  const [, minor, patch] = v.kubernetes.replace(/^v/, '').split('.');
  const mod = await goModDownload('k8s.io/kubernetes', v.kubernetes);
  const upstream = fs.readFileSync(mod.GoMod, 'utf8');
  // k8s.io/kubernetes replaces every staging module with a local path, so it
  // cannot be `go install`ed; a temporary module pins them to v0.<minor>.<patch>.
  const replaces = stagingReplaces(
    upstream,
    /^\s+(k8s\.io\/[\w.-]+) => \.\/staging\//,
    `v0.${minor}.${patch}`,
  );
  fs.writeFileSync(
    path.join(workDir, 'go.mod'),
    `module local/kube-build\n\ngo ${goDirective(
      upstream,
    )}\n\nrequire k8s.io/kubernetes ${
      v.kubernetes
    }\n\nreplace (\n${replaces.join('\n')}\n)\n`,
  );
  const pkg = 'k8s.io/component-base/version';
  return [
    '-s -w',
    `-X ${pkg}.gitVersion=${v.kubernetes}`,
    `-X ${pkg}.gitMajor=1`,
    `-X ${pkg}.gitMinor=${minor}`,
    `-X ${pkg}.gitTreeState=clean`,
    `-X ${pkg}.buildDate=${buildDate()}`,
  ].join(' ');
}

function kubernetesSpec(v: ComponentVersions): BuildSpec {
  return {
    component: 'kubernetes',
    version: v.kubernetes,
    binaries: ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler'],
    async prepare(workDir, outDir) {
      const ldflags = await prepareKubernetesModule(v, workDir);
      return {
        cwd: workDir,
        // one invocation, so the packages the three commands share compile once
        args: goBuildArgs(ldflags, `${outDir}/`, [
          'k8s.io/kubernetes/cmd/kube-apiserver',
          'k8s.io/kubernetes/cmd/kube-controller-manager',
          'k8s.io/kubernetes/cmd/kube-scheduler',
        ]),
      };
    },
  };
}

/**
 * kubectl from the same module and version, cached beside the control plane but built only
 * on demand (the capacity comparison with `kubectl describe nodes`), so adding it never
 * invalidates a cached control plane.
 */
function kubectlSpec(v: ComponentVersions): BuildSpec {
  return {
    component: 'kubectl',
    version: v.kubernetes,
    binaries: ['kubectl'],
    async prepare(workDir, outDir) {
      const ldflags = await prepareKubernetesModule(v, workDir);
      return {
        cwd: workDir,
        args: goBuildArgs(ldflags, path.join(outDir, 'kubectl'), [
          'k8s.io/kubernetes/cmd/kubectl',
        ]),
      };
    },
  };
}

function etcdSpec(v: ComponentVersions): BuildSpec {
  return {
    component: 'etcd',
    version: v.etcd,
    binaries: ['etcd'],
    async prepare(workDir, outDir) {
      const mod = await goModDownload('go.etcd.io/etcd/server/v3', v.etcd);
      const upstream = fs.readFileSync(mod.GoMod, 'utf8');
      // the server module replaces its sibling modules with ../ paths
      const replaces = stagingReplaces(
        upstream,
        /^\s+(go\.etcd\.io\/etcd\/[\w./-]+) => \.\.\//,
        v.etcd,
      );
      fs.writeFileSync(
        path.join(workDir, 'go.mod'),
        `module local/etcd-build\n\ngo ${goDirective(
          upstream,
        )}\n\nrequire go.etcd.io/etcd/server/v3 ${
          v.etcd
        }\n\nreplace (\n${replaces.join('\n')}\n)\n`,
      );
      // The version number itself is a constant in go.etcd.io/etcd/api/v3/version;
      // the commit is not known from the module proxy, so GitSHA names the tag.
      const ldflags = `-s -w -X go.etcd.io/etcd/api/v3/version.GitSHA=${v.etcd}`;
      return {
        cwd: workDir,
        args: goBuildArgs(ldflags, path.join(outDir, 'etcd'), [
          'go.etcd.io/etcd/server/v3',
        ]),
      };
    },
  };
}

function kwokSpec(v: ComponentVersions): BuildSpec {
  return {
    component: 'kwok',
    version: v.kwok,
    binaries: ['kwok'],
    async prepare(workDir, outDir) {
      fs.writeFileSync(
        path.join(workDir, 'go.mod'),
        `module local/kwok-build\n\ngo 1.24\n\nrequire sigs.k8s.io/kwok ${v.kwok}\n`,
      );
      const pkg = 'sigs.k8s.io/kwok/pkg/consts';
      const ldflags = `-s -w -X ${pkg}.Version=${v.kwok.replace(
        /^v/,
        '',
      )} -X ${pkg}.PreRelease=GA`;
      return {
        cwd: workDir,
        args: goBuildArgs(ldflags, path.join(outDir, 'kwok'), [
          'sigs.k8s.io/kwok/cmd/kwok',
        ]),
      };
    },
  };
}

/** `go build` of `packages` into `output` with the version `ldflags`, verbose for the build log. */
function goBuildArgs(
  ldflags: string,
  output: string,
  packages: string[],
): string[] {
  return [
    'build',
    '-mod=mod',
    '-trimpath',
    '-v',
    '-ldflags',
    ldflags,
    '-o',
    output,
    ...packages,
  ];
}

function isBuilt(spec: BuildSpec): boolean {
  const dir = componentDir(spec.component, spec.version);
  return (
    fs.existsSync(path.join(dir, BUILD_INFO)) &&
    spec.binaries.every(b => fs.existsSync(path.join(dir, b)))
  );
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A lock directory per component, so parallel callers (jest workers) build once. */
async function withLock<T>(
  dir: string,
  log: Logger,
  fn: () => Promise<T>,
): Promise<T> {
  const lock = `${dir}.lock`;
  fs.mkdirSync(path.dirname(lock), { recursive: true });
  let announced = false;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      fs.writeFileSync(path.join(lock, 'pid'), String(process.pid));
      break;
    } catch {
      const owner = Number(
        fs.readFileSync(path.join(lock, 'pid'), {
          encoding: 'utf8',
          flag: 'a+',
        }) || 0,
      );
      if (owner && !pidAlive(owner)) {
        fs.rmSync(lock, { recursive: true, force: true });
        continue;
      }
      if (!announced) {
        log(`waiting for another build (pid ${owner}) holding ${lock}`);
        announced = true;
      }
      await new Promise(r => setTimeout(r, 2000));
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

async function build(spec: BuildSpec, log: Logger): Promise<void> {
  const outDir = componentDir(spec.component, spec.version);
  await withLock(outDir, log, async () => {
    if (isBuilt(spec)) return;
    const workDir = path.join(
      cacheRoot(),
      '.work',
      `${spec.component}-${spec.version}`,
    );
    fs.mkdirSync(workDir, { recursive: true });
    fs.mkdirSync(outDir, { recursive: true });
    const logFile = path.join(outDir, 'build.log');
    const started = Date.now();
    log(
      `building ${spec.component} ${spec.version} (${spec.binaries.join(
        ', ',
      )}); log: ${logFile}`,
    );
    let cmd: { cwd: string; args: string[] };
    try {
      cmd = await spec.prepare(workDir, outDir);
    } catch (e: any) {
      fs.writeFileSync(logFile, String(e.message));
      throw new Error(
        `build of ${spec.component} ${spec.version} failed while preparing: ${e.message} (log: ${logFile})`,
      );
    }
    const out = fs.openSync(logFile, 'w');
    fs.writeSync(
      out,
      `$ (cd ${cmd.cwd} && go ${cmd.args
        .map(a => (a.includes(' ') ? `'${a}'` : a))
        .join(' ')})\n`,
    );
    let packages = 0;
    let downloads = 0;
    const code = await new Promise<number>((resolve, reject) => {
      const child = spawn('go', cmd.args, {
        cwd: cmd.cwd,
        env: {
          ...process.env,
          CGO_ENABLED: '0',
          GOFLAGS: [process.env.GOFLAGS, '-buildvcs=false']
            .filter(Boolean)
            .join(' '),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const onData = (buf: Buffer) => {
        fs.writeSync(out, buf);
        for (const line of buf.toString().split('\n')) {
          if (line.startsWith('go: downloading')) downloads++;
          else if (line && !line.startsWith('#') && !line.includes(' '))
            packages++;
        }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      const timer = setInterval(() => {
        const secs = Math.round((Date.now() - started) / 1000);
        log(
          `  ${spec.component}: ${secs}s, ${downloads} modules downloaded, ${packages} packages compiled`,
        );
      }, 30000);
      child.on('error', err => {
        clearInterval(timer);
        reject(err);
      });
      child.on('close', c => {
        clearInterval(timer);
        resolve(c ?? 1);
      });
    });
    fs.closeSync(out);
    const seconds = Math.round((Date.now() - started) / 100) / 10;
    if (
      code !== 0 ||
      !spec.binaries.every(b => fs.existsSync(path.join(outDir, b)))
    ) {
      const tail = fs
        .readFileSync(logFile, 'utf8')
        .trim()
        .split('\n')
        .slice(-15)
        .join('\n');
      throw new Error(
        `build of ${spec.component} ${spec.version} failed after ${seconds}s (exit ${code}); log: ${logFile}\n${tail}`,
      );
    }
    fs.writeFileSync(
      path.join(outDir, BUILD_INFO),
      JSON.stringify(
        {
          component: spec.component,
          version: spec.version,
          go: goVersion(),
          seconds,
          builtAt: new Date().toISOString(),
        },
        null,
        2,
      ),
    );
    log(`built ${spec.component} ${spec.version} in ${seconds}s`);
  });
}

/**
 * Returns the binaries for the pinned versions, building the missing ones into
 * the cache first. A warm call only checks files, so it takes milliseconds.
 */
export async function ensureBinaries(
  v: ComponentVersions,
  log: Logger = line => process.stderr.write(`${line}\n`),
): Promise<Binaries> {
  const specs = [kubernetesSpec(v), etcdSpec(v), kwokSpec(v)];
  const missing = specs.filter(s => !isBuilt(s));
  if (missing.length) {
    if (!goVersion()) {
      throw new Error(
        'Go is not on PATH: it is needed to build the local control plane (see packages/local-cluster/README.md)',
      );
    }
    const started = Date.now();
    // sequential: each build already uses both cores
    for (const spec of missing) await build(spec, log);
    log(`cold build finished in ${Math.round((Date.now() - started) / 1000)}s`);
  }
  const k = componentDir('kubernetes', v.kubernetes);
  return {
    etcd: path.join(componentDir('etcd', v.etcd), 'etcd'),
    kubeApiserver: path.join(k, 'kube-apiserver'),
    kubeControllerManager: path.join(k, 'kube-controller-manager'),
    kubeScheduler: path.join(k, 'kube-scheduler'),
    kwok: path.join(componentDir('kwok', v.kwok), 'kwok'),
  };
}

/** Build durations recorded in the cache, for reporting. */
export function buildInfo(v: ComponentVersions): Record<string, unknown>[] {
  return [
    componentDir('kubernetes', v.kubernetes),
    componentDir('etcd', v.etcd),
    componentDir('kwok', v.kwok),
  ]
    .map(d => path.join(d, BUILD_INFO))
    .filter(f => fs.existsSync(f))
    .map(f => JSON.parse(fs.readFileSync(f, 'utf8')));
}

/** Returns the path of kubectl at the pinned Kubernetes version, building it into the cache first. */
export async function ensureKubectl(
  v: ComponentVersions,
  log: Logger = line => process.stderr.write(`${line}\n`),
): Promise<string> {
  const spec = kubectlSpec(v);
  if (!isBuilt(spec)) {
    if (!goVersion()) {
      throw new Error(
        'Go is not on PATH: it is needed to build kubectl (see packages/local-cluster/README.md)',
      );
    }
    await build(spec, log);
  }
  return path.join(componentDir(spec.component, spec.version), 'kubectl');
}
