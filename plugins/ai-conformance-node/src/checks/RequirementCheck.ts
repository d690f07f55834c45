import {
  Evidence,
  ObjectReference,
  RequirementLevel,
  Verdict,
} from '@internal/plugin-ai-conformance-common';
import { ClusterFacts, FactKey, FactValues } from '../gather/factTypes';
import { InfrastructureAgent } from '../platform/InfrastructureAgent';
import { VendorProfile } from '../vendors/VendorProfile';

/** What a check knows besides the facts. @public */
export interface CheckContext {
  checklistVersion: string;
  level: RequirementLevel;
  conditional: boolean;
  vendors: readonly VendorProfile[];
  /** Node agents that may run privileged; default INFRASTRUCTURE_AGENTS. */
  infrastructureAgents?: readonly InfrastructureAgent[];
}

/** The verdict of one check, before the engine adds id, category and level. @public */
export interface CheckOutcome {
  verdict: Verdict;
  reason: string;
  evidence: Evidence[];
}

/**
 * A passive check: a pure function from gathered facts to a verdict. `reads` declares the facts
 * it needs so that one gather serves every check.
 *
 * @public
 */
export interface RequirementCheck {
  /** The requirement id this check decides. */
  id: string;
  reads: FactKey[];
  evaluate(facts: ClusterFacts, context: CheckContext): CheckOutcome;
}

/**
 * Thrown by `requireFact` when a declared fact could not be read; the engine turns it into an
 * `error` verdict with the fact's message and the permissions it needs.
 *
 * @public
 */
export class FactUnavailableError extends Error {
  readonly name = 'FactUnavailableError';
  constructor(
    readonly key: FactKey,
    message: string,
    readonly needs: string[] = [],
  ) {
    super(message);
  }
}

/**
 * The value of a fact the check declared, or a FactUnavailableError if it could not be read.
 *
 * This is how a check reads every input its verdict or reason depends on (one rule for all
 * checks): a fact whose API is not served is an empty value (absent, decided by discovery), and a
 * read of a served API that was refused, timed out or could not be decoded makes the check
 * `error`, naming the request and what to grant.
 *
 * @public
 */
export function requireFact<K extends FactKey>(
  facts: ClusterFacts,
  key: K,
): FactValues[K] {
  const gathered = facts.facts[key];
  if (!gathered) {
    throw new FactUnavailableError(
      key,
      `The fact ${key} was not gathered; declare it in the check's reads.`,
    );
  }
  if (!gathered.ok) {
    throw new FactUnavailableError(key, gathered.error, gathered.needs);
  }
  return gathered.value as FactValues[K];
}

/**
 * The value of a fact, or undefined when it could not be read. Only for supplementary evidence
 * that never changes a verdict or its reason (for example a count shown beside the decisive
 * objects); everything decisive goes through `requireFact`. The engine's checks use it for
 * Kueue LocalQueues only (see the README, "Refused reads").
 *
 * @public
 */
export function optionalFact<K extends FactKey>(
  facts: ClusterFacts,
  key: K,
): FactValues[K] | undefined {
  const gathered = facts.facts[key];
  return gathered?.ok ? (gathered.value as FactValues[K]) : undefined;
}

/** Builds one evidence entry. @public */
export function evidence(
  message: string,
  object?: ObjectReference,
  field?: string,
  value?: string | number | boolean,
): Evidence {
  const e: Evidence = { message };
  if (object) e.object = object;
  if (field) e.field = field;
  if (value !== undefined) e.value = value;
  return e;
}

/** @public */
export function outcome(
  verdict: Verdict,
  reason: string,
  evidenceList: Evidence[] = [],
): CheckOutcome {
  return { verdict, reason, evidence: evidenceList };
}

/** Keeps evidence lists readable on large clusters. @internal */
export function capEvidence(list: Evidence[], max = 20): Evidence[] {
  if (list.length <= max) return list;
  return [
    ...list.slice(0, max),
    { message: `… and ${list.length - max} more` },
  ];
}
