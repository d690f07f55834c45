/* Decoding Kubernetes protobuf list responses (`application/vnd.kubernetes.protobuf`) of the two
   collections that grow with a cluster, Pods and Nodes. The API server encodes protobuf several
   times faster than JSON, and the schema below declares only the fields the engine reads, so
   protobufjs skips everything else (managedFields, probes, volume mounts…) without decoding it.
   The decoded objects have the JSON shape of the same fields, so the reducers need no change.
   Field numbers: k8s.io/api core/v1 and k8s.io/apimachinery generated.proto (stable by contract). */
import protobuf from 'protobufjs';
import { KubeObject } from '../ClusterReader';
import { ListHead } from '../listHead';

/** The media type of Kubernetes protobuf. @internal */
export const KUBE_PROTOBUF = 'application/vnd.kubernetes.protobuf';

/** Every protobuf body starts with these four bytes ("k8s\0"), then a runtime.Unknown. */
const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

const quantityMap = (id: number) => ({
  keyType: 'string',
  type: 'Quantity',
  id,
});
const stringMap = (id: number) => ({ keyType: 'string', type: 'string', id });

const root = protobuf.Root.fromJSON({
  nested: {
    Unknown: {
      fields: {
        raw: { type: 'bytes', id: 2 },
        contentType: { type: 'string', id: 4 },
      },
    },
    ListMeta: {
      fields: {
        resourceVersion: { type: 'string', id: 2 },
        continue: { type: 'string', id: 3 },
      },
    },
    Status: {
      fields: {
        message: { type: 'string', id: 3 },
        reason: { type: 'string', id: 4 },
      },
    },
    Quantity: { fields: { string: { type: 'string', id: 1 } } },
    OwnerReference: {
      fields: {
        kind: { type: 'string', id: 1 },
        name: { type: 'string', id: 3 },
        apiVersion: { type: 'string', id: 5 },
        controller: { type: 'bool', id: 6 },
      },
    },
    ObjectMeta: {
      fields: {
        name: { type: 'string', id: 1 },
        namespace: { type: 'string', id: 3 },
        uid: { type: 'string', id: 5 },
        labels: stringMap(11),
        ownerReferences: { rule: 'repeated', type: 'OwnerReference', id: 13 },
      },
    },
    PodList: {
      fields: {
        metadata: { type: 'ListMeta', id: 1 },
        items: { rule: 'repeated', type: 'Pod', id: 2 },
      },
    },
    Pod: {
      fields: {
        metadata: { type: 'ObjectMeta', id: 1 },
        spec: { type: 'PodSpec', id: 2 },
        status: { type: 'PodStatus', id: 3 },
      },
    },
    PodSpec: {
      fields: {
        volumes: { rule: 'repeated', type: 'Volume', id: 1 },
        containers: { rule: 'repeated', type: 'Container', id: 2 },
        nodeName: { type: 'string', id: 10 },
        initContainers: { rule: 'repeated', type: 'Container', id: 20 },
        runtimeClassName: { type: 'string', id: 29 },
        overhead: quantityMap(32),
        ephemeralContainers: {
          rule: 'repeated',
          type: 'EphemeralContainer',
          id: 34,
        },
        resourceClaims: { rule: 'repeated', type: 'PodResourceClaim', id: 39 },
        resources: { type: 'ResourceRequirements', id: 40 },
      },
    },
    Volume: {
      fields: {
        name: { type: 'string', id: 1 },
        volumeSource: { type: 'VolumeSource', id: 2 },
      },
    },
    VolumeSource: {
      fields: { hostPath: { type: 'HostPathVolumeSource', id: 1 } },
    },
    HostPathVolumeSource: { fields: { path: { type: 'string', id: 1 } } },
    Container: {
      fields: {
        name: { type: 'string', id: 1 },
        image: { type: 'string', id: 2 },
        env: { rule: 'repeated', type: 'EnvVar', id: 7 },
        resources: { type: 'ResourceRequirements', id: 8 },
        securityContext: { type: 'SecurityContext', id: 15 },
        restartPolicy: { type: 'string', id: 24 },
      },
    },
    // EphemeralContainerCommon has Container's field numbers; it is nested as field 1.
    EphemeralContainer: {
      fields: { ephemeralContainerCommon: { type: 'Container', id: 1 } },
    },
    // Only the name and whether a value or valueFrom is set are needed for most variables; the
    // reducer keeps device-visibility variables only (the value is a short device list).
    EnvVar: {
      fields: {
        name: { type: 'string', id: 1 },
        value: { type: 'string', id: 2 },
        valueFrom: { type: 'EnvVarSource', id: 3 },
      },
    },
    EnvVarSource: { fields: {} },
    ResourceRequirements: {
      fields: { limits: quantityMap(1), requests: quantityMap(2) },
    },
    SecurityContext: { fields: { privileged: { type: 'bool', id: 2 } } },
    PodResourceClaim: {
      fields: {
        name: { type: 'string', id: 1 },
        resourceClaimName: { type: 'string', id: 3 },
      },
    },
    PodStatus: {
      fields: {
        phase: { type: 'string', id: 1 },
        conditions: { rule: 'repeated', type: 'PodCondition', id: 2 },
        resourceClaimStatuses: {
          rule: 'repeated',
          type: 'PodResourceClaimStatus',
          id: 15,
        },
      },
    },
    PodCondition: {
      fields: {
        type: { type: 'string', id: 1 },
        status: { type: 'string', id: 2 },
        reason: { type: 'string', id: 5 },
        message: { type: 'string', id: 6 },
      },
    },
    PodResourceClaimStatus: {
      fields: {
        name: { type: 'string', id: 1 },
        resourceClaimName: { type: 'string', id: 2 },
      },
    },
    NodeList: {
      fields: {
        metadata: { type: 'ListMeta', id: 1 },
        items: { rule: 'repeated', type: 'Node', id: 2 },
      },
    },
    Node: {
      fields: {
        metadata: { type: 'ObjectMeta', id: 1 },
        spec: { type: 'NodeSpec', id: 2 },
        status: { type: 'NodeStatus', id: 3 },
      },
    },
    NodeSpec: {
      fields: {
        unschedulable: { type: 'bool', id: 4 },
        taints: { rule: 'repeated', type: 'Taint', id: 5 },
      },
    },
    Taint: {
      fields: {
        key: { type: 'string', id: 1 },
        value: { type: 'string', id: 2 },
        effect: { type: 'string', id: 3 },
      },
    },
    NodeStatus: {
      fields: {
        capacity: quantityMap(1),
        allocatable: quantityMap(2),
        conditions: { rule: 'repeated', type: 'NodeCondition', id: 4 },
        nodeInfo: { type: 'NodeSystemInfo', id: 7 },
        runtimeHandlers: {
          rule: 'repeated',
          type: 'NodeRuntimeHandler',
          id: 12,
        },
      },
    },
    // Only the name; the handler's features (field 2) are not read.
    NodeRuntimeHandler: { fields: { name: { type: 'string', id: 1 } } },
    NodeCondition: {
      fields: {
        type: { type: 'string', id: 1 },
        status: { type: 'string', id: 2 },
        reason: { type: 'string', id: 5 },
        message: { type: 'string', id: 6 },
      },
    },
    NodeSystemInfo: {
      fields: {
        containerRuntimeVersion: { type: 'string', id: 6 },
        kubeletVersion: { type: 'string', id: 7 },
      },
    },
  },
});

const Unknown = root.lookupType('Unknown');
const ListMeta = root.lookupType('ListMeta');
const Status = root.lookupType('Status');
/** The kinds whose lists can be read as protobuf. @public */
export type ProtobufListKind = 'Pod' | 'Node';

const LIST_TYPES: Record<ProtobufListKind, protobuf.Type> = {
  Pod: root.lookupType('PodList'),
  Node: root.lookupType('NodeList'),
};

const TO_OBJECT: protobuf.IConversionOptions = {
  longs: Number,
  defaults: false,
  arrays: false,
};

type Any = any; // decoded messages; every field is optional

/** A quantity map in its JSON form; JSON omits an empty map, so an empty one is undefined. */
function quantities(map: Record<string, { string?: string }> | undefined) {
  if (!map || !Object.keys(map).length) return undefined;
  const out: Record<string, string> = {};
  for (const [name, q] of Object.entries(map)) out[name] = q?.string ?? '';
  return out;
}

function container(c: Any) {
  return {
    name: c.name,
    image: c.image,
    env: c.env?.map((e: Any) => ({
      name: e.name,
      value: e.value,
      valueFrom: e.valueFrom ? {} : undefined,
    })),
    resources: requirements(c.resources),
    securityContext: c.securityContext,
    restartPolicy: c.restartPolicy,
  };
}

function requirements(r: Any) {
  return r
    ? { limits: quantities(r.limits), requests: quantities(r.requests) }
    : undefined;
}

/** Maps whose values are kept as they are (an empty label value is meaningful). */
const MAPS = new Set([
  'labels',
  'limits',
  'requests',
  'capacity',
  'allocatable',
  'overhead',
]);

/**
 * Protobuf carries empty strings where JSON omits the field (`omitempty`), and decoded messages
 * hold empty arrays for absent repeated fields; drop both so that a decoded object reads exactly
 * like its JSON form.
 */
function omitEmpty<T>(value: T): T {
  if (Array.isArray(value)) return value.map(omitEmpty) as T;
  if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value))
    return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (v === '' || v === undefined || (Array.isArray(v) && !v.length))
      continue;
    out[key] = MAPS.has(key) ? v : omitEmpty(v);
  }
  return out as T;
}

/** A decoded Pod in the JSON shape of the fields it declares. */
function podObject(p: Any): KubeObject {
  const spec = p.spec ?? {};
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: p.metadata,
    spec: {
      nodeName: spec.nodeName,
      runtimeClassName: spec.runtimeClassName,
      containers: (spec.containers ?? []).map(container),
      initContainers: (spec.initContainers ?? []).map(container),
      ephemeralContainers: (spec.ephemeralContainers ?? []).map((e: Any) =>
        container(e.ephemeralContainerCommon ?? {}),
      ),
      // JSON inlines the volume source into the volume
      volumes: (spec.volumes ?? []).map((v: Any) => ({
        name: v.name,
        ...v.volumeSource,
      })),
      resourceClaims: spec.resourceClaims,
      overhead: quantities(spec.overhead),
      resources: requirements(spec.resources),
    },
    status: p.status,
  };
}

function nodeObject(n: Any): KubeObject {
  const status = n.status ?? {};
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: n.metadata,
    spec: n.spec,
    status: {
      capacity: quantities(status.capacity),
      allocatable: quantities(status.allocatable),
      conditions: status.conditions,
      nodeInfo: status.nodeInfo,
      // JSON writes the default handler's empty name; protobuf omits it
      runtimeHandlers: status.runtimeHandlers?.map((h: Any) => ({
        name: h.name ?? '',
      })),
    },
  };
}

/** The list inside the envelope: magic, then a runtime.Unknown whose `raw` is the list. */
function unwrap(body: Uint8Array): Uint8Array {
  if (
    body.length < MAGIC.length ||
    !MAGIC.equals(body.subarray(0, MAGIC.length))
  ) {
    throw new Error('not a Kubernetes protobuf body');
  }
  const envelope = Unknown.decode(body.subarray(MAGIC.length)) as unknown as {
    raw?: Uint8Array;
  };
  return envelope.raw ?? new Uint8Array();
}

/**
 * Decodes a protobuf PodList or NodeList into objects in the JSON shape of the declared fields
 * and the list metadata. Throws on a body that is not Kubernetes protobuf.
 *
 * @internal
 */
export function decodeProtobufList(
  body: Uint8Array,
  kind: ProtobufListKind,
): { items: KubeObject[]; metadata: ListHead } {
  // The decoded message's own properties are exactly the fields present on the wire (defaults
  // live on the prototype), so omitEmpty copies it into plain data without a toObject pass.
  const list = LIST_TYPES[kind].decode(unwrap(body)) as Any;
  const toObject = kind === 'Pod' ? podObject : nodeObject;
  return {
    items: (list.items ?? []).map((item: Any) => toObject(omitEmpty(item))),
    metadata: {
      continue: list.metadata?.continue || undefined,
      resourceVersion: list.metadata?.resourceVersion || undefined,
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
    const status = Status.decode(unwrap(body)) as unknown as {
      message?: string;
    };
    return status.message || undefined;
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
  if (
    start.length < MAGIC.length ||
    !MAGIC.equals(start.subarray(0, MAGIC.length))
  ) {
    return undefined;
  }
  try {
    const reader = protobuf.Reader.create(start.subarray(MAGIC.length));
    while (reader.pos < reader.len) {
      const tag = reader.uint32();
      if (tag >>> 3 !== 2 || (tag & 7) !== 2) {
        reader.skipType(tag & 7);
        continue;
      }
      reader.uint32(); // length of `raw`; the list may not have fully arrived
      const metaTag = reader.uint32();
      if (metaTag >>> 3 !== 1 || (metaTag & 7) !== 2) return {};
      const meta = ListMeta.toObject(
        ListMeta.decode(reader.bytes()),
        TO_OBJECT,
      ) as ListHead;
      return {
        continue: meta.continue || undefined,
        resourceVersion: meta.resourceVersion,
      };
    }
  } catch {
    // truncated: wait for more bytes
  }
  return undefined;
}
