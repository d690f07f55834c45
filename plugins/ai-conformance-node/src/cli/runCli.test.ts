import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CLI_EXIT, runCli } from './runCli';

async function cli(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: t => {
      stdout += t;
    },
    stderr: t => {
      stderr += t;
    },
  });
  return { code, stdout, stderr };
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-conformance-cli-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function kubeconfig(server: string): string {
  const file = path.join(dir, `kc-${Math.random().toString(16).slice(2)}.yaml`);
  fs.writeFileSync(
    file,
    [
      'apiVersion: v1',
      'kind: Config',
      `clusters: [{name: c, cluster: {server: "${server}"}}]`,
      'users: [{name: u, user: {token: very-secret-token}}]',
      'contexts: [{name: ctx, context: {cluster: c, user: u}}]',
      'current-context: ctx',
      '',
    ].join('\n'),
  );
  return file;
}

describe('ai-conformance CLI', () => {
  it('prints the generated reader RBAC bound to a ServiceAccount or a user', async () => {
    const sa = await cli(['rbac', '--service-account', 'ops/checker']);
    expect(sa.code).toBe(0);
    expect(sa.stdout).toContain('kind: ClusterRole');
    expect(sa.stdout).toContain('namespace: ops');
    expect(sa.stdout).toContain('- cluster.x-k8s.io');
    const user = await cli(['rbac', '--user', 'alice']);
    expect(user.stdout).toContain('name: alice');
    expect((await cli(['rbac', '--service-account', 'no-slash'])).code).toBe(
      CLI_EXIT.usageOrConnection,
    );
  });

  it('exits 2 with one line on stderr for a missing kubeconfig', async () => {
    const r = await cli([
      'evaluate',
      '--kubeconfig',
      path.join(dir, 'nope.yaml'),
    ]);
    expect(r.code).toBe(CLI_EXIT.usageOrConnection);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('does not exist');
  });

  it('exits 2 for an unknown context, listing the available ones', async () => {
    const r = await cli([
      'evaluate',
      '--kubeconfig',
      kubeconfig('https://127.0.0.1:9'),
      '--context',
      'other',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('available: ctx');
  });

  it('exits 2 for product-yaml without a template and for an unknown output format', async () => {
    const file = kubeconfig('https://127.0.0.1:9');
    expect(
      (
        await cli([
          'evaluate',
          '--kubeconfig',
          file,
          '--output',
          'product-yaml',
        ])
      ).stderr,
    ).toContain('--template');
    const bad = await cli([
      'evaluate',
      '--kubeconfig',
      file,
      '--output',
      'xml',
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(
      'Allowed choices are table, json, junit, product-yaml',
    );
  });

  it('exits 2 with a connection message (and no token, no stack) when the API server is unreachable', async () => {
    const r = await cli([
      'evaluate',
      '--kubeconfig',
      kubeconfig('https://127.0.0.1:9'),
      '--request-timeout',
      '2000',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^error: Cluster ctx could not be evaluated: Could not reach https:\/\/127\.0\.0\.1:9/,
    );
    expect(r.stderr).not.toContain('very-secret-token');
    expect(r.stderr).not.toContain('    at ');
  });

  it('exits 2 for an unknown checklist version', async () => {
    const r = await cli([
      'evaluate',
      '--kubeconfig',
      kubeconfig('https://127.0.0.1:9'),
      '--checklist',
      '9.9',
      '--request-timeout',
      '500',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'error: unknown checklist version "9.9"; known versions: 1.33, 1.34, 1.35, 1.36, 1.37\n',
    );
  });
});
