/* A Node from its protobuf bytes into the JSON shape of the fields the engine reads (k8s.io/api
   core/v1 generated.proto field numbers). Absent and empty fields read as undefined, as JSON
   omits them. */
import { KubeObject } from '../ClusterReader';
import { ConditionJson, readCondition, readObjectMeta } from './objectMeta';
import {
  expectEnd,
  lenTag,
  messageEnd,
  optionalString,
  Reader,
  readQuantityEntry,
  skip,
  varintTag,
} from './wire';

interface TaintJson {
  key?: string;
  value?: string;
  effect?: string;
}

function readTaint(r: Reader): TaintJson {
  const end = messageEnd(r);
  const out: TaintJson = {
    key: undefined,
    value: undefined,
    effect: undefined,
  };
  while (r.pos < end) {
    const tag = r.uint32();
    if (tag === lenTag(1)) out.key = optionalString(r);
    else if (tag === lenTag(2)) out.value = optionalString(r);
    else if (tag === lenTag(3)) out.effect = optionalString(r);
    else skip(r, tag);
  }
  expectEnd(r, end);
  return out;
}

/** NodeSpec: unschedulable (4) and taints (5). */
function readNodeSpec(r: Reader) {
  const end = messageEnd(r);
  let unschedulable: boolean | undefined;
  let taints: TaintJson[] | undefined;
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
function readNodeInfo(r: Reader) {
  const end = messageEnd(r);
  let containerRuntimeVersion: string | undefined;
  let kubeletVersion: string | undefined;
  while (r.pos < end) {
    const tag = r.uint32();
    if (tag === lenTag(6)) containerRuntimeVersion = optionalString(r);
    else if (tag === lenTag(7)) kubeletVersion = optionalString(r);
    else skip(r, tag);
  }
  expectEnd(r, end);
  return { containerRuntimeVersion, kubeletVersion };
}

/** NodeStatus: capacity (1), allocatable (2), conditions (4), nodeInfo (7). */
function readNodeStatus(r: Reader) {
  const end = messageEnd(r);
  let capacity: Record<string, string> | undefined;
  let allocatable: Record<string, string> | undefined;
  let conditions: ConditionJson[] | undefined;
  let nodeInfo: ReturnType<typeof readNodeInfo> | undefined;
  while (r.pos < end) {
    const tag = r.uint32();
    if (tag === lenTag(1)) readQuantityEntry(r, (capacity ??= {}));
    else if (tag === lenTag(2)) readQuantityEntry(r, (allocatable ??= {}));
    else if (tag === lenTag(4)) (conditions ??= []).push(readCondition(r));
    else if (tag === lenTag(7)) nodeInfo = readNodeInfo(r);
    else skip(r, tag);
  }
  expectEnd(r, end);
  return { capacity, allocatable, conditions, nodeInfo };
}

/** One Node (an item of a NodeList) in the JSON shape of the fields the engine reads. @internal */
export function readNode(r: Reader): KubeObject {
  const end = messageEnd(r);
  let metadata: KubeObject['metadata'];
  let spec: ReturnType<typeof readNodeSpec> | undefined;
  let status: ReturnType<typeof readNodeStatus> | undefined;
  while (r.pos < end) {
    const tag = r.uint32();
    if (tag === lenTag(1)) metadata = readObjectMeta(r);
    else if (tag === lenTag(2)) spec = readNodeSpec(r);
    else if (tag === lenTag(3)) status = readNodeStatus(r);
    else skip(r, tag);
  }
  expectEnd(r, end);
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
    },
  };
}
