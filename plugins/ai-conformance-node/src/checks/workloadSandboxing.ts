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

const SANDBOX_HANDLER =
  /runsc|gvisor|kata|firecracker|quark|krun|sandbox|clh|qemu/i;
/** Handlers that are ordinary runtimes, not sandboxes. */
const PLAIN_HANDLER =
  /^(runc|crun|nvidia|nvidia-cdi|nvidia-legacy|youki|wasm.*|spin|slight)$/i;

/** `workload_sandboxing`: a sandboxed RuntimeClass or the agent-sandbox API exists. @public */
export const workloadSandboxing: RequirementCheck = {
  id: 'workload_sandboxing',
  reads: ['runtimeClasses'],
  evaluate(facts): CheckOutcome {
    const classes = requireFact(facts, 'runtimeClasses');
    const list: Evidence[] = [];
    const sandboxed = classes.filter(
      c => SANDBOX_HANDLER.test(c.handler) || SANDBOX_HANDLER.test(c.name),
    );
    for (const c of sandboxed) {
      list.push(
        evidence(
          `RuntimeClass ${c.name} uses sandbox handler ${c.handler}`,
          { apiVersion: 'node.k8s.io/v1', kind: 'RuntimeClass', name: c.name },
          'handler',
          c.handler,
        ),
      );
    }
    if (serves(facts, 'agents.x-k8s.io', 'sandboxes')) {
      list.push(
        evidence(
          'agent-sandbox API (sandboxes.agents.x-k8s.io) is installed',
          undefined,
          'discovery',
        ),
      );
    }
    if (list.length) {
      return outcome(
        'pass',
        'A sandboxed runtime is available for untrusted workloads.',
        capEvidence(list),
      );
    }
    const other = classes.filter(c => !PLAIN_HANDLER.test(c.handler));
    if (other.length) {
      return outcome(
        'unknown',
        `RuntimeClasses with unrecognised handlers exist (${other
          .map(c => `${c.name}: ${c.handler}`)
          .join(', ')}); state whether one is a sandbox.`,
        other.map(c =>
          evidence(
            `RuntimeClass ${c.name} handler ${c.handler}`,
            {
              apiVersion: 'node.k8s.io/v1',
              kind: 'RuntimeClass',
              name: c.name,
            },
            'handler',
            c.handler,
          ),
        ),
      );
    }
    return outcome(
      'fail',
      'No sandboxed runtime (gVisor, Kata Containers, …) RuntimeClass and no agent-sandbox API were found.',
    );
  },
};
