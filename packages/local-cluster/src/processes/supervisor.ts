import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export interface ProcessRecord {
  component: string;
  pid: number;
  binary: string;
  logFile: string;
}

/**
 * Starts a component detached (own process group, output to its log file), so
 * the control plane outlives the `cluster:up` command that started it.
 */
export function startProcess(
  component: string,
  binary: string,
  args: string[],
  logDir: string,
  opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): ProcessRecord {
  fs.mkdirSync(logDir, { recursive: true });
  const logFile = path.join(logDir, `${component}.log`);
  const fd = fs.openSync(logFile, 'a');
  fs.writeSync(
    fd,
    `\n# ${new Date().toISOString()} ${binary} ${args.join(' ')}\n`,
  );
  const child = spawn(binary, args, {
    cwd: opts.cwd,
    env: opts.env ?? process.env,
    detached: true,
    stdio: ['ignore', fd, fd],
  });
  fs.closeSync(fd);
  if (!child.pid)
    throw new Error(
      `could not start ${component} (${binary}); log: ${logFile}`,
    );
  child.unref();
  return { component, pid: child.pid, binary, logFile };
}

/** True when pid is alive and still runs our binary (guards against pid reuse). */
export function isRunning(rec: ProcessRecord): boolean {
  try {
    process.kill(rec.pid, 0);
  } catch {
    return false;
  }
  try {
    const exe = fs.readlinkSync(`/proc/${rec.pid}/exe`);
    return exe.replace(/ \(deleted\)$/, '') === rec.binary;
  } catch {
    // a zombie has no exe link; without /proc (not Linux) trust the pid
    return !fs.existsSync('/proc/self/exe');
  }
}

function signal(rec: ProcessRecord, sig: NodeJS.Signals) {
  try {
    // negative pid: the whole process group the component leads
    process.kill(-rec.pid, sig);
  } catch {
    try {
      process.kill(rec.pid, sig);
    } catch {
      /* already gone */
    }
  }
}

/**
 * Stops processes one by one in reverse start order (KWOK and the controllers
 * first, etcd last: an API server whose etcd vanished under it hangs in
 * shutdown), each with SIGTERM, then SIGKILL after a grace period.
 */
export async function stopProcesses(
  records: ProcessRecord[],
  graceMs = 10000,
): Promise<void> {
  for (const rec of [...records].reverse()) {
    if (!isRunning(rec)) continue;
    signal(rec, 'SIGTERM');
    const deadline = Date.now() + graceMs;
    while (isRunning(rec) && Date.now() < deadline) {
      await new Promise(r => setTimeout(r, 50));
    }
    if (isRunning(rec)) signal(rec, 'SIGKILL');
    while (isRunning(rec)) await new Promise(r => setTimeout(r, 50));
  }
}

export function tailLog(logFile: string, lines = 20): string {
  try {
    return fs
      .readFileSync(logFile, 'utf8')
      .trimEnd()
      .split('\n')
      .slice(-lines)
      .join('\n');
  } catch {
    return '(no log)';
  }
}

/**
 * Starts a small watchdog that stops the given processes (by their process
 * groups) once `ownerPid` is gone, e.g. when a test runner is killed before
 * its afterAll hook runs, and then removes `removeDir`. Returns its pid so a
 * clean stop can end it too.
 */
export function startReaper(
  ownerPid: number,
  records: ProcessRecord[],
  removeDir?: string,
): number | undefined {
  const groups = records.map(r => `-${r.pid}`).join(' ');
  const cleanup = removeDir ? `; rm -rf "$1"` : '';
  const script = `while kill -0 ${ownerPid} 2>/dev/null; do sleep 2; done; kill -TERM ${groups} 2>/dev/null; sleep 10; kill -KILL ${groups} 2>/dev/null${cleanup}`;
  const child = spawn('sh', ['-c', script, 'reaper', removeDir ?? ''], {
    detached: true,
    stdio: 'ignore',
  });
  child.unref();
  return child.pid;
}
