/* A Pod from its protobuf bytes into the JSON shape of the fields the engine reads (k8s.io/api
   core/v1 generated.proto field numbers). Absent and empty fields read as undefined, as JSON
   omits them; repeated fields the reducers always iterate are [] when absent. */
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
  optionalString,
  optionalUniqueString,
  Reader,
  readQuantityEntry,
  skip,
  stringFields,
  varintTag,
} from './wire';

type Quantities = Record<string, string>;

interface ResourcesJson {
  limits?: Quantities;
  requests?: Quantities;
}

interface EnvVarJson {
  name?: string;
  value?: string;
  /** Only whether it is set is read: a variable filled from elsewhere. */
  valueFrom?: object;
}

interface ContainerJson {
  name?: string;
  image?: string;
  env?: EnvVarJson[];
  resources?: ResourcesJson;
  securityContext?: { privileged?: boolean };
  restartPolicy?: string;
}

/**
 * Environment variables through which container runtimes hand out devices
 * (`NVIDIA_VISIBLE_DEVICES`, `NEURON_RT_VISIBLE_CORES`, `TPU_VISIBLE_CHIPS`…): the only ones the
 * pod facts keep (gather/reduce.ts), so the only ones decoded.
 *
 * @internal
 */
export const DEVICE_ENV_NAME = /_VISIBLE_(DEVICES|CORES|CHIPS)$/;

/**
 * An EnvVar if its name is a device variable (DEVICE_ENV_NAME), else undefined. A pod has tens
 * of variables, often with long values, that no fact reads: their values are never decoded.
 */
function readEnvVar(r: Reader): EnvVarJson | undefined {
  const end = messageEnd(r);
  let name: string | undefined;
  /** Where the value's length is, once seen: decoded below only for a device variable. */
  let valueAt: number | undefined;
  let valueFrom: object | undefined;
  while (r.pos < end) {
    const tag = r.uint32();
    if (tag === lenTag(1)) name = optionalString(r);
    else {
      if (tag === lenTag(2)) valueAt = r.pos;
      else if (tag === lenTag(3)) valueFrom = {};
      skip(r, tag);
    }
  }
  expectEnd(r, end);
  if (name === undefined || !DEVICE_ENV_NAME.test(name)) return undefined;
  let value: string | undefined;
  if (valueAt !== undefined) {
    r.pos = valueAt;
    value = optionalUniqueString(r);
    r.pos = end;
  }
  return { name, value, valueFrom };
}

/** ResourceRequirements: limits (1) and requests (2); claims are not read. */
function readResources(r: Reader): ResourcesJson {
  const end = messageEnd(r);
  let limits: Quantities | undefined;
  let requests: Quantities | undefined;
  while (r.pos < end) {
    const tag = r.uint32();
    if (tag === lenTag(1)) readQuantityEntry(r, (limits ??= {}));
    else if (tag === lenTag(2)) readQuantityEntry(r, (requests ??= {}));
    else skip(r, tag);
  }
  expectEnd(r, end);
  return { limits, requests };
}

function readSecurityContext(r: Reader): { privileged?: boolean } {
  const end = messageEnd(r);
  const out: { privileged?: boolean } = {};
  while (r.pos < end) {
    const tag = r.uint32();
    if (tag === varintTag(2)) out.privileged = r.bool();
    else skip(r, tag);
  }
  expectEnd(r, end);
  return out;
}

const noContainer = (): ContainerJson => ({
  name: undefined,
  image: undefined,
  env: undefined,
  resources: undefined,
  securityContext: undefined,
  restartPolicy: undefined,
});

/** A Container, also an EphemeralContainerCommon (it has Container's field numbers). */
function readContainer(r: Reader): ContainerJson {
  const end = messageEnd(r);
  const out = noContainer();
  while (r.pos < end) {
    const tag = r.uint32();
    if (tag === lenTag(1)) out.name = optionalString(r);
    else if (tag === lenTag(2)) out.image = optionalString(r);
    else if (tag === lenTag(7)) {
      const env = readEnvVar(r);
      if (env) (out.env ??= []).push(env);
    } else if (tag === lenTag(8)) out.resources = readResources(r);
    else if (tag === lenTag(15)) out.securityContext = readSecurityContext(r);
    else if (tag === lenTag(24)) out.restartPolicy = optionalString(r);
    else skip(r, tag);
  }
  expectEnd(r, end);
  return out;
}

/** An EphemeralContainer nests its EphemeralContainerCommon (Container's fields) as field 1. */
function readEphemeralContainer(r: Reader): ContainerJson {
  const end = messageEnd(r);
  let common: ContainerJson | undefined;
  while (r.pos < end) {
    const tag = r.uint32();
    if (tag === lenTag(1)) common = readContainer(r);
    else skip(r, tag);
  }
  expectEnd(r, end);
  return common ?? noContainer();
}

/** The path of a HostPathVolumeSource. */
const readHostPath = stringFields({ 1: 'path' });

/** A Volume; JSON inlines its VolumeSource (field 2), of which only hostPath (1) is read. */
function readVolume(r: Reader): { name?: string; hostPath?: object } {
  const end = messageEnd(r);
  const out: { name?: string; hostPath?: { path?: string } } = {
    name: undefined,
    hostPath: undefined,
  };
  while (r.pos < end) {
    const tag = r.uint32();
    if (tag === lenTag(1)) out.name = optionalString(r);
    else if (tag === lenTag(2)) {
      const sourceEnd = messageEnd(r);
      while (r.pos < sourceEnd) {
        const sourceTag = r.uint32();
        if (sourceTag === lenTag(1)) out.hostPath = readHostPath(r);
        else skip(r, sourceTag);
      }
      expectEnd(r, sourceEnd);
    } else skip(r, tag);
  }
  expectEnd(r, end);
  return out;
}

/** A PodResourceClaim (the claim's name is field 3; 2 is the removed `source`). */
const readPodClaim = stringFields({ 1: 'name', 3: 'resourceClaimName' });
/** A PodResourceClaimStatus. */
const readClaimStatus = stringFields({ 1: 'name', 2: 'resourceClaimName' });

interface PodSpecJson {
  nodeName?: string;
  runtimeClassName?: string;
  containers: ContainerJson[];
  initContainers: ContainerJson[];
  ephemeralContainers: ContainerJson[];
  volumes: Array<{ name?: string; hostPath?: object }>;
  resourceClaims?: object[];
  overhead?: Quantities;
  resources?: ResourcesJson;
}

const noPodSpec = (): PodSpecJson => ({
  nodeName: undefined,
  runtimeClassName: undefined,
  containers: [],
  initContainers: [],
  ephemeralContainers: [],
  volumes: [],
  resourceClaims: undefined,
  overhead: undefined,
  resources: undefined,
});

function readPodSpec(r: Reader): PodSpecJson {
  const end = messageEnd(r);
  const out = noPodSpec();
  while (r.pos < end) {
    const tag = r.uint32();
    if (tag === lenTag(1)) out.volumes.push(readVolume(r));
    else if (tag === lenTag(2)) out.containers.push(readContainer(r));
    else if (tag === lenTag(10)) out.nodeName = optionalString(r);
    else if (tag === lenTag(20)) out.initContainers.push(readContainer(r));
    else if (tag === lenTag(29)) out.runtimeClassName = optionalString(r);
    else if (tag === lenTag(32)) readQuantityEntry(r, (out.overhead ??= {}));
    else if (tag === lenTag(34))
      out.ephemeralContainers.push(readEphemeralContainer(r));
    else if (tag === lenTag(39))
      (out.resourceClaims ??= []).push(readPodClaim(r));
    else if (tag === lenTag(40)) out.resources = readResources(r);
    else skip(r, tag);
  }
  expectEnd(r, end);
  return out;
}

/** PodStatus: phase (1), conditions (2; only PodScheduled is read) and claim statuses (15). */
function readPodStatus(r: Reader) {
  const end = messageEnd(r);
  let phase: string | undefined;
  let conditions: ConditionJson[] | undefined;
  let resourceClaimStatuses: object[] | undefined;
  while (r.pos < end) {
    const tag = r.uint32();
    if (tag === lenTag(1)) phase = optionalString(r);
    else if (tag === lenTag(2)) {
      // A pod has four or five conditions; only PodScheduled is read.
      const condition = readConditionOfType(r, 'PodScheduled');
      if (condition?.type === 'PodScheduled')
        (conditions ??= []).push(condition);
    } else if (tag === lenTag(15))
      (resourceClaimStatuses ??= []).push(readClaimStatus(r));
    else skip(r, tag);
  }
  expectEnd(r, end);
  return { phase, conditions, resourceClaimStatuses };
}

/** One Pod (an item of a PodList) in the JSON shape of the fields the engine reads. @internal */
export function readPod(r: Reader): KubeObject {
  const { metadata, spec, status } = readObjectParts(
    r,
    readPodSpec,
    readPodStatus,
  );
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata,
    spec: spec ?? noPodSpec(),
    status,
  };
}
