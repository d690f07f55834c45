/* A Node from its protobuf bytes into the JSON shape of the fields the engine reads (k8s.io/api
   core/v1 generated.proto field numbers). Absent and empty fields read as undefined, as JSON
   omits them. */
import { KubeObject } from '../ClusterReader';
import {
  ConditionJson,
  readConditionOfType,
  readObjectParts,
} from './objectMeta';
import {
  expectEnd,
  lenTag,
  messageEnd,
  Reader,
  readQuantityEntry,
  skip,
  stringFields,
  varintTag,
} from './wire';

const readTaint = stringFields({ 1: 'key', 2: 'value', 3: 'effect' });

/** NodeSpec: unschedulable (4) and taints (5). */
function readNodeSpec(r: Reader) {
  const end = messageEnd(r);
  let unschedulable: boolean | undefined;
  let taints: Array<ReturnType<typeof readTaint>> | undefined;
  while (r.pos < end) {
    const tag = r.uint32();
    if (tag === varintTag(4)) unschedulable = r.bool();
    else if (tag === lenTag(5)) (taints ??= []).push(readTaint(r));
    else skip(r, tag);
  }
  expectEnd(r, end);
  return { unschedulable, taints };
}

/** NodeSystemInfo: the runtime (6) and kubelet (7) versions. */
const readNodeInfo = stringFields({
  6: 'containerRuntimeVersion',
  7: 'kubeletVersion',
});

/** A NodeRuntimeHandler: only its name (1); JSON writes the default handler's empty name. */
const runtimeHandlerFields = stringFields({ 1: 'name' });
const readRuntimeHandler = (r: Reader) => ({
  name: runtimeHandlerFields(r).name ?? '',
});

/**
 * NodeStatus: capacity (1), allocatable (2), conditions (4; only Ready), nodeInfo (7),
 * runtimeHandlers (12).
 */
function readNodeStatus(r: Reader) {
  const end = messageEnd(r);
  let capacity: Record<string, string> | undefined;
  let allocatable: Record<string, string> | undefined;
  let conditions: ConditionJson[] | undefined;
  let nodeInfo: ReturnType<typeof readNodeInfo> | undefined;
  let runtimeHandlers: Array<{ name: string }> | undefined;
  while (r.pos < end) {
    const tag = r.uint32();
    if (tag === lenTag(1)) readQuantityEntry(r, (capacity ??= {}));
    else if (tag === lenTag(2)) readQuantityEntry(r, (allocatable ??= {}));
    else if (tag === lenTag(4)) {
      // Only Ready is read (of five or more conditions per node).
      const condition = readConditionOfType(r, 'Ready');
      if (condition?.type === 'Ready') (conditions ??= []).push(condition);
    } else if (tag === lenTag(7)) nodeInfo = readNodeInfo(r);
    else if (tag === lenTag(12))
      (runtimeHandlers ??= []).push(readRuntimeHandler(r));
    else skip(r, tag);
  }
  expectEnd(r, end);
  return { capacity, allocatable, conditions, nodeInfo, runtimeHandlers };
}

/** One Node (an item of a NodeList) in the JSON shape of the fields the engine reads. @internal */
export function readNode(r: Reader): KubeObject {
  const { metadata, spec, status } = readObjectParts(
    r,
    readNodeSpec,
    readNodeStatus,
  );
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata,
    spec,
    status: status ?? {
      capacity: undefined,
      allocatable: undefined,
      conditions: undefined,
      nodeInfo: undefined,
      runtimeHandlers: undefined,
    },
  };
}
