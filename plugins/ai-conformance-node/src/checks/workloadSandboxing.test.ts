import { getChecklist } from '@internal/plugin-ai-conformance-common';
import {
  context,
  makeFacts,
  node,
  withDefaults,
  workload,
} from '../__testUtils__/facts';
import { runChecks } from '../evaluate/runChecks';
import { FactKey, FactValues, PodFact } from '../gather/factTypes';
import { VENDOR_PROFILES } from '../vendors/profiles';
import { workloadSandboxing } from './workloadSandboxing';

const CORE = { v1: ['nodes', 'pods'], 'apps/v1': ['deployments'] };
const AGENT_SANDBOX = { ...CORE, 'agents.x-k8s.io/v1alpha1': ['sandboxes'] };

const gvisor = { name: 'gvisor', handler: 'runsc' };
const sandboxPod = (overrides: Partial<PodFact> = {}): PodFact => ({
  namespace: 'agents',
  name: 'untrusted-0',
  labels: {},
  nodeName: 'cpu-0',
  phase: 'Running',
  privileged: false,
  hostPathDevices: [],
  extendedResources: [],
  usesResourceClaims: false,
  runtimeClassName: 'gvisor',
  ...overrides,
});
const agentController = (ready: number) =>
  workload(
    'Deployment',
    'agent-sandbox-system',
    'agent-sandbox-controller',
    ready,
    1,
    {
      images: ['registry.k8s.io/agent-sandbox/agent-sandbox-controller:v0.1.0'],
      labels: { app: 'agent-sandbox-controller' },
    },
  );

function evaluate(
  values: Partial<FactValues>,
  served: Record<string, string[]> = CORE,
) {
  return workloadSandboxing.evaluate(
    withDefaults(makeFacts({ served, values }), workloadSandboxing.reads),
    context({ checklistVersion: '1.37', level: 'SHOULD' }),
  );
}

/** Through the engine, so that a refused read becomes the `error` verdict users see. */
function evaluateWithRefused(
  values: Partial<FactValues>,
  refused: FactKey,
  served: Record<string, string[]> = CORE,
) {
  const facts = makeFacts({
    served,
    values,
    errors: { [refused]: `Forbidden (403): the identity may not list it.` },
  });
  const [result] = runChecks(
    withDefaults(facts, workloadSandboxing.reads),
    {
      ...getChecklist('1.37')!,
      requirements: [{ id: 'workload_sandboxing', level: 'SHOULD' }],
    },
    [workloadSandboxing],
    VENDOR_PROFILES,
  );
  return result;
}

describe('workload_sandboxing', () => {
  it('passes when a Ready node reports the sandbox handler, naming the node', () => {
    const result = evaluate({
      runtimeClasses: [gvisor],
      nodes: [
        node('cpu-0', { runtimeHandlers: ['runc', 'runsc'] }),
        node('cpu-1', { runtimeHandlers: ['runc'] }),
      ],
    });
    expect(result.verdict).toBe('pass');
    expect(result.reason).toContain(
      'RuntimeClass gvisor: 1 node(s) report handler runsc (cpu-0)',
    );
    expect(result.evidence).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          object: { apiVersion: 'v1', kind: 'Node', name: 'cpu-0' },
          field: 'status.runtimeHandlers',
          value: 'runsc',
        }),
      ]),
    );
    expect(JSON.stringify(result.evidence)).not.toContain('cpu-1');
  });

  it('counts only Ready nodes that the class can run on (scheduling.nodeSelector)', () => {
    const result = evaluate({
      runtimeClasses: [
        { ...gvisor, nodeSelector: { 'sandbox.gke.io/runtime': 'gvisor' } },
      ],
      nodes: [
        node('outside', { runtimeHandlers: ['runsc'] }),
        node('inside-not-ready', {
          ready: false,
          labels: { 'sandbox.gke.io/runtime': 'gvisor' },
          runtimeHandlers: ['runsc'],
        }),
      ],
    });
    expect(result.verdict).toBe('unknown');
    expect(result.reason).toContain(
      'selects no Ready node (scheduling.nodeSelector sandbox.gke.io/runtime=gvisor)',
    );
  });

  it('passes when a pod runs under the sandbox RuntimeClass, even where nodes report no handlers', () => {
    const result = evaluate({
      runtimeClasses: [gvisor],
      nodes: [node('cpu-0')],
      pods: [sandboxPod()],
    });
    expect(result.verdict).toBe('pass');
    expect(result.reason).toContain('1 running pod(s) use it');
    expect(result.evidence).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          object: {
            apiVersion: 'v1',
            kind: 'Pod',
            name: 'untrusted-0',
            namespace: 'agents',
          },
          field: 'spec.runtimeClassName',
        }),
      ]),
    );
  });

  it('does not count a pod that is not Running (it may never start under the handler)', () => {
    expect(
      evaluate({
        runtimeClasses: [gvisor],
        nodes: [node('cpu-0')],
        pods: [sandboxPod({ phase: 'Pending' })],
      }).verdict,
    ).toBe('unknown');
  });

  it('is unknown when the class is configured but no node reports its handler and no pod uses it', () => {
    const result = evaluate({
      runtimeClasses: [{ name: 'kata-qemu', handler: 'kata-qemu' }],
      nodes: [
        node('cpu-0', { runtimeHandlers: ['runc'] }),
        node('cpu-1', { runtimeHandlers: [] }),
        node('old-0'),
      ],
    });
    expect(result.verdict).toBe('unknown');
    expect(result.reason).toContain(
      'A sandbox runtime is configured but not shown to work',
    );
    expect(result.reason).toContain(
      'none of the 2 node(s) it can run on reports handler kata-qemu in status.runtimeHandlers (they report: runc; 1 more report no handlers)',
    );
    expect(result.reason).toContain(
      'install and configure the kata-qemu runtime on those nodes or correct the handler name, or run a pod with runtimeClassName kata-qemu to show it works',
    );
    expect(result.evidence[0]).toMatchObject({
      object: { kind: 'RuntimeClass', name: 'kata-qemu' },
    });
  });

  it("fails when every node the class can run on reports its handlers and none reports the class's", () => {
    const result = evaluate({
      runtimeClasses: [{ name: 'kata-qemu', handler: 'kata-qemu' }],
      nodes: [
        node('cpu-0', { runtimeHandlers: ['runc'] }),
        node('cpu-1', { runtimeHandlers: [] }),
      ],
    });
    expect(result.verdict).toBe('fail');
    expect(result.reason).toContain(
      'A sandbox RuntimeClass exists but its runtime is missing, so its pods cannot start',
    );
    expect(result.reason).toContain(
      'none of the 2 node(s) it can run on reports handler kata-qemu in status.runtimeHandlers (they report: runc)',
    );
    // Its pods cannot start there: the advice is to install the runtime, not to run a pod.
    expect(result.reason).toMatch(
      /install and configure the kata-qemu runtime on those nodes or correct the handler name\.$/,
    );
    // one more class that is merely unshown keeps the verdict unknown
    expect(
      evaluate({
        runtimeClasses: [
          { name: 'kata-qemu', handler: 'kata-qemu' },
          { ...gvisor, nodeSelector: { pool: 'sandbox' } },
        ],
        nodes: [node('cpu-0', { runtimeHandlers: ['runc'] })],
      }).verdict,
    ).toBe('unknown');
  });

  it('is unknown, not fail, when the nodes report no runtime handlers at all (older kubelets)', () => {
    const result = evaluate({
      runtimeClasses: [gvisor],
      nodes: [node('cpu-0'), node('cpu-1')],
    });
    expect(result.verdict).toBe('unknown');
    expect(result.reason).toContain(
      'its 2 node(s) report no runtime handlers (status.runtimeHandlers needs Kubernetes 1.30+',
    );
    expect(result.reason).toContain('run a pod with runtimeClassName gvisor');
  });

  it('does not pass on the agent-sandbox API without an Available controller', () => {
    const missing = evaluate({}, AGENT_SANDBOX);
    expect(missing.verdict).toBe('fail');
    expect(missing.reason).toContain(
      'no agent-sandbox controller Deployment was found',
    );
    const down = evaluate({ deployments: [agentController(0)] }, AGENT_SANDBOX);
    expect(down.verdict).toBe('fail');
    expect(down.reason).toContain('its controller is not Available');
    // a look-alike by name only is not the controller
    const named = evaluate(
      {
        deployments: [
          workload('Deployment', 'tools', 'agent-sandbox-controller', 1, 1, {
            images: ['example.org/dashboard:1'],
            labels: {},
          }),
        ],
      },
      AGENT_SANDBOX,
    );
    expect(named.verdict).toBe('fail');
  });

  it('passes with the agent-sandbox API and its controller Available', () => {
    const result = evaluate(
      { deployments: [agentController(1)] },
      AGENT_SANDBOX,
    );
    expect(result.verdict).toBe('pass');
    expect(result.reason).toContain(
      'the agent-sandbox controller agent-sandbox-system/agent-sandbox-controller is Available',
    );
    expect(result.evidence).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          object: expect.objectContaining({
            kind: 'Deployment',
            name: 'agent-sandbox-controller',
          }),
          value: true,
        }),
      ]),
    );
  });

  it('is unknown for unrecognised handlers', () => {
    const result = evaluate({
      runtimeClasses: [{ name: 'secure', handler: 'mystery' }],
    });
    expect(result.verdict).toBe('unknown');
    expect(result.reason).toContain(
      'No recognised sandbox runtime was found. RuntimeClasses with unrecognised handlers exist (secure: mystery)',
    );
  });

  it('fails with only plain runtimes, also behind a sandbox-like class name', () => {
    for (const runtimeClasses of [
      [],
      [{ name: 'nvidia', handler: 'nvidia' }],
      [{ name: 'gvisor', handler: 'runc' }],
    ]) {
      const result = evaluate({
        runtimeClasses,
        nodes: [node('cpu-0', { runtimeHandlers: ['runc', 'runsc'] })],
      });
      expect([runtimeClasses, result.verdict]).toEqual([
        runtimeClasses,
        'fail',
      ]);
    }
  });

  it('is error when a read that decides it was refused', () => {
    expect(evaluateWithRefused({}, 'runtimeClasses').verdict).toBe('error');
    const nodes = evaluateWithRefused({ runtimeClasses: [gvisor] }, 'nodes');
    expect(nodes.verdict).toBe('error');
    expect(nodes.reason).toContain('Forbidden (403)');
    expect(
      evaluateWithRefused(
        { runtimeClasses: [gvisor], nodes: [node('cpu-0')] },
        'pods',
      ).verdict,
    ).toBe('error');
    expect(evaluateWithRefused({}, 'deployments', AGENT_SANDBOX).verdict).toBe(
      'error',
    );
  });

  it('does not depend on nodes, pods or Deployments when nothing sandbox-like exists', () => {
    for (const refused of ['nodes', 'pods', 'deployments'] as const) {
      expect([
        refused,
        evaluateWithRefused({ runtimeClasses: [] }, refused).verdict,
      ]).toEqual([refused, 'fail']);
    }
  });
});
