/* Decoding Kubernetes protobuf list responses (`application/vnd.kubernetes.protobuf`) of the two
   collections that grow with a cluster, Pods and Nodes. The API server encodes protobuf several
   times faster than JSON. The decoders walk the wire format and read only the fields the engine
   reads straight into plain objects in the JSON shape of those fields (so the reducers need no
   change); everything else (managedFields, probes, volume mounts…) is skipped undecoded, and no
   intermediate message objects are made: at 50,000 pods that was most of the client's time.
   Field numbers: k8s.io/api core/v1 and k8s.io/apimachinery generated.proto (stable by contract). */
import { KubeObject } from '../ClusterReader';
import { ListHead } from '../listHead';
import { ProtobufListStream } from './listStream';
import {
  KUBE_PROTOBUF_MAGIC as MAGIC,
  lenTag,
  messageEnd,
  optionalString,
  readerOf,
  skip,
} from './wire';

/** The media type of Kubernetes protobuf. @internal */
export const KUBE_PROTOBUF = 'application/vnd.kubernetes.protobuf';

/** The kinds whose lists can be read as protobuf. @public */
export type ProtobufListKind = 'Pod' | 'Node';

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

/**
 * Decodes a whole protobuf PodList or NodeList into objects in the JSON shape of the fields the
 * engine reads, and the list metadata. Throws on a body that is not Kubernetes protobuf or is
 * truncated. (Lists read from a server are decoded while they arrive: ProtobufListStream.)
 *
 * @internal
 */
export function decodeProtobufList(
  body: Uint8Array,
  kind: ProtobufListKind,
): { items: KubeObject[]; metadata: ListHead } {
  const stream = new ProtobufListStream(kind, Infinity);
  const items = stream.push(body);
  stream.end();
  return {
    items,
    metadata: {
      continue: stream.head?.continue,
      resourceVersion: stream.head?.resourceVersion,
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
