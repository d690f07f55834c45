import {
  ChecklistDefinition,
  RequirementResult,
  getRequirement,
} from '@internal/plugin-ai-conformance-common';
import { ClusterFacts, FactKey } from '../gather/factTypes';
import {
  CheckOutcome,
  FactUnavailableError,
  RequirementCheck,
} from '../checks/RequirementCheck';
import { InfrastructureAgent } from '../platform/InfrastructureAgent';
import { VendorProfile } from '../vendors/VendorProfile';

/** The facts the checks of a checklist read (the union of their declarations). @public */
export function factsForChecklist(
  checklist: ChecklistDefinition,
  checks: readonly RequirementCheck[],
): Set<FactKey> {
  const keys = new Set<FactKey>();
  for (const requirement of checklist.requirements) {
    checks.find(c => c.id === requirement.id)?.reads.forEach(k => keys.add(k));
  }
  return keys;
}

function runOne(
  check: RequirementCheck | undefined,
  facts: ClusterFacts,
  context: Parameters<RequirementCheck['evaluate']>[1],
): CheckOutcome {
  if (!check) {
    return {
      verdict: 'unknown',
      reason:
        'The engine has no automated check for this requirement; provide evidence manually.',
      evidence: [],
    };
  }
  try {
    return check.evaluate(facts, context);
  } catch (error) {
    if (error instanceof FactUnavailableError) {
      const needs = error.needs.length
        ? ` The reader needs: ${error.needs.join('; ')}.`
        : '';
      return {
        verdict: 'error',
        reason: `Could not read ${error.key}, which this check depends on: ${error.message}${needs}`,
        evidence: error.needs.map(n => ({
          message: `required permission: ${n}`,
          field: 'rbac',
        })),
      };
    }
    return {
      verdict: 'error',
      reason: `The check failed unexpectedly: ${
        (error as Error)?.message ?? String(error)
      }`,
      evidence: [],
    };
  }
}

/**
 * Runs the passive checks of a checklist over gathered facts. Pure: no I/O.
 *
 * @public
 */
export function runChecks(
  facts: ClusterFacts,
  checklist: ChecklistDefinition,
  checks: readonly RequirementCheck[],
  vendors: readonly VendorProfile[],
  infrastructureAgents?: readonly InfrastructureAgent[],
): RequirementResult[] {
  return checklist.requirements.map(requirement => {
    const definition = getRequirement(requirement.id);
    const result = runOne(
      checks.find(c => c.id === requirement.id),
      facts,
      {
        checklistVersion: checklist.version,
        level: requirement.level,
        conditional: !!requirement.conditional,
        vendors,
        infrastructureAgents,
      },
    );
    const out: RequirementResult = {
      id: requirement.id,
      category: definition?.category ?? 'operator',
      level: requirement.level,
      verdict: result.verdict,
      reason: result.reason,
      evidence: result.evidence,
      mode: 'passive',
    };
    if (requirement.conditional) out.conditional = true;
    return out;
  });
}
