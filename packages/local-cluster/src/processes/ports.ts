import net from 'node:net';

export const LOOPBACK = '127.0.0.1';

/** True when nothing listens on 127.0.0.1:port (we could bind it). */
export function portFree(port: number): Promise<boolean> {
  return new Promise(resolve => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen({ host: LOOPBACK, port, exclusive: true }, () => {
      srv.close(() => resolve(true));
    });
  });
}

async function ephemeralPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen({ host: LOOPBACK, port: 0, exclusive: true }, () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

export type PortName =
  | 'apiserver'
  | 'etcdClient'
  | 'etcdPeer'
  | 'controllerManager'
  | 'scheduler'
  | 'kwok';
export const PORT_NAMES: PortName[] = [
  'apiserver',
  'etcdClient',
  'etcdPeer',
  'controllerManager',
  'scheduler',
  'kwok',
];

export class PortInUseError extends Error {
  constructor(readonly inUse: { name: string; port: number }[]) {
    super(
      `port(s) already in use on ${LOOPBACK}: ${inUse
        .map(p => `${p.name}=${p.port}`)
        .join(
          ', ',
        )}; stop whatever listens there (ss -ltnp) or choose other ports`,
    );
  }
}

/**
 * Allocates loopback ports. Requested ports are checked and reported when in use
 * (never silently replaced); the rest are fresh ephemeral ports.
 */
export async function allocatePorts(
  requested: Partial<Record<PortName, number>> = {},
): Promise<Record<PortName, number>> {
  const inUse: { name: string; port: number }[] = [];
  const result: Partial<Record<PortName, number>> = {};
  for (const name of PORT_NAMES) {
    const want = requested[name];
    if (want) {
      if (!(await portFree(want))) inUse.push({ name, port: want });
      result[name] = want;
    }
  }
  if (inUse.length) throw new PortInUseError(inUse);
  const taken = new Set(Object.values(result));
  for (const name of PORT_NAMES) {
    if (result[name]) continue;
    let port = await ephemeralPort();
    while (taken.has(port)) port = await ephemeralPort();
    taken.add(port);
    result[name] = port;
  }
  return result as Record<PortName, number>;
}

/** Ports from LOCAL_CLUSTER_<NAME>_PORT variables, e.g. LOCAL_CLUSTER_APISERVER_PORT=6443. */
export function portsFromEnv(
  env = process.env,
): Partial<Record<PortName, number>> {
  const out: Partial<Record<PortName, number>> = {};
  for (const name of PORT_NAMES) {
    const key = `LOCAL_CLUSTER_${name
      .replace(/[A-Z]/g, c => `_${c}`)
      .toUpperCase()}_PORT`;
    if (env[key]) out[name] = Number(env[key]);
  }
  return out;
}
