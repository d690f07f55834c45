/* The connection pool of a KubeClusterReader: the kubeconfig's TLS settings, as
   @kubernetes/client-node builds them for its own requests, but over HTTP/1.1. undici's HTTP/2
   moves a large list body more slowly than HTTP/1.1: at 50,000 pods, 25 protobuf pages of 2,000
   fetched one after another with no decoding in between took 11.0–12.6 s over HTTP/2 against
   5.9–9.0 s over HTTP/1.1 on the same loaded machine. Whole snapshots (`yarn bench:capacity`'s
   child process), alternating under the same load: HTTP/2 17.2 and 19.1 s (15.1 and 15.3 s with
   16 MiB flow-control windows), HTTP/1.1 8.4 and 13.2 s. A proxy or SOCKS setup keeps the
   kubeconfig's own dispatcher. */
import type { RequestOptions } from 'node:https';
import { KubeConfig, RequestContext } from '@kubernetes/client-node';
import { Agent, Dispatcher } from 'undici';

/** The dispatcher for the reader's requests; `context` has had the kubeconfig applied. */
export async function createReaderDispatcher(
  kubeConfig: KubeConfig,
  context: RequestContext,
): Promise<Dispatcher | undefined> {
  const tls: RequestOptions = {};
  await kubeConfig.applyToHTTPSOptions(tls);
  const options = kubeConfig.createDispatcherOptions(
    kubeConfig.getCurrentCluster(),
    {
      ca: tls.ca,
      cert: tls.cert,
      key: tls.key,
      pfx: tls.pfx,
      passphrase: tls.passphrase,
      ...(tls.rejectUnauthorized !== undefined
        ? { rejectUnauthorized: tls.rejectUnauthorized }
        : {}),
      ...(tls.servername !== undefined ? { servername: tls.servername } : {}),
    },
  );
  if (options.type === 'agent') {
    return new Agent({ connect: options.connect, allowH2: false });
  }
  return context.getDispatcher() as Dispatcher | undefined;
}
