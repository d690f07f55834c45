import { randomBytes, webcrypto } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

const EC_ALG = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };

/** The identities every control plane has, with the user names RBAC binds to. */
export const IDENTITIES = {
  admin: { user: 'local-admin', groups: ['system:masters'] },
  reader: { user: 'ai-conformance-reader', groups: [] as string[] },
  norights: { user: 'ai-conformance-norights', groups: [] as string[] },
  /** May read discovery and /version (an explicit ClusterRole), nothing else. */
  discovery: { user: 'ai-conformance-discovery', groups: [] as string[] },
  // control plane components authenticate with tokens too
  controllerManager: {
    user: 'system:kube-controller-manager',
    groups: [] as string[],
  },
  scheduler: { user: 'system:kube-scheduler', groups: [] as string[] },
  kwok: { user: 'kwok-controller', groups: ['system:masters'] },
} as const;

export type Identity = keyof typeof IDENTITIES;

export interface Pki {
  dir: string;
  caCert: string;
  caCertPem: string;
  serverCert: string;
  serverKey: string;
  saKey: string;
  saPub: string;
  tokenFile: string;
  tokens: Record<Identity, string>;
}

function pem(label: string, der: ArrayBuffer): string {
  const b64 = Buffer.from(der)
    .toString('base64')
    .replace(/(.{64})/g, '$1\n');
  return `-----BEGIN ${label}-----\n${b64.replace(
    /\n$/,
    '',
  )}\n-----END ${label}-----\n`;
}

async function newKeys(): Promise<CryptoKeyPair> {
  return (await webcrypto.subtle.generateKey(EC_ALG, true, [
    'sign',
    'verify',
  ])) as CryptoKeyPair;
}

async function privatePem(key: CryptoKey) {
  return pem('PRIVATE KEY', await webcrypto.subtle.exportKey('pkcs8', key));
}

function paths(dir: string) {
  return {
    caCert: path.join(dir, 'ca.crt'),
    caKey: path.join(dir, 'ca.key'),
    serverCert: path.join(dir, 'apiserver.crt'),
    serverKey: path.join(dir, 'apiserver.key'),
    saKey: path.join(dir, 'sa.key'),
    saPub: path.join(dir, 'sa.pub'),
    tokenFile: path.join(dir, 'tokens.csv'),
    tokensJson: path.join(dir, 'tokens.json'),
  };
}

/**
 * Creates (or reuses, when already present) the CA, the API server's serving
 * certificate for loopback, the service-account signing key pair and one
 * static bearer token per identity.
 */
export async function ensurePki(dir: string): Promise<Pki> {
  const p = paths(dir);
  if (!fs.existsSync(p.tokensJson)) {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const notBefore = new Date(Date.now() - 60 * 60 * 1000);
    const notAfter = new Date(Date.now() + 10 * 365 * 24 * 60 * 60 * 1000);

    const caKeys = await newKeys();
    const ca = await x509.X509CertificateGenerator.createSelfSigned({
      serialNumber: randomBytes(8).toString('hex'),
      name: 'CN=ai-conformance-local-cluster-ca',
      notBefore,
      notAfter,
      signingAlgorithm: EC_ALG,
      keys: caKeys,
      extensions: [
        new x509.BasicConstraintsExtension(true, undefined, true),
        new x509.KeyUsagesExtension(
          x509.KeyUsageFlags.keyCertSign |
            x509.KeyUsageFlags.cRLSign |
            x509.KeyUsageFlags.digitalSignature,
          true,
        ),
        await x509.SubjectKeyIdentifierExtension.create(caKeys.publicKey),
      ],
    });

    const serverKeys = await newKeys();
    const server = await x509.X509CertificateGenerator.create({
      serialNumber: randomBytes(8).toString('hex'),
      subject: 'CN=kube-apiserver',
      issuer: ca.subject,
      notBefore,
      notAfter,
      signingAlgorithm: EC_ALG,
      publicKey: serverKeys.publicKey,
      signingKey: caKeys.privateKey,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(
          x509.KeyUsageFlags.digitalSignature |
            x509.KeyUsageFlags.keyEncipherment,
          true,
        ),
        new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
        new x509.SubjectAlternativeNameExtension([
          { type: 'ip', value: '127.0.0.1' },
          { type: 'dns', value: 'localhost' },
          { type: 'dns', value: 'kubernetes' },
          { type: 'dns', value: 'kubernetes.default.svc' },
          { type: 'ip', value: '10.96.0.1' },
        ]),
        await x509.AuthorityKeyIdentifierExtension.create(ca),
      ],
    });

    const saKeys = await newKeys();

    fs.writeFileSync(p.caCert, ca.toString('pem'));
    fs.writeFileSync(p.caKey, await privatePem(caKeys.privateKey), {
      mode: 0o600,
    });
    fs.writeFileSync(p.serverCert, server.toString('pem'));
    fs.writeFileSync(p.serverKey, await privatePem(serverKeys.privateKey), {
      mode: 0o600,
    });
    fs.writeFileSync(p.saKey, await privatePem(saKeys.privateKey), {
      mode: 0o600,
    });
    fs.writeFileSync(
      p.saPub,
      pem(
        'PUBLIC KEY',
        await webcrypto.subtle.exportKey('spki', saKeys.publicKey),
      ),
    );

    const tokens = Object.fromEntries(
      Object.keys(IDENTITIES).map(id => [id, randomBytes(24).toString('hex')]),
    ) as Record<Identity, string>;
    // token,user,uid,"group1,group2" (the --token-auth-file format)
    const csv = (Object.keys(IDENTITIES) as Identity[])
      .map(id => {
        const { user, groups } = IDENTITIES[id];
        return `${tokens[id]},${user},${user}${
          groups.length ? `,"${groups.join(',')}"` : ''
        }`;
      })
      .join('\n');
    fs.writeFileSync(p.tokenFile, `${csv}\n`, { mode: 0o600 });
    fs.writeFileSync(p.tokensJson, JSON.stringify(tokens, null, 2), {
      mode: 0o600,
    });
  }
  const tokens = JSON.parse(fs.readFileSync(p.tokensJson, 'utf8'));
  return {
    dir,
    caCert: p.caCert,
    caCertPem: fs.readFileSync(p.caCert, 'utf8'),
    serverCert: p.serverCert,
    serverKey: p.serverKey,
    saKey: p.saKey,
    saPub: p.saPub,
    tokenFile: p.tokenFile,
    tokens,
  };
}
