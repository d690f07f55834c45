import { configClusterId } from '@internal/plugin-ai-conformance-common';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import {
  canary,
  credentialCanaryClusters,
  refusalCanaryClusters,
} from '../lib/canaryClusters';
import { collectOutputs } from '../lib/collectOutputs';
import { expectThat } from '../lib/FaultReport';
import { hostile, startHostileServer } from '../lib/hostileServer';
import {
  canaryHits,
  DatabaseKind,
  servingCertificate,
  SuiteContext,
} from '../lib/SuiteContext';
import { faultConfig, startFaultBackend } from '../lib/testBackend';

/**
 * Canary secrets: credentials of every kind (a password inside the URL, an exec plugin, a token
 * file, a static token) behind an echoing proxy that quotes the Authorization header back, and
 * servers that redirect to another host and to plain http (with a canary in the Location);
 * kubeconfig users with a failing exec plugin that prints its arguments and environment, OIDC
 * tokens, a token file and an auth provider's token file. No such canary may appear in any API
 * response, export, MCP result, audit event or log line, and no redirect may be followed.
 * Refused clusters (two entities claiming one configured cluster, a kubeconfig without the
 * context, a kubeconfig pointing elsewhere, a missing token file) must not disclose paths,
 * context names or servers to users (API, exports, MCP, audit), while the log keeps them.
 */
export async function canarySecrets(ctx: SuiteContext, kind: DatabaseKind) {
  const { report, cluster } = ctx;
  const C = {
    url: canary('url-password'),
    urlToken: canary('url-token'),
    exec: canary('exec'),
    file: canary('token-file'),
    echo: canary('echo'),
    redirectHost: canary('redirect-host'),
    redirectHttp: canary('redirect-http'),
  };
  const sink = await startHostileServer({ behaviour: () => false });
  const upstream = {
    server: cluster.server,
    caPem: cluster.caPem,
    token: cluster.token('reader'),
  };
  const echo = await startHostileServer({
    behaviour: hostile.echo(),
    upstream,
  });
  const redirectHost = await startHostileServer({
    behaviour: hostile.redirect(
      `http://127.0.0.1:${sink.port}/version?stolen=${C.redirectHost}`,
    ),
  });
  const redirectHttp = await startHostileServer({
    behaviour: hostile.redirect(`http://127.0.0.1:${sink.port}/version`),
    tls: servingCertificate(cluster),
  });
  const dir = fs.mkdtempSync(path.join(ctx.tmpDir, 'canary-'));
  const tokenFile = path.join(dir, 'token');
  fs.writeFileSync(tokenFile, `${C.file}\n`);
  const execKubeconfig = path.join(dir, 'exec.kubeconfig');
  const credential = JSON.stringify({
    apiVersion: 'client.authentication.k8s.io/v1',
    kind: 'ExecCredential',
    status: { token: C.exec },
  });
  fs.writeFileSync(
    execKubeconfig,
    JSON.stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [
        {
          name: 'echo',
          cluster: { server: echo.url, 'insecure-skip-tls-verify': true },
        },
      ],
      users: [
        {
          name: 'exec',
          user: {
            exec: {
              apiVersion: 'client.authentication.k8s.io/v1',
              command: process.execPath,
              args: [
                '-e',
                `process.stdout.write(${JSON.stringify(credential)})`,
              ],
              interactiveMode: 'Never',
            },
          },
        },
      ],
      contexts: [{ name: 'echo', context: { cluster: 'echo', user: 'exec' } }],
      'current-context': 'echo',
    }),
  );
  const credentials = credentialCanaryClusters(dir, echo.url);
  const refusals = refusalCanaryClusters(dir, echo.url);
  const names = [
    ...credentials.clusters.map(c => c.name),
    ...refusals.clusters.map(c => c.name),
    'canary-url',
    'canary-exec',
    'canary-file',
    'canary-echo',
    'canary-302-host',
    'canary-302-http',
  ];
  const knex = await ctx.database(kind);
  const faults = names.map(n => report.fault(`${kind}: canary ${n}`));
  const backend = await startFaultBackend({
    knex,
    entities: refusals.entities,
    // The passive round runs at startup (the test scheduler), before the checks.
    config: faultConfig(
      [
        {
          name: 'canary-url',
          url: `http://fault:${C.url}@127.0.0.1:${echo.port}`,
          skipTLSVerify: true,
          serviceAccountToken: C.urlToken,
        },
        { name: 'canary-exec', kubeconfig: { path: execKubeconfig } },
        {
          name: 'canary-file',
          url: echo.url,
          skipTLSVerify: true,
          serviceAccountTokenFile: tokenFile,
        },
        {
          name: 'canary-echo',
          url: echo.url,
          skipTLSVerify: true,
          serviceAccountToken: C.echo,
        },
        {
          name: 'canary-302-host',
          url: redirectHost.url,
          skipTLSVerify: true,
          serviceAccountToken: C.redirectHost,
        },
        {
          name: 'canary-302-http',
          url: redirectHttp.url,
          caData: Buffer.from(cluster.caPem).toString('base64'),
          serviceAccountToken: C.redirectHttp,
        },
        ...credentials.clusters,
        ...refusals.clusters,
      ],
      {
        roundAtStartup: true,
        extra: {
          catalog: { enabled: true },
          clusterTimeout: { seconds: 60 },
          requestTimeout: { seconds: 5 },
          ...(ctx.templatesDir
            ? { export: { templatesDir: ctx.templatesDir } }
            : {}),
        },
      },
    ),
  });
  try {
    const fleet = await request(backend.server).get(
      '/api/ai-conformance/fleet',
    );
    const status = Object.fromEntries(
      (fleet.body.clusters ?? []).map((c: any) => [c.cluster, c.status]),
    );
    await report.check(
      `${kind}: every canary cluster was evaluated (no pending)`,
      () => {
        for (const n of names)
          expectThat(
            status[configClusterId(n)] &&
              status[configClusterId(n)] !== 'pending',
            `${n} is ${status[configClusterId(n)]}`,
          );
      },
    );
    await report.check(
      `${kind}: echoed credentials reach scorecards only redacted`,
      async () => {
        for (const n of ['canary-exec', 'canary-file', 'canary-echo']) {
          const res = await request(backend.server).get(
            `/api/ai-conformance/clusters/${configClusterId(n)}/scorecard`,
          );
          expectThat(
            res.status === 200,
            `${n} has no scorecard (${res.status}: ${res.text.slice(0, 200)})`,
          );
          expectThat(
            res.text.includes('[redacted]'),
            `${n}'s scorecard quotes no echoed (redacted) header`,
          );
        }
      },
    );
    const outputs = await collectOutputs(backend, [
      ...names.map(configClusterId),
      ...refusals.entityRefs,
    ]);
    const secrets = [
      ...Object.values(C),
      ...Object.values(credentials.secrets),
    ];
    const hits = [
      ...canaryHits(secrets, outputs),
      // Paths, contexts and servers are for the operator's log, not for users.
      ...canaryHits(
        Object.values(refusals.disclosures),
        outputs.filter(([where]) => !where.startsWith('log line')),
      ),
    ];
    report.canaryHits += hits.length;
    report.redirectsFollowed += sink.requests.length;
    await report.check(
      `${kind}: capacity snapshots of the echoed clusters are among the searched answers`,
      () => {
        const served = outputs.filter(([where]) =>
          /^GET \/clusters\/[^ ]+\/capacity \(200\)/.test(where),
        );
        expectThat(served.length > 0, 'no capacity snapshot was served');
      },
    );
    await report.check(
      `${kind}: refused clusters are refused or failed with a message saying what to fix, details in the log`,
      async () => {
        for (const n of refusals.clusters
          .map(c => c.name)
          .filter(c => c.startsWith('refused-'))) {
          expectThat(
            ['refused', 'error'].includes(status[configClusterId(n)]),
            `${n} is ${status[configClusterId(n)]}`,
          );
        }
        for (const ref of refusals.entityRefs) {
          expectThat(status[ref] === 'refused', `${ref} is ${status[ref]}`);
        }
        const messages = JSON.stringify(fleet.body);
        for (const hint of [
          'the catalog cannot claim a configured cluster',
          'kubeconfig.context',
          'points at an API server other than the one announced',
          'cannot read the serviceAccountTokenFile',
        ]) {
          expectThat(messages.includes(hint), `no message says "${hint}"`);
        }
        const logs = backend.logs.join('\n');
        const { privateServer: _, ...logged } = refusals.disclosures;
        for (const detail of Object.values(logged)) {
          expectThat(logs.includes(detail), `the log lacks ${detail}`);
        }
      },
    );
    await report.check(
      `${kind}: no canary in ${outputs.length} responses, exports, MCP results, audit events and log lines`,
      () => {
        expectThat(
          hits.length === 0,
          `${hits.length} hit(s): ${hits.slice(0, 3).join('; ')}`,
        );
      },
    );
    await report.check(
      `${kind}: no redirect was followed (the other host got no request)`,
      () => {
        expectThat(
          sink.requests.length === 0,
          `${sink.requests.length} request(s) reached the redirect target`,
        );
        expectThat(
          redirectHost.requests.length > 0 && redirectHttp.requests.length > 0,
          'the redirecting servers were never asked',
        );
      },
    );
    if (hits.length === 0 && sink.requests.length === 0)
      faults.forEach(f => f.survived());
  } finally {
    await backend.stop();
    await knex.destroy();
    await Promise.all(
      [sink, echo, redirectHost, redirectHttp].map(s => s.close()),
    );
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
