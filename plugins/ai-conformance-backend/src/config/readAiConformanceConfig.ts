import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';

/**
 * How the backend authenticates to one cluster. Exactly one kind is set.
 *
 * @internal
 */
export type ClusterCredentials =
  | { type: 'serviceAccountToken'; token: string }
  | { type: 'serviceAccountTokenFile'; path: string }
  | {
      type: 'clientCertificate';
      certData?: string;
      keyData?: string;
      certFile?: string;
      keyFile?: string;
    }
  | { type: 'kubeconfig'; path: string; context?: string };

/**
 * One entry of `aiConformance.clusters`.
 *
 * @internal
 */
export interface ClusterSettings {
  name: string;
  url?: string;
  allowedUrls: string[];
  caData?: string;
  caFile?: string;
  skipTLSVerify: boolean;
  credentials?: ClusterCredentials;
  activeProbes: boolean;
  checklistVersion?: string;
}

/**
 * The `aiConformance` config block, with defaults applied.
 *
 * @internal
 */
export interface AiConformanceConfig {
  schedule: SchedulerServiceTaskScheduleDefinition;
  concurrency: number;
  clusterTimeoutMs: number;
  requestTimeoutMs: number;
  maxResponseBytes: number;
  retentionDays: number;
  catalogEnabled: boolean;
  templatesDir?: string;
  clusters: ClusterSettings[];
}

const CHECKLIST_VERSION = /^\d+\.\d+$/;

function readDurationMs(
  config: Config | undefined,
  key: string,
  defaultMs: number,
): number {
  if (!config?.has(key)) {
    return defaultMs;
  }
  return durationToMilliseconds(readDurationFromConfig(config, { key }));
}

function readCredentials(
  c: Config,
  where: string,
): ClusterCredentials | undefined {
  const found: ClusterCredentials[] = [];
  const token = c.getOptionalString('serviceAccountToken');
  if (token) {
    found.push({ type: 'serviceAccountToken', token });
  }
  const tokenFile = c.getOptionalString('serviceAccountTokenFile');
  if (tokenFile) {
    found.push({ type: 'serviceAccountTokenFile', path: tokenFile });
  }
  const cert = c.getOptionalConfig('clientCertificate');
  if (cert) {
    const certificate = {
      type: 'clientCertificate' as const,
      certData: cert.getOptionalString('certData'),
      keyData: cert.getOptionalString('keyData'),
      certFile: cert.getOptionalString('certFile'),
      keyFile: cert.getOptionalString('keyFile'),
    };
    if (
      !(certificate.certData || certificate.certFile) ||
      !(certificate.keyData || certificate.keyFile)
    ) {
      throw new Error(
        `${where}.clientCertificate needs a certificate (certData or certFile) and a key (keyData or keyFile)`,
      );
    }
    found.push(certificate);
  }
  const kubeconfig = c.getOptionalConfig('kubeconfig');
  if (kubeconfig) {
    found.push({
      type: 'kubeconfig',
      path: kubeconfig.getString('path'),
      context: kubeconfig.getOptionalString('context'),
    });
  }
  if (found.length > 1) {
    throw new Error(
      `${where} has ${found
        .map(f => f.type)
        .join(
          ' and ',
        )}; set only one of serviceAccountToken, serviceAccountTokenFile, clientCertificate, kubeconfig`,
    );
  }
  return found[0];
}

function readClusterSettings(c: Config, index: number): ClusterSettings {
  const name = c.getString('name');
  const where = `aiConformance.clusters[${index}] (${name})`;
  const checklistVersion = c.getOptionalString('checklistVersion');
  if (checklistVersion && !CHECKLIST_VERSION.test(checklistVersion)) {
    throw new Error(
      `${where}.checklistVersion "${checklistVersion}" is not a checklist version such as 1.35`,
    );
  }
  return {
    name,
    url: c.getOptionalString('url'),
    allowedUrls: c.getOptionalStringArray('allowedUrls') ?? [],
    caData: c.getOptionalString('caData'),
    caFile: c.getOptionalString('caFile'),
    skipTLSVerify: c.getOptionalBoolean('skipTLSVerify') ?? false,
    credentials: readCredentials(c, where),
    activeProbes: c.getOptionalBoolean('activeProbes') ?? false,
    checklistVersion,
  };
}

/**
 * Reads `aiConformance` from the root config. Mistakes in it fail startup with a message that
 * names the offending key.
 *
 * @internal
 */
export function readAiConformanceConfig(root: Config): AiConformanceConfig {
  const config = root.getOptionalConfig('aiConformance');
  const clusters = (config?.getOptionalConfigArray('clusters') ?? []).map(
    readClusterSettings,
  );
  const names = new Set<string>();
  for (const cluster of clusters) {
    if (names.has(cluster.name)) {
      throw new Error(
        `aiConformance.clusters lists "${cluster.name}" twice; merge the entries`,
      );
    }
    names.add(cluster.name);
  }

  const concurrency = config?.getOptionalNumber('concurrency') ?? 4;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new Error('aiConformance.concurrency must be a positive integer');
  }
  const retentionDays = config?.getOptionalNumber('retention.days') ?? 90;
  if (!(retentionDays > 0)) {
    throw new Error('aiConformance.retention.days must be a positive number');
  }

  return {
    schedule: config?.has('schedule')
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
          config.getConfig('schedule'),
        )
      : {
          frequency: { hours: 6 },
          timeout: { hours: 1 },
          initialDelay: { minutes: 1 },
        },
    concurrency,
    clusterTimeoutMs: readDurationMs(config, 'clusterTimeout', 120_000),
    requestTimeoutMs: readDurationMs(config, 'requestTimeout', 15_000),
    maxResponseBytes:
      config?.getOptionalNumber('maxResponseBytes') ?? 64 * 1024 * 1024,
    retentionDays,
    catalogEnabled: config?.getOptionalBoolean('catalog.enabled') ?? true,
    templatesDir: config?.getOptionalString('export.templatesDir'),
    clusters,
  };
}
