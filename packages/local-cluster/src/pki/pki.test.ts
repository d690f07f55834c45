import { X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensurePki } from './pki';

describe('ensurePki', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pki-test-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('issues a loopback serving certificate signed by its CA, and one token per identity', async () => {
    const pki = await ensurePki(dir);
    const ca = new X509Certificate(pki.caCertPem);
    const server = new X509Certificate(fs.readFileSync(pki.serverCert));
    expect(server.verify(ca.publicKey)).toBe(true);
    expect(server.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(ca.ca).toBe(true);
    const csv = fs.readFileSync(pki.tokenFile, 'utf8');
    expect(csv).toContain(
      `${pki.tokens.admin},local-admin,local-admin,"system:masters"`,
    );
    expect(csv).toMatch(
      new RegExp(
        `^${pki.tokens.norights},ai-conformance-norights,ai-conformance-norights$`,
        'm',
      ),
    );
    expect(new Set(Object.values(pki.tokens)).size).toBe(7);
  });

  it('reuses existing material', async () => {
    const a = await ensurePki(dir);
    const b = await ensurePki(dir);
    expect(b.tokens).toEqual(a.tokens);
    expect(b.caCertPem).toBe(a.caCertPem);
  });
});
