import { ApiDiscovery } from './discovery';
import type { ProtobufListKind } from './protobuf/kubeProtobuf';

/** The `/version` of an API server. @public */
export interface KubeVersion {
  gitVersion: string;
  major: string;
  minor: string;
  platform?: string;
}

/** A Kubernetes object as JSON; only the fields every object has are typed. @public */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata?: {
    name?: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    creationTimestamp?: string;
    ownerReferences?: Array<{
      apiVersion?: string;
      kind: string;
      name: string;
      controller?: boolean;
    }>;
    uid?: string;
  };
  [key: string]: unknown;
}

/** @public */
export interface ListOptions {
  /** Ask for PartialObjectMetadata only (no spec or status). */
  metadataOnly?: boolean;
  labelSelector?: string;
  fieldSelector?: string;
  /** Page size (the API server's `limit`). Default 500. */
  pageSize?: number;
  /**
   * Ask for Kubernetes protobuf and decode only the fields of this kind that the engine reads
   * (the objects keep their JSON shape); JSON answers are parsed as usual.
   */
  protobuf?: ProtobufListKind;
}

/** @public */
export interface WriteOptions {
  /** Server-side dry run (`dryRun=All`): validated and admitted, never persisted. */
  dryRun?: boolean;
}

/**
 * Reads (and, for active probes, writes) one cluster's API. Every method sends real HTTP
 * requests and counts them; errors are KubeApiError with a message that says what to fix.
 *
 * @public
 */
export interface ClusterReader {
  /** HTTP requests sent so far. */
  readonly requestCount: number;
  getVersion(): Promise<KubeVersion>;
  /** Aggregated discovery (`/api` + `/apis`), falling back to legacy discovery. Cached. */
  getDiscovery(): Promise<ApiDiscovery>;
  /** Lists a collection page by page (`limit` + `continue`). */
  listPages(path: string, options?: ListOptions): AsyncGenerator<KubeObject[]>;
  /**
   * GETs a path; undefined when it does not exist (404). With `cleanup`, sent even after the
   * evaluation was cancelled (a cleanup step checking that a probe object is gone).
   */
  get<T = KubeObject>(
    path: string,
    options?: { accept?: string; cleanup?: boolean },
  ): Promise<T | undefined>;
  /** GETs a non-JSON path (e.g. a metrics endpoint through the service proxy). */
  getText(path: string): Promise<string | undefined>;
  create<T = KubeObject>(
    path: string,
    body: object,
    options?: WriteOptions,
  ): Promise<T>;
  /**
   * Deletes an object; resolves quietly when it is already gone. With `cleanup`, the request is
   * sent even after the evaluation was cancelled or ran out of time (only its own timeout applies),
   * so that probe namespaces are always removed.
   */
  delete(
    path: string,
    options?: {
      propagationPolicy?: 'Background' | 'Foreground';
      cleanup?: boolean;
    },
  ): Promise<void>;
  /** Releases connections. */
  close(): Promise<void>;
}
