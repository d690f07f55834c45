import fs from 'node:fs';
import path from 'node:path';
import { packageDir } from './paths';

export interface ComponentVersions {
  /** Kubernetes minor, e.g. "1.37". */
  minor: string;
  kubernetes: string;
  etcd: string;
  kwok: string;
}

export interface CrdModule {
  module: string;
  version: string;
  paths: string[];
}

interface VersionsFile {
  default: string;
  minors: Record<string, Omit<ComponentVersions, 'minor'>>;
  crdModules: Record<string, CrdModule>;
}

function readVersionsFile(): VersionsFile {
  return JSON.parse(
    fs.readFileSync(path.join(packageDir(), 'versions.json'), 'utf8'),
  );
}

/** Supported minors, newest first. */
export function supportedMinors(): string[] {
  return Object.keys(readVersionsFile().minors).sort((a, b) =>
    b.localeCompare(a, undefined, { numeric: true }),
  );
}

/**
 * Resolves the pinned component versions for a Kubernetes minor.
 * Order: explicit argument, LOCAL_CLUSTER_K8S_MINOR, the file's default.
 * Accepts "1.36", "v1.36" or "1.36.3" (the patch is ignored: pins are per minor).
 */
export function resolveVersions(minor?: string): ComponentVersions {
  const file = readVersionsFile();
  const wanted = (minor || process.env.LOCAL_CLUSTER_K8S_MINOR || file.default)
    .replace(/^v/, '')
    .split('.')
    .slice(0, 2)
    .join('.');
  const pinned = file.minors[wanted];
  if (!pinned) {
    throw new Error(
      `Kubernetes ${wanted} is not pinned in versions.json (supported: ${supportedMinors().join(
        ', ',
      )})`,
    );
  }
  return { minor: wanted, ...pinned };
}

export function crdModule(key: string): CrdModule {
  const mod = readVersionsFile().crdModules[key];
  if (!mod) throw new Error(`No CRD module '${key}' in versions.json`);
  return mod;
}
