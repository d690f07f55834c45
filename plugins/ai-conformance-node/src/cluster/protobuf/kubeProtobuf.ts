/* Decoding Kubernetes protobuf list responses (`application/vnd.kubernetes.protobuf`) of the two
   collections that grow with a cluster, Pods and Nodes. The API server encodes protobuf several
   times faster than JSON. The decoders walk the wire format and read only the fields the engine
   reads straight into plain objects in the JSON shape of those fields (so the reducers need no
   change); everything else (managedFields, probes, volume mounts…) is skipped undecoded, and no
   intermediate message objects are made: at 50,000 pods that was most of the client's time.
   Field numbers: k8s.io/api core/v1 and k8s.io/apimachinery generated.proto (stable by contract). */
import { KubeObject } from '../ClusterReader';
import { ListHead } from '../listHead';
import { readNode } from './nodeWire';
import { readPod } from './podWire';
import {
  lenTag,
  messageEnd,
  optionalString,
  Reader,
  readerOf,
  skip,
  stringFields,
} from './wire';

/** The media type of Kubernetes protobuf. @internal */
export const KUBE_PROTOBUF = 'application/vnd.kubernetes.protobuf';

/** Every protobuf body starts with these four bytes ("k8s\0"), then a runtime.Unknown. */
const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

/** The kinds whose lists can be read as protobuf. @public */
export type ProtobufListKind = 'Pod' | 'Node';

const READ_ITEM: Record<ProtobufListKind, (r: Reader) => KubeObject> = {
  Pod: readPod,
  Node: readNode,
};

function hasMagic(body: Uint8Array): boolean {
  return (
    body.length >= MAGIC.length && MAGIC.equals(body.subarray(0, MAGIC.length))
  );
}

/** The message inside the envelope: magic, then a runtime.Unknown whose `raw` (2) holds it. */
function unwrap(body: Uint8Array): Uint8Array {
  if (!hasMagic(body)) throw new Error('not a Kubernetes protobuf body');
  const r = readerOf(body.subarray(MAGIC.length));
  let raw: Uint8Array = new Uint8Array();
  while (r.pos < r.len) {
    const tag = r.uint32();
    if (tag === lenTag(2)) {
      const end = messageEnd(r);
      raw = body.subarray(MAGIC.length + r.pos, MAGIC.length + end);
      r.pos = end;
    } else skip(r, tag);
  }
  return raw;
}

/** ListMeta: resourceVersion (2) and continue (3). */
const readListMeta: (r: Reader) => ListHead = stringFields({
  2: 'resourceVersion',
  3: 'continue',
});

/**
 * Decodes a protobuf PodList or NodeList into objects in the JSON shape of the fields the engine
 * reads, and the list metadata. Throws on a body that is not Kubernetes protobuf or is truncated.
 *
 * @internal
 */
export function decodeProtobufList(
  body: Uint8Array,
  kind: ProtobufListKind,
): { items: KubeObject[]; metadata: ListHead } {
  const readItem = READ_ITEM[kind];
  const r = readerOf(unwrap(body));
  const items: KubeObject[] = [];
  let metadata: ListHead = {};
  while (r.pos < r.len) {
    const tag = r.uint32();
    if (tag === lenTag(1)) metadata = readListMeta(r);
    else if (tag === lenTag(2)) items.push(readItem(r));
    else skip(r, tag);
  }
  return {
    items,
    metadata: {
      continue: metadata.continue,
      resourceVersion: metadata.resourceVersion,
    },
  };
}

/**
 * The message of a protobuf `Status` (the error body when protobuf was accepted), if any.
 *
 * @internal
 */
export function protobufStatusMessage(body: Uint8Array): string | undefined {
  try {
    const r = readerOf(unwrap(body));
    let message: string | undefined;
    while (r.pos < r.len) {
      const tag = r.uint32();
      if (tag === lenTag(3)) message = optionalString(r);
      else skip(r, tag);
    }
    return message;
  } catch {
    return undefined;
  }
}

/**
 * Reads the list metadata from the first bytes of a protobuf list body, before the items have
 * arrived: in the envelope, `raw` (field 2) holds the list, whose `metadata` (field 1) is
 * written first. Undefined while those bytes are incomplete.
 *
 * @internal
 */
export function readProtobufListHead(start: Uint8Array): ListHead | undefined {
  if (!hasMagic(start)) return undefined;
  try {
    const r = readerOf(start.subarray(MAGIC.length));
    while (r.pos < r.len) {
      const tag = r.uint32();
      if (tag !== lenTag(2)) {
        skip(r, tag);
        continue;
      }
      r.uint32(); // length of `raw`; the list may not have fully arrived
      if (r.uint32() !== lenTag(1)) return {};
      return readListMeta(r);
    }
  } catch {
    // truncated: wait for more bytes
  }
  return undefined;
}
