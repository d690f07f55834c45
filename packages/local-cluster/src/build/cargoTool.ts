import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { cacheRoot } from '../paths';
import { Logger } from './binaries';

/**
 * Where `cargo install --root` puts a crate's binaries: beside the control-plane cache, outside
 * the repository (tools used only as independent references are never committed).
 */
export function cargoToolRoot(crate: string): string {
  return path.join(path.dirname(cacheRoot()), crate);
}

/**
 * Returns the path of a crates.io tool's binary, building it with `cargo install --locked` into
 * the cache when it is missing (one build at a time per crate; several minutes when cold).
 */
export async function ensureCargoTool(
  crate: string,
  binary: string = crate,
  log: Logger = line => process.stderr.write(`${line}\n`),
): Promise<string> {
  const root = cargoToolRoot(crate);
  const bin = path.join(root, 'bin', binary);
  if (fs.existsSync(bin)) return bin;
  fs.mkdirSync(root, { recursive: true });
  const logFile = path.join(root, 'build.log');
  log(`building ${crate} with cargo into ${root}; log: ${logFile}`);
  const out = fs.openSync(logFile, 'w');
  const code = await new Promise<number>((resolve, reject) => {
    const child = spawn(
      'cargo',
      ['install', crate, '--locked', '--root', root],
      { stdio: ['ignore', out, out] },
    );
    child.on('error', reject);
    child.on('close', c => resolve(c ?? 1));
  }).finally(() => fs.closeSync(out));
  if (code !== 0 || !fs.existsSync(bin)) {
    const tail = fs
      .readFileSync(logFile, 'utf8')
      .trim()
      .split('\n')
      .slice(-10)
      .join('\n');
    throw new Error(
      `cargo install ${crate} failed (exit ${code}); log: ${logFile}\n${tail}`,
    );
  }
  return bin;
}
