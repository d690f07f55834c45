/* Messages Pods and Nodes share: ObjectMeta (k8s.io/apimachinery meta/v1, field numbers of its
   generated.proto) and the conditions of their status (PodCondition and NodeCondition number
   type, status, reason and message alike). */
import { KubeObject } from '../ClusterReader';
import {
  expectEnd,
  lenTag,
  messageEnd,
  optionalString,
  optionalUniqueString,
  Reader,
  readStringEntry,
  skip,
  varintTag,
} from './wire';
import { sharedString } from './strings';

type OwnerReference = NonNullable<
  NonNullable<KubeObject['metadata']>['ownerReferences']
>[number];

function readOwnerReference(r: Reader): OwnerReference {
  const end = messageEnd(r);
  const out: Partial<OwnerReference> = {
    kind: undefined,
    name: undefined,
    apiVersion: undefined,
    controller: undefined,
  };
  while (r.pos < end) {
    const tag = r.uint32();
    if (tag === lenTag(1)) out.kind = optionalString(r);
    else if (tag === lenTag(3)) out.name = optionalString(r);
    else if (tag === lenTag(5)) out.apiVersion = optionalString(r);
    else if (tag === varintTag(6)) out.controller = r.bool();
    else skip(r, tag);
  }
  expectEnd(r, end);
  return out as OwnerReference;
}

/** ObjectMeta: name, namespace, uid, labels and owner references; managedFields etc. skipped. */
export function readObjectMeta(r: Reader): KubeObject['metadata'] {
  const end = messageEnd(r);
  let name: string | undefined;
  let namespace: string | undefined;
  let uid: string | undefined;
  let labels: Record<string, string> | undefined;
  let ownerReferences: OwnerReference[] | undefined;
  while (r.pos < end) {
    const tag = r.uint32();
    if (tag === lenTag(1)) name = optionalUniqueString(r);
    else if (tag === lenTag(3)) namespace = optionalString(r);
    else if (tag === lenTag(5)) uid = optionalUniqueString(r);
    else if (tag === lenTag(11)) readStringEntry(r, (labels ??= {}));
    else if (tag === lenTag(13))
      (ownerReferences ??= []).push(readOwnerReference(r));
    else skip(r, tag);
  }
  expectEnd(r, end);
  return { name, namespace, uid, labels, ownerReferences };
}

/** A status condition as JSON has it (the fields the reducers read). @internal */
export interface ConditionJson {
  type?: string;
  status?: string;
  reason?: string;
  message?: string;
}

/** PodCondition or NodeCondition: type (1), status (2), reason (5) and message (6). */
export function readCondition(r: Reader): ConditionJson {
  const end = messageEnd(r);
  const out: ConditionJson = {
    type: undefined,
    status: undefined,
    reason: undefined,
    message: undefined,
  };
  while (r.pos < end) {
    const tag = r.uint32();
    if (tag === lenTag(1)) out.type = optionalString(r);
    else if (tag === lenTag(2)) out.status = optionalString(r);
    else if (tag === lenTag(5)) out.reason = optionalString(r);
    else if (tag === lenTag(6)) out.message = optionalUniqueString(r);
    else skip(r, tag);
  }
  expectEnd(r, end);
  return out;
}

/**
 * The condition if its type is `type`, else undefined: any other condition is skipped as soon as
 * its type (field 1, which Kubernetes writes first) is known, without decoding the rest. A
 * condition without a type is decoded (and checked) in full.
 */
export function readConditionOfType(
  r: Reader,
  type: string,
): ConditionJson | undefined {
  const start = r.pos;
  const end = messageEnd(r);
  while (r.pos < end) {
    const tag = r.uint32();
    if (tag === lenTag(1)) {
      if (sharedString(r) === type) break;
      r.pos = end;
      return undefined;
    }
    skip(r, tag);
  }
  r.pos = start;
  return readCondition(r);
}

/**
 * A top-level object (a list item): metadata (1), spec (2) and status (3), each read by the
 * kind's own reader; undefined when absent.
 */
export function readObjectParts<Spec, Status>(
  r: Reader,
  readSpec: (r: Reader) => Spec,
  readStatus: (r: Reader) => Status,
): { metadata?: KubeObject['metadata']; spec?: Spec; status?: Status } {
  const end = messageEnd(r);
  let metadata: KubeObject['metadata'];
  let spec: Spec | undefined;
  let status: Status | undefined;
  while (r.pos < end) {
    const tag = r.uint32();
    if (tag === lenTag(1)) metadata = readObjectMeta(r);
    else if (tag === lenTag(2)) spec = readSpec(r);
    else if (tag === lenTag(3)) status = readStatus(r);
    else skip(r, tag);
  }
  expectEnd(r, end);
  return { metadata, spec, status };
}
