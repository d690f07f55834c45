import { Evidence } from '@internal/plugin-ai-conformance-common';
import {
  ClusterFacts,
  NodeFact,
  PodFact,
  RuntimeClassFact,
} from '../gather/factTypes';
import { KNOWN_CONTROLLERS, findControllers } from './controllers';
import { serves, workloadRef } from './support';
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
/** Nodes and pods cited per RuntimeClass; the rest are counted. */
const CITED_PER_CLASS = 5;

/**
 * A RuntimeClass for a sandbox runtime: its handler names one, or its name does while its handler
 * is not a plain runtime (a class called `gvisor` that runs `runc` isolates nothing).
 */
function isSandboxClass(c: RuntimeClassFact): boolean {
  return (
    SANDBOX_HANDLER.test(c.handler) ||
    (SANDBOX_HANDLER.test(c.name) && !PLAIN_HANDLER.test(c.handler))
  );
}

/** What the cluster shows about one sandbox RuntimeClass. */
interface SandboxClassUse {
  runtimeClass: RuntimeClassFact;
  /** Ready nodes the class can run on (its `scheduling.nodeSelector`, or every node). */
  nodes: NodeFact[];
  /** Those of them that report the class's handler in `status.runtimeHandlers`. */
  reporting: NodeFact[];
  /** Running pods whose `spec.runtimeClassName` is the class. */
  pods: PodFact[];
}

function classUse(
  runtimeClass: RuntimeClassFact,
  nodes: readonly NodeFact[],
  pods: readonly PodFact[],
): SandboxClassUse {
  const selector = Object.entries(runtimeClass.nodeSelector ?? {});
  const eligible = nodes.filter(
    n => n.ready && selector.every(([k, v]) => n.labels[k] === v),
  );
  return {
    runtimeClass,
    nodes: eligible,
    reporting: eligible.filter(n =>
      n.runtimeHandlers?.includes(runtimeClass.handler),
    ),
    pods: pods.filter(
      p => p.phase === 'Running' && p.runtimeClassName === runtimeClass.name,
    ),
  };
}

const runtimeClassRef = (c: RuntimeClassFact) => ({
  apiVersion: 'node.k8s.io/v1',
  kind: 'RuntimeClass',
  name: c.name,
});

function classEvidence(use: SandboxClassUse): Evidence[] {
  const c = use.runtimeClass;
  return [
    evidence(
      `RuntimeClass ${c.name} uses sandbox handler ${c.handler}`,
      runtimeClassRef(c),
      'handler',
      c.handler,
    ),
    ...capEvidence(
      use.reporting.map(n =>
        evidence(
          `Node ${n.name} reports runtime handler ${c.handler}`,
          { apiVersion: 'v1', kind: 'Node', name: n.name },
          'status.runtimeHandlers',
          c.handler,
        ),
      ),
      CITED_PER_CLASS,
    ),
    ...capEvidence(
      use.pods.map(p =>
        evidence(
          `Pod ${p.namespace}/${p.name} runs under RuntimeClass ${c.name}`,
          {
            apiVersion: 'v1',
            kind: 'Pod',
            name: p.name,
            namespace: p.namespace,
          },
          'spec.runtimeClassName',
          c.name,
        ),
      ),
      CITED_PER_CLASS,
    ),
  ];
}

function names(nodes: readonly NodeFact[]): string {
  const shown = nodes.slice(0, 3).map(n => n.name);
  return nodes.length > shown.length
    ? `${shown.join(', ')} and ${nodes.length - shown.length} more`
    : shown.join(', ');
}

/** How the class is shown to work, for the pass reason. */
function describeWorking(use: SandboxClassUse): string {
  const c = use.runtimeClass;
  const shown: string[] = [];
  if (use.reporting.length) {
    shown.push(
      `${use.reporting.length} node(s) report handler ${c.handler} (${names(
        use.reporting,
      )})`,
    );
  }
  if (use.pods.length) shown.push(`${use.pods.length} running pod(s) use it`);
  return `RuntimeClass ${c.name}: ${shown.join(' and ')}`;
}

/** Why a configured class is not shown to work, and what to do about it. */
function describeUnverified(use: SandboxClassUse): string {
  const c = use.runtimeClass;
  const runAPod = `or run a pod with runtimeClassName ${c.name} to show it works`;
  if (!use.nodes.length) {
    return `RuntimeClass ${c.name} (handler ${
      c.handler
    }) selects no Ready node${
      c.nodeSelector
        ? ` (scheduling.nodeSelector ${Object.entries(c.nodeSelector)
            .map(([k, v]) => `${k}=${v}`)
            .join(', ')})`
        : ''
    }: label the nodes that have the runtime, ${runAPod}`;
  }
  const reportingAny = use.nodes.filter(n => n.runtimeHandlers !== undefined);
  if (!reportingAny.length) {
    return `RuntimeClass ${c.name} (handler ${c.handler}): its ${use.nodes.length} node(s) report no runtime handlers (status.runtimeHandlers needs Kubernetes 1.30+ and a container runtime that reports its handlers) and no running pod uses it; upgrade the nodes ${runAPod}`;
  }
  const reported = [
    ...new Set(reportingAny.flatMap(n => n.runtimeHandlers ?? [])),
  ];
  const silent = use.nodes.length - reportingAny.length;
  return `RuntimeClass ${c.name} (handler ${c.handler}): none of the ${
    reportingAny.length
  } node(s) it can run on reports handler ${
    c.handler
  } in status.runtimeHandlers (they report: ${
    reported.join(', ') || 'only the default handler'
  }${
    silent ? `; ${silent} more report no handlers` : ''
  }) and no running pod uses it; install and configure the ${
    c.handler
  } runtime on those nodes or correct the handler name${
    // Refuted: a pod of this class cannot start there, so running one shows nothing more.
    isRefuted(use) ? '' : `, ${runAPod}`
  }`;
}

/**
 * A class the nodes show cannot run: every Ready node it may run on reports its runtime handlers
 * (a 1.30+ kubelet on a runtime that lists them), none reports this class's, and no pod uses it.
 * Nodes that report nothing, or no eligible node at all (a pool scaled to zero), prove nothing.
 */
function isRefuted(use: SandboxClassUse): boolean {
  return (
    use.nodes.length > 0 &&
    use.nodes.every(n => n.runtimeHandlers !== undefined) &&
    !use.reporting.length &&
    !use.pods.length
  );
}

/** The agent-sandbox controller, when the agent-sandbox API is served. */
function agentSandbox(facts: ClusterFacts) {
  if (!serves(facts, 'agents.x-k8s.io', 'sandboxes')) return undefined;
  const controllers = findControllers(
    requireFact(facts, 'deployments'),
    KNOWN_CONTROLLERS.agentSandbox,
  );
  return {
    controllers,
    available: controllers.filter(c => c.available),
    evidence: [
      evidence(
        'agent-sandbox API (sandboxes.agents.x-k8s.io) is served',
        undefined,
        'discovery',
      ),
      ...controllers.map(c =>
        evidence(
          `agent-sandbox controller ${c.namespace}/${c.name}: ${c.ready}/${c.desired} ready`,
          workloadRef(c),
          'status.conditions[Available]',
          c.available,
        ),
      ),
    ],
  };
}

/**
 * `workload_sandboxing`: sandboxed workloads can run. A sandbox RuntimeClass counts when a Ready
 * node it can run on reports its handler in `status.runtimeHandlers` or a running pod uses it;
 * the agent-sandbox API counts when its controller is Available. A class whose nodes all report
 * their handlers without its own is `fail` (its pods cannot start); a class shown nowhere else,
 * or a class whose handler is not recognised, is `unknown`; nothing sandbox-like is `fail`.
 *
 * @public
 */
export const workloadSandboxing: RequirementCheck = {
  id: 'workload_sandboxing',
  reads: ['runtimeClasses', 'nodes', 'pods', 'deployments'],
  evaluate(facts): CheckOutcome {
    const classes = requireFact(facts, 'runtimeClasses');
    const sandboxClasses = classes.filter(isSandboxClass);
    // Nodes and pods decide only whether a configured sandbox class works.
    const uses = sandboxClasses.length
      ? sandboxClasses.map(c =>
          classUse(c, requireFact(facts, 'nodes'), requireFact(facts, 'pods')),
        )
      : [];
    const working = uses.filter(u => u.reporting.length || u.pods.length);
    const refuted = uses.filter(u => !working.includes(u) && isRefuted(u));
    const unverified = uses.filter(
      u => !working.includes(u) && !refuted.includes(u),
    );
    const agent = agentSandbox(facts);

    const list = [...uses.flatMap(classEvidence), ...(agent?.evidence ?? [])];
    const shown = working.map(describeWorking);
    if (agent?.available.length) {
      shown.push(
        `the agent-sandbox controller ${agent.available[0].namespace}/${agent.available[0].name} is Available`,
      );
    }
    if (shown.length) {
      return outcome(
        'pass',
        `Sandboxed workloads can run: ${shown.join('; ')}.`,
        capEvidence(list),
      );
    }

    const agentProblem = agent
      ? `the agent-sandbox API is served but ${
          agent.controllers.length
            ? 'its controller is not Available'
            : 'no agent-sandbox controller Deployment was found'
        }`
      : undefined;
    const unrecognised = classes.filter(
      c => !isSandboxClass(c) && !PLAIN_HANDLER.test(c.handler),
    );
    if (unverified.length || unrecognised.length) {
      const why = [
        ...unverified.map(describeUnverified),
        ...(unrecognised.length
          ? [
              `RuntimeClasses with unrecognised handlers exist (${unrecognised
                .map(c => `${c.name}: ${c.handler}`)
                .join(', ')}); state whether one is a sandbox`,
            ]
          : []),
        ...(agentProblem ? [agentProblem] : []),
      ];
      const summary = unverified.length
        ? 'A sandbox runtime is configured but not shown to work.'
        : 'No recognised sandbox runtime was found.';
      return outcome(
        'unknown',
        `${summary} ${why.join('. ')}.`,
        capEvidence([
          ...list,
          ...unrecognised.map(c =>
            evidence(
              `RuntimeClass ${c.name} handler ${c.handler}`,
              runtimeClassRef(c),
              'handler',
              c.handler,
            ),
          ),
        ]),
      );
    }
    if (refuted.length) {
      return outcome(
        'fail',
        `A sandbox RuntimeClass exists but its runtime is missing, so its pods cannot start. ${[
          ...refuted.map(describeUnverified),
          ...(agentProblem ? [agentProblem] : []),
        ].join('. ')}.`,
        capEvidence(list),
      );
    }
    if (agentProblem) {
      return outcome(
        'fail',
        `No sandboxed runtime RuntimeClass exists and ${agentProblem}; make the agent-sandbox controller Available or install gVisor or Kata Containers with a RuntimeClass.`,
        capEvidence(list),
      );
    }
    return outcome(
      'fail',
      'No sandboxed runtime (gVisor, Kata Containers, …) RuntimeClass and no agent-sandbox API were found.',
    );
  },
};
