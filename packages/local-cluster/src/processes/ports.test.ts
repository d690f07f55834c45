import net from 'node:net';
import { allocatePorts, PortInUseError, portsFromEnv } from './ports';

describe('allocatePorts', () => {
  it('gives distinct free loopback ports', async () => {
    const ports = await allocatePorts();
    expect(new Set(Object.values(ports)).size).toBe(6);
  });

  it('reports requested ports that are in use instead of reusing them', async () => {
    const srv = net.createServer();
    await new Promise<void>(r => srv.listen(0, '127.0.0.1', () => r()));
    const port = (srv.address() as net.AddressInfo).port;
    try {
      await expect(allocatePorts({ apiserver: port })).rejects.toThrow(
        PortInUseError,
      );
      await expect(allocatePorts({ apiserver: port })).rejects.toThrow(
        `apiserver=${port}`,
      );
    } finally {
      srv.close();
    }
  });

  it('reads ports from the environment', () => {
    expect(
      portsFromEnv({
        LOCAL_CLUSTER_APISERVER_PORT: '6443',
        LOCAL_CLUSTER_ETCD_CLIENT_PORT: '2379',
      }),
    ).toEqual({ apiserver: 6443, etcdClient: 2379 });
  });
});
