import { Evidence } from '@internal/plugin-ai-conformance-common';
import { serves } from './support';
import {
  CheckOutcome,
  RequirementCheck,
  capEvidence,
  evidence,
  outcome,
  requireFact,
} from './RequirementCheck';

const SOLUTIONS: Array<{ group: string; resource: string; what: string }> = [
  { group: 'llm-d.ai', resource: 'inferenceobjectives', what: 'llm-d' },
  {
    group: 'nvidia.com',
    resource: 'dynamographdeployments',
    what: 'NVIDIA Dynamo',
  },
  {
    group: 'leaderworkerset.x-k8s.io',
    resource: 'leaderworkersets',
    what: 'LeaderWorkerSet',
  },
  {
    group: 'serving.kserve.io',
    resource: 'llminferenceservices',
    what: 'KServe LLMInferenceService',
  },
];
const ROLE_LABELS = [
  'llm-d.ai/role',
  'nvidia.com/dynamo-component-type',
  'app.kubernetes.io/component',
  'role',
];

/** `disaggregated_inference`: prefill and decode run as separate components. @public */
export const disaggregatedInference: RequirementCheck = {
  id: 'disaggregated_inference',
  reads: ['pods'],
  evaluate(facts): CheckOutcome {
    const list: Evidence[] = [];
    for (const s of SOLUTIONS) {
      if (serves(facts, s.group, s.resource)) {
        list.push(
          evidence(
            `${s.what} API (${s.resource}.${s.group}) is installed`,
            undefined,
            'discovery',
          ),
        );
      }
    }
    const pods = requireFact(facts, 'pods');
    const running = pods.filter(p => p.phase === 'Running');
    const roleOf = (labels: Record<string, string>) =>
      ROLE_LABELS.map(l => labels[l]?.toLowerCase()).find(
        v =>
          v === 'prefill' ||
          v === 'decode' ||
          v === 'prefiller' ||
          v === 'decoder',
      );
    const prefill = running.filter(p =>
      roleOf(p.labels)?.startsWith('prefill'),
    );
    const decode = running.filter(p => roleOf(p.labels)?.startsWith('decode'));
    if (prefill.length && decode.length) {
      list.push(
        evidence(
          `${prefill.length} prefill pod(s) running, e.g. ${prefill[0].namespace}/${prefill[0].name}`,
          {
            apiVersion: 'v1',
            kind: 'Pod',
            name: prefill[0].name,
            namespace: prefill[0].namespace,
          },
          'metadata.labels (role)',
          'prefill',
        ),
      );
      list.push(
        evidence(
          `${decode.length} decode pod(s) running, e.g. ${decode[0].namespace}/${decode[0].name}`,
          {
            apiVersion: 'v1',
            kind: 'Pod',
            name: decode[0].name,
            namespace: decode[0].namespace,
          },
          'metadata.labels (role)',
          'decode',
        ),
      );
      return outcome(
        'pass',
        'Prefill and decode run in separate pods.',
        capEvidence(list),
      );
    }
    if (list.length) {
      return outcome(
        'unknown',
        'A disaggregated serving API is installed, but no running prefill/decode pods were found; deploy a disaggregated model or provide evidence manually.',
        capEvidence(list),
      );
    }
    return outcome(
      'fail',
      'No disaggregated inference solution (llm-d, Dynamo, LeaderWorkerSet, KServe LLMInferenceService) is installed and no prefill/decode pods run.',
    );
  },
};
