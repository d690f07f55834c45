import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const PASSWORD = 'ai-conformance-faults';

function bindir(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!fs.existsSync(root)) return undefined;
  const majors = fs
    .readdirSync(root)
    .filter(v => fs.existsSync(path.join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(a) - Number(b));
  return majors.length
    ? path.join(root, majors[majors.length - 1], 'bin')
    : undefined;
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise(resolve => server.close(resolve));
  return port;
}

/**
 * A throwaway PostgreSQL server of the suite's own (initdb in a temporary directory, loopback
 * only, a free port), so that the suite can stop and start it mid-run without disturbing the
 * server the unit tests use. Needs Debian's postgresql package (scripts/lib/postgres.sh installs
 * it for the test run).
 */
export class PostgresServer {
  private constructor(
    private readonly bin: string,
    private readonly dataDir: string,
    readonly port: number,
  ) {}

  static unavailable(): string | undefined {
    return bindir()
      ? undefined
      : 'PostgreSQL server binaries are not installed under /usr/lib/postgresql';
  }

  static async create(): Promise<PostgresServer> {
    const bin = bindir();
    if (!bin) throw new Error(PostgresServer.unavailable());
    const dataDir = fs.mkdtempSync(
      path.join(os.tmpdir(), 'ai-conformance-faults-pg-'),
    );
    const asRoot = process.getuid?.() === 0;
    if (asRoot) execFileSync('chown', ['postgres', dataDir]);
    const pwfile = `${dataDir}.pw`;
    fs.writeFileSync(pwfile, `${PASSWORD}\n`, { mode: 0o644 });
    try {
      runAsOwner(path.join(bin, 'initdb'), [
        '-D',
        dataDir,
        '-U',
        'postgres',
        '--auth=scram-sha-256',
        `--pwfile=${pwfile}`,
      ]);
    } finally {
      fs.rmSync(pwfile, { force: true });
    }
    const server = new PostgresServer(bin, dataDir, await freePort());
    server.start();
    return server;
  }

  get connection() {
    return {
      host: '127.0.0.1',
      port: this.port,
      user: 'postgres',
      password: PASSWORD,
      database: 'postgres',
    };
  }

  start() {
    runAsOwner(path.join(this.bin, 'pg_ctl'), [
      '-D',
      this.dataDir,
      '-l',
      path.join(this.dataDir, 'server.log'),
      '-w',
      '-t',
      '60',
      '-o',
      `-c listen_addresses=127.0.0.1 -p ${this.port} -k ${this.dataDir} -c fsync=off -c max_connections=100`,
      'start',
    ]);
  }

  /** Stops the server at once (`immediate`: connections are cut, as in a crash). */
  stop() {
    runAsOwner(path.join(this.bin, 'pg_ctl'), [
      '-D',
      this.dataDir,
      '-m',
      'immediate',
      '-w',
      'stop',
    ]);
  }

  destroy() {
    try {
      this.stop();
    } catch {
      /* already stopped */
    }
    fs.rmSync(this.dataDir, { recursive: true, force: true });
  }
}

function runAsOwner(command: string, args: string[]) {
  if (process.getuid?.() === 0) {
    execFileSync('runuser', ['-u', 'postgres', '--', command, ...args], {
      stdio: 'pipe',
    });
  } else {
    execFileSync(command, args, { stdio: 'pipe' });
  }
}
