/* The connection pool of a KubeClusterReader: the kubeconfig's TLS settings, as
   @kubernetes/client-node builds them for its own requests, but over HTTP/1.1. Over HTTP/2 a list
   page fetched ahead is held back by flow control whenever the client is busy decoding the page
   before it (the API server may send only a window's worth, then waits for the client's window
   updates); over HTTP/1.1 the server writes on into the socket while the client decodes. Measured
   with `yarn bench:capacity` at 5,000 nodes / 50,000 pods: HTTP/2 17–19 s, HTTP/1.1 7–13 s, under
   the same load. A proxy or SOCKS setup keeps the kubeconfig's own dispatcher. */
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
