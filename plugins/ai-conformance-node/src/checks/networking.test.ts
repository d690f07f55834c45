import { context, makeFacts, node, withDefaults } from '../__testUtils__/facts';
import { advancedInferenceIngress } from './advancedInferenceIngress';
import { aiInference } from './aiInference';
import { disaggregatedInference } from './disaggregatedInference';
import { highPerformanceNetworking } from './highPerformanceNetworking';
import { RequirementCheck } from './RequirementCheck';
import { PodFact } from '../gather/factTypes';

const run = (check: RequirementCheck, facts: ReturnType<typeof makeFacts>) =>
  check.evaluate(
    withDefaults(facts, check.reads),
    context({ checklistVersion: '1.37' }),
  );
const GATEWAY = {
  'gateway.networking.k8s.io/v1': [
    'gatewayclasses',
    'gateways',
    'httproutes',
    'grpcroutes',
  ],
};
const accepted = [{ type: 'Accepted', status: 'True' }];

describe('ai_inference', () => {
  it('passes with an Accepted GatewayClass', () => {
    const result = run(
      aiInference,
      makeFacts({
        served: GATEWAY,
        values: {
          gatewayClasses: [
            {
              name: 'istio',
              controllerName: 'istio.io/gateway-controller',
              conditions: accepted,
            },
          ],
          gateways: [
            {
              namespace: 'ml',
              name: 'gw',
              gatewayClassName: 'istio',
              conditions: [{ type: 'Programmed', status: 'True' }],
            },
          ],
        },
      }),
    );
    expect(result.verdict).toBe('pass');
    expect(result.reason).toContain('istio.io/gateway-controller');
    expect(
      result.evidence.find(e => e.object?.kind === 'Gateway')?.object,
    ).toEqual({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      name: 'gw',
      namespace: 'ml',
    });
  });

  it('does not pass on an Accepted GatewayClass alone: unknown without a Gateway, fail when no Gateway is Programmed', () => {
    const istio = {
      name: 'istio',
      controllerName: 'istio.io/gateway-controller',
      conditions: accepted,
    };
    const classOnly = run(
      aiInference,
      makeFacts({ served: GATEWAY, values: { gatewayClasses: [istio] } }),
    );
    expect(classOnly.verdict).toBe('unknown');
    const stale = run(
      aiInference,
      makeFacts({
        served: GATEWAY,
        values: {
          gatewayClasses: [istio],
          gateways: [
            {
              namespace: 'ml',
              name: 'gw',
              gatewayClassName: 'istio',
              generation: 3,
              conditions: [
                { type: 'Programmed', status: 'True', observedGeneration: 2 },
              ],
            },
          ],
        },
      }),
    );
    expect(stale.verdict).toBe('fail');
    expect(stale.reason).toContain('none is Programmed');
    const otherClass = run(
      aiInference,
      makeFacts({
        served: GATEWAY,
        values: {
          gatewayClasses: [istio],
          gateways: [
            {
              namespace: 'ml',
              name: 'gw',
              gatewayClassName: 'unaccepted',
              conditions: [{ type: 'Programmed', status: 'True' }],
            },
          ],
        },
      }),
    );
    expect(otherClass.verdict).toBe('unknown');
  });

  it('fails when the API is absent or no class is Accepted', () => {
    expect(
      run(aiInference, makeFacts({ served: { v1: ['nodes'] } })).verdict,
    ).toBe('fail');
    const result = run(
      aiInference,
      makeFacts({
        served: GATEWAY,
        values: {
          gatewayClasses: [
            {
              name: 'x',
              controllerName: 'c',
              conditions: [{ type: 'Accepted', status: 'False' }],
            },
          ],
        },
      }),
    );
    expect(result.verdict).toBe('fail');
    expect(result.reason).toContain('no GatewayClass is Accepted');
  });

  it('throws for the engine to report an error when GatewayClasses are forbidden', () => {
    const facts = makeFacts({
      served: GATEWAY,
      errors: { gatewayClasses: 'Forbidden (403)' },
    });
    expect(() => aiInference.evaluate(facts, context())).toThrow('Forbidden');
  });
});

describe('advanced_inference_ingress', () => {
  const served = {
    ...GATEWAY,
    'inference.networking.k8s.io/v1': ['inferencepools'],
  };
  const pool = {
    apiVersion: 'inference.networking.k8s.io/v1',
    namespace: 'ml',
    name: 'pool',
    hasEndpointPicker: true,
    endpointPicker: { kind: 'Service', name: 'pool-epp' },
    accepted: true,
  };
  const gateway = {
    namespace: 'ml',
    name: 'gw',
    gatewayClassName: 'istio',
    conditions: [{ type: 'Programmed', status: 'True' }],
  };
  const route = (conditions: Array<{ type: string; status: string }>) => ({
    namespace: 'ml',
    name: 'r',
    backendRefs: [
      {
        group: 'inference.networking.k8s.io',
        kind: 'InferencePool',
        name: 'pool',
      },
    ],
    parentRefKinds: ['Gateway'],
    parents: [
      {
        controllerName: 'istio.io/gateway-controller',
        conditions,
        parentRef: { kind: 'Gateway', name: 'gw', namespace: 'ml' },
      },
    ],
  });
  const admitted = route([
    { type: 'Accepted', status: 'True' },
    { type: 'ResolvedRefs', status: 'True' },
  ]);
  const epp = (ready: number) => [
    { namespace: 'ml', name: 'pool-epp', ready, notReady: 0 },
  ];

  it('passes when an Accepted, ResolvedRefs route on a Programmed Gateway feeds a pool whose endpoint picker runs', () => {
    const result = run(
      advancedInferenceIngress,
      makeFacts({
        served,
        values: {
          inferencePools: [pool],
          httpRoutes: [admitted],
          gateways: [gateway],
          serviceEndpoints: epp(1),
        },
      }),
    );
    expect(result.verdict).toBe('pass');
  });

  it('fails a routed pool whose route is not ResolvedRefs, whose Gateway is not Programmed or whose picker does not run', () => {
    const unresolved = run(
      advancedInferenceIngress,
      makeFacts({
        served,
        values: {
          inferencePools: [pool],
          httpRoutes: [
            route([
              { type: 'Accepted', status: 'True' },
              { type: 'ResolvedRefs', status: 'False' },
            ]),
          ],
          gateways: [gateway],
          serviceEndpoints: epp(1),
        },
      }),
    );
    expect(unresolved.verdict).toBe('fail');
    expect(unresolved.reason).toContain('not Accepted with ResolvedRefs');
    const gatewayDown = run(
      advancedInferenceIngress,
      makeFacts({
        served,
        values: {
          inferencePools: [pool],
          httpRoutes: [admitted],
          gateways: [
            {
              ...gateway,
              conditions: [{ type: 'Programmed', status: 'False' }],
            },
          ],
          serviceEndpoints: epp(1),
        },
      }),
    );
    expect(gatewayDown.verdict).toBe('fail');
    const pickerDown = run(
      advancedInferenceIngress,
      makeFacts({
        served,
        values: {
          inferencePools: [pool],
          httpRoutes: [admitted],
          gateways: [gateway],
          serviceEndpoints: epp(0),
        },
      }),
    );
    expect(pickerDown.verdict).toBe('fail');
    expect(pickerDown.reason).toContain(
      'endpoint picker pool-epp has no ready endpoint',
    );
  });

  it('does not pass on a pool whose status says Accepted when no route reaches it', () => {
    expect(
      run(
        advancedInferenceIngress,
        makeFacts({
          served,
          values: { inferencePools: [pool], serviceEndpoints: epp(1) },
        }),
      ).verdict,
    ).toBe('unknown');
  });
  it('is unknown when the API exists but nothing is routed', () => {
    expect(run(advancedInferenceIngress, makeFacts({ served })).verdict).toBe(
      'unknown',
    );
  });
  it('fails without the InferencePool API', () => {
    expect(
      run(advancedInferenceIngress, makeFacts({ served: GATEWAY })).verdict,
    ).toBe('fail');
  });
});

describe('high_performance_networking', () => {
  it('passes with a network DRA driver', () => {
    const result = run(
      highPerformanceNetworking,
      makeFacts({
        values: {
          resourceSlices: [
            {
              name: 'n-dra.net',
              driver: 'dra.net',
              nodeName: 'n',
              pool: { name: 'n', generation: 1, resourceSliceCount: 1 },
              sharedCounters: false,
              devices: [
                {
                  name: 'eth1',
                  attributes: { rdma: true },
                  consumesCounters: false,
                  allowMultipleAllocations: false,
                },
              ],
            },
          ],
        },
      }),
    );
    expect(result.verdict).toBe('pass');
    expect(result.reason).toContain('DRA');
  });
  it('passes without DRA when Multus or RDMA resources exist, and says so', () => {
    const result = run(
      highPerformanceNetworking,
      makeFacts({
        served: { 'k8s.cni.cncf.io/v1': ['network-attachment-definitions'] },
        values: {
          nodes: [
            node('n', { allocatable: { 'rdma/hca_shared_devices_a': '10' } }),
          ],
        },
      }),
    );
    expect(result.verdict).toBe('pass');
    expect(result.reason).toContain('without DRA');
  });
  it('is not applicable with a reason when nothing is found', () => {
    const result = run(
      highPerformanceNetworking,
      makeFacts({ values: { nodes: [node('n')] } }),
    );
    expect(result.verdict).toBe('not-applicable');
    expect(result.reason).toMatch(/applies only if/);
  });
});

describe('disaggregated_inference', () => {
  const pod = (name: string, role: string): PodFact => ({
    namespace: 'ml',
    name,
    labels: { 'llm-d.ai/role': role },
    phase: 'Running',
    privileged: false,
    hostPathDevices: [],
    extendedResources: [],
    usesResourceClaims: false,
  });
  it('passes when prefill and decode pods run', () => {
    const result = run(
      disaggregatedInference,
      makeFacts({
        values: { pods: [pod('p', 'prefill'), pod('d', 'decode')] },
      }),
    );
    expect(result.verdict).toBe('pass');
  });
  it('is unknown with only the API, fails with nothing', () => {
    expect(
      run(
        disaggregatedInference,
        makeFacts({
          served: { 'leaderworkerset.x-k8s.io/v1': ['leaderworkersets'] },
          values: { pods: [pod('p', 'prefill')] },
        }),
      ).verdict,
    ).toBe('unknown');
    expect(run(disaggregatedInference, makeFacts({})).verdict).toBe('fail');
  });
});
