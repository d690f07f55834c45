import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/** The `go version` line, or undefined when Go is not on PATH. */
export function goVersion(): string | undefined {
  try {
    const res = spawnSync('go', ['version'], { encoding: 'utf8' });
    if (res.status !== 0) return undefined;
    return res.stdout.trim();
  } catch {
    return undefined;
  }
}

export interface GoModule {
  Path: string;
  Version: string;
  Dir: string;
  GoMod: string;
}

const moduleCache = new Map<string, GoModule>();

/**
 * Downloads a module into the Go module cache (a no-op when present) and returns
 * where it lives. Used for building components and for reading upstream CRDs,
 * which are never committed to this repository.
 */
export async function goModDownload(
  mod: string,
  version: string,
): Promise<GoModule> {
  const key = `${mod}@${version}`;
  const cached = moduleCache.get(key);
  if (cached) return cached;
  let stdout: string;
  try {
    ({ stdout } = await execFileAsync('go', ['mod', 'download', '-json', key], {
      maxBuffer: 16 * 1024 * 1024,
      // outside any module, so the go command does not try to edit a go.mod
      cwd: '/',
    }));
  } catch (e: any) {
    throw new Error(
      `go mod download ${key} failed: ${e.stdout || ''}${
        e.stderr || e.message
      }`,
    );
  }
  const info = JSON.parse(stdout);
  if (info.Error) throw new Error(`go mod download ${key}: ${info.Error}`);
  moduleCache.set(key, info);
  return info;
}
