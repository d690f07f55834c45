import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** A fresh, unguessable marker that must never appear where the scenario looks. */
export const canary = (what: string) =>
  `canary-${what}-${randomBytes(6).toString('hex')}`;

interface KubeconfigUser {
  name: string;
  user: object;
}

/** Writes a kubeconfig with one cluster (`server`) and one context per user. */
function writeKubeconfig(
  file: string,
  server: string,
  users: KubeconfigUser[],
  contextName: (user: string) => string = user => user,
) {
  fs.writeFileSync(
    file,
    JSON.stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [
        { name: 'c', cluster: { server, 'insecure-skip-tls-verify': true } },
      ],
      users,
      contexts: users.map(u => ({
        name: contextName(u.name),
        context: { cluster: 'c', user: u.name },
      })),
      'current-context': contextName(users[0].name),
    }),
  );
}

/** An unsigned JWT that does not expire for a day, with `marker` in its signature part. */
function jwt(marker: string): string {
  const part = (o: object) =>
    Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${part({ alg: 'none' })}.${part({
    exp: Math.floor(Date.now() / 1000) + 86_400,
  })}.${marker}`;
}

/**
 * Credentials the secret list must know (issue 9): the arguments and environment of an exec
 * plugin that fails and prints them, OIDC tokens and client secret, a kubeconfig user's token
 * file and an auth provider's token file. Each cluster talks to `echo` (which quotes requests
 * back). `secrets` must appear nowhere, logs included.
 */
export function credentialCanaryClusters(dir: string, echo: string) {
  const secrets = {
    execArg: canary('exec-arg'),
    execEnv: canary('exec-env'),
    oidcIdToken: canary('oidc-id-token'),
    oidcRefresh: canary('oidc-refresh-token'),
    oidcClientSecret: canary('oidc-client-secret'),
    tokenFile: canary('kubeconfig-token-file'),
    providerTokenFile: canary('auth-provider-token-file'),
  };
  const ownTokenFile = path.join(dir, 'own-token');
  const providerTokenFile = path.join(dir, 'provider-token');
  fs.writeFileSync(ownTokenFile, `${secrets.tokenFile}\n`);
  fs.writeFileSync(providerTokenFile, `${secrets.providerTokenFile}\n`);
  // A plugin that fails and quotes its arguments and environment on stderr, as some do.
  const failingPlugin = `process.stderr.write('get-token failed for ' + process.argv.slice(1).join(' ') + ' with ' + process.env.CANARY_SECRET); process.exit(1)`;
  const kubeconfig = path.join(dir, 'credentials.kubeconfig');
  writeKubeconfig(kubeconfig, echo, [
    {
      name: 'exec-fails',
      user: {
        exec: {
          apiVersion: 'client.authentication.k8s.io/v1',
          command: process.execPath,
          args: ['-e', failingPlugin, '--', `--token=${secrets.execArg}`],
          env: [{ name: 'CANARY_SECRET', value: secrets.execEnv }],
          interactiveMode: 'Never',
        },
      },
    },
    {
      name: 'oidc',
      user: {
        'auth-provider': {
          name: 'oidc',
          config: {
            'client-id': 'backstage',
            'client-secret': secrets.oidcClientSecret,
            'id-token': jwt(secrets.oidcIdToken),
            'refresh-token': secrets.oidcRefresh,
            'idp-issuer-url': 'https://127.0.0.1:9/',
          },
        },
      },
    },
    { name: 'token-file', user: { tokenFile: ownTokenFile } },
    {
      name: 'provider-token-file',
      user: {
        'auth-provider': {
          name: 'tokenFile',
          config: { tokenFile: providerTokenFile },
        },
      },
    },
  ]);
  const clusters = [
    'exec-fails',
    'oidc',
    'token-file',
    'provider-token-file',
  ].map(context => ({
    name: `canary-${context}`,
    kubeconfig: { path: kubeconfig, context },
  }));
  return { secrets, clusters };
}

/**
 * Refusals at planning and at credential time whose specifics (kubeconfig paths, context names,
 * kubeconfig servers, config URLs) users who may only read scorecards must not learn; the log
 * keeps them. `disclosures` must appear in no API response, export, MCP result or audit event.
 * Two catalog entities claim one configured cluster; a kubeconfig has no such context; a
 * kubeconfig's server is not the announced one; a token file is missing; a server that only a
 * kubeconfig names cannot be reached (the run's error names it).
 */
export function refusalCanaryClusters(dir: string, echo: string) {
  const disclosures = {
    claimedUrl: `https://${canary('claimed-url')}.invalid:6443`,
    kubeconfigPath: canary('kubeconfig-path'),
    context: canary('context'),
    kubeconfigServer: canary('kubeconfig-server'),
    tokenFilePath: canary('token-file-path'),
    privateServer: canary('private-server'),
  };
  const noContextDir = path.join(dir, disclosures.kubeconfigPath);
  fs.mkdirSync(noContextDir);
  const noContext = path.join(noContextDir, 'kubeconfig');
  writeKubeconfig(
    noContext,
    echo,
    [{ name: 'u', user: { token: 'unused-token' } }],
    () => disclosures.context,
  );
  const elsewhere = path.join(dir, 'elsewhere.kubeconfig');
  writeKubeconfig(
    elsewhere,
    `https://${disclosures.kubeconfigServer}.invalid:6443`,
    [{ name: 'u', user: { token: 'unused-token' } }],
  );
  // A server only a kubeconfig names, which cannot be resolved: the run fails quoting it.
  const privateServer = path.join(dir, 'private.kubeconfig');
  writeKubeconfig(
    privateServer,
    `https://${disclosures.privateServer}.invalid:6443`,
    [{ name: 'u', user: { token: 'unused-token' } }],
  );
  const clusters = [
    {
      name: 'refused-private-server',
      kubeconfig: { path: privateServer },
    },
    {
      name: 'canary-claimed',
      url: echo,
      allowedUrls: [disclosures.claimedUrl],
      skipTLSVerify: true,
      serviceAccountToken: 'unused-token',
    },
    {
      name: 'refused-no-context',
      kubeconfig: { path: noContext, context: 'missing' },
    },
    {
      name: 'refused-elsewhere',
      url: echo,
      kubeconfig: { path: elsewhere },
    },
    {
      name: 'refused-token-file',
      url: echo,
      skipTLSVerify: true,
      serviceAccountTokenFile: path.join(
        dir,
        disclosures.tokenFilePath,
        'token',
      ),
    },
  ];
  const claim = (namespace: string) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: 'claimer',
      namespace,
      annotations: { 'kubernetes.io/api-server': disclosures.claimedUrl },
    },
    spec: { type: 'kubernetes-cluster', owner: 'group:default/ml' },
  });
  return {
    disclosures,
    clusters,
    entities: [claim('a'), claim('b')],
    /** Identities whose outputs the scenario searches (besides the config ones). */
    entityRefs: ['resource:a/claimer', 'resource:b/claimer'],
  };
}
