import { ClusterReader, KubeObject } from '../cluster/ClusterReader';
import {
  ApiDiscovery,
  collectionPath,
  findResource,
} from '../cluster/discovery';
import type { ProtobufListKind } from '../cluster/protobuf/kubeProtobuf';
import {
  FactRead,
  describeRead,
  listRead,
  getRead,
  sameRead,
} from './factReads';

/** @public */
export interface GatherListOptions {
  metadataOnly?: boolean;
  fieldSelector?: string;
  /** Acceptable versions in order of preference; default: the server's preferred one. */
  versions?: string[];
  /** Objects per list page (the reader's default when unset). */
  pageSize?: number;
  /** Read the list as protobuf, decoding only the fields the reducers read (Pods and Nodes). */
  protobuf?: ProtobufListKind;
}

/**
 * What a fact's gather function may use: the reader, the discovery document and `list`, which
 * reads each resource at most once per gather however many facts ask for it.
 *
 * @public
 */
export interface GatherContext {
  reader: ClusterReader;
  discovery: ApiDiscovery;
  /**
   * Lists every object of a resource, page by page, reducing each page before the next is
   * fetched. Resolves to `[]` when the resource is not served.
   */
  list<T>(
    group: string,
    resource: string,
    reduce: (o: KubeObject) => T,
    options?: GatherListOptions,
  ): Promise<T[]>;
  /**
   * GETs one named object of a served resource; undefined when the resource is not served or
   * the object does not exist (404). A refused or failed read throws.
   */
  get<T = KubeObject>(
    group: string,
    resource: string,
    namespace: string,
    name: string,
  ): Promise<T | undefined>;
}

/** Creates a GatherContext whose lists are memoised per resource. @internal */
export function createGatherContext(
  reader: ClusterReader,
  discovery: ApiDiscovery,
): GatherContext {
  const lists = new Map<string, Promise<unknown[]>>();
  return {
    reader,
    discovery,
    list<T>(
      group: string,
      resource: string,
      reduce: (o: KubeObject) => T,
      options: GatherListOptions = {},
    ): Promise<T[]> {
      const key = `${group}/${resource}`;
      let pending = lists.get(key) as Promise<T[]> | undefined;
      if (!pending) {
        pending = (async () => {
          const served = findResource(
            discovery,
            group,
            resource,
            options.versions,
          );
          if (!served || !served.resource.verbs.includes('list')) return [];
          const out: T[] = [];
          for await (const page of reader.listPages(collectionPath(served), {
            metadataOnly: options.metadataOnly,
            fieldSelector: options.fieldSelector,
            pageSize: options.pageSize,
            protobuf: options.protobuf,
          })) {
            for (const item of page) {
              // Metadata-only and some list responses omit apiVersion/kind on items.
              item.apiVersion ??= served.group
                ? `${served.group}/${served.version}`
                : served.version;
              item.kind ??= served.resource.kind;
              out.push(reduce(item));
            }
          }
          return out;
        })();
        lists.set(key, pending);
      }
      return pending;
    },
    async get<T = KubeObject>(
      group: string,
      resource: string,
      namespace: string,
      name: string,
    ): Promise<T | undefined> {
      const served = findResource(discovery, group, resource);
      if (!served || !served.resource.verbs.includes('get')) return undefined;
      return reader.get<T>(
        `${collectionPath(served, namespace)}/${encodeURIComponent(name)}`,
      );
    },
  };
}

/** A fact definition sent a read it does not declare: a bug in the definition. @internal */
export class UndeclaredReadError extends Error {
  readonly name = 'UndeclaredReadError';
}

/**
 * The context one fact definition gathers with: it may send only the reads it declares, so the
 * declared reads (and the reader RBAC generated from them) cannot drift from what is sent.
 *
 * @internal
 */
export function scopedGatherContext(
  ctx: GatherContext,
  fact: string,
  reads: readonly FactRead[],
): GatherContext {
  const allow = (read: FactRead) => {
    if (!reads.some(r => sameRead(r, read))) {
      throw new UndeclaredReadError(
        `The fact ${fact} sends "${describeRead(
          read,
        )}" without declaring it in its reads.`,
      );
    }
  };
  return {
    reader: ctx.reader,
    discovery: ctx.discovery,
    list(group, resource, reduce, options) {
      allow(listRead(group, resource));
      return ctx.list(group, resource, reduce, options);
    },
    get(group, resource, namespace, name) {
      allow(getRead(group, resource, namespace, name));
      return ctx.get(group, resource, namespace, name);
    },
  };
}
