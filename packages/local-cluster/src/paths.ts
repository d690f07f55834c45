import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Root of the build cache; outside the repository and keyed by component version. It lives in
 * the same place as the bootstrapped Node (`AI_CONFORMANCE_CACHE`, see scripts/lib/toolchain.sh).
 */
export function cacheRoot(): string {
  const suiteCache =
    process.env.AI_CONFORMANCE_CACHE ||
    path.join(
      process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'),
      'ai-conformance-suite',
    );
  return path.join(suiteCache, 'local-cluster');
}

/** The package directory (holds versions.json). */
export function packageDir(): string {
  // this package only ever runs from source (never bundled), so __dirname is src/
  // eslint-disable-next-line no-restricted-syntax
  return path.resolve(__dirname, '..');
}

/** The repository root: the nearest parent whose package.json declares workspaces. */
export function repoRoot(): string {
  let dir = packageDir();
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg)) {
      const json = JSON.parse(fs.readFileSync(pkg, 'utf8'));
      if (json.workspaces) return dir;
    }
    const parent = path.dirname(dir);
    if (parent === dir) return packageDir();
    dir = parent;
  }
}

/** Gitignored directory for generated state: data dirs, kubeconfigs, demo files. */
export function stateRoot(): string {
  return (
    process.env.LOCAL_CLUSTER_STATE_DIR ||
    path.join(repoRoot(), '.local-cluster')
  );
}

/** Data directory of a named cluster (pki, etcd data, logs, kubeconfig). */
export function clusterDir(name: string): string {
  return path.join(stateRoot(), 'clusters', name);
}
