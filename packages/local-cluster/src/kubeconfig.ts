import fs from 'node:fs';
import YAML from 'yaml';
import { Credentials } from './client/rest';

/** Contexts in every kubeconfig this package writes, one per identity. */
export const CONTEXTS = ['admin', 'reader', 'norights', 'discovery'] as const;
export type ContextName = (typeof CONTEXTS)[number];

export function kubeconfigYaml(opts: {
  clusterName: string;
  server: string;
  caPem: string;
  users: Record<string, string>;
  currentContext?: string;
}): string {
  const caData = Buffer.from(opts.caPem).toString('base64');
  const names = Object.keys(opts.users);
  return YAML.stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      {
        name: opts.clusterName,
        cluster: { server: opts.server, 'certificate-authority-data': caData },
      },
    ],
    users: names.map(n => ({ name: n, user: { token: opts.users[n] } })),
    contexts: names.map(n => ({
      name: n,
      context: { cluster: opts.clusterName, user: n },
    })),
    'current-context': opts.currentContext ?? names[0],
  });
}

/** Reads server, CA and token of one context from a kubeconfig (ours, or any token-based one). */
export function credentialsFromKubeconfig(
  file: string,
  context: string,
): Credentials {
  const cfg = YAML.parse(fs.readFileSync(file, 'utf8'));
  const ctx = cfg.contexts?.find((c: any) => c.name === context)?.context;
  if (!ctx) throw new Error(`kubeconfig ${file} has no context '${context}'`);
  const cluster = cfg.clusters.find(
    (c: any) => c.name === ctx.cluster,
  )?.cluster;
  const user = cfg.users.find((u: any) => u.name === ctx.user)?.user;
  if (!cluster || !user?.token)
    throw new Error(
      `context '${context}' in ${file} needs a cluster and a token user`,
    );
  const caPem = cluster['certificate-authority-data']
    ? Buffer.from(cluster['certificate-authority-data'], 'base64').toString(
        'utf8',
      )
    : fs.readFileSync(cluster['certificate-authority'], 'utf8');
  return { server: cluster.server, caPem, token: user.token };
}
