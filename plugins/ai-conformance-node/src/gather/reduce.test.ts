import { describeWithShared, readFixture } from '../__testUtils__/facts';
import {
  conditionCurrent,
  deviceHostPath,
  reduceHttpRoute,
  reduceInferencePool,
  reduceNode,
  reducePod,
  reduceServiceEndpoints,
} from './reduce';

describe('reducePod', () => {
  const pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: 'trainer-0',
      namespace: 'team-a',
      labels: { 'pod-template-hash': 'abc' },
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          name: 'trainer-abc',
          controller: true,
        },
        { apiVersion: 'v1', kind: 'ConfigMap', name: 'not-the-controller' },
      ],
    },
    spec: {
      nodeName: 'gpu-0',
      initContainers: [
        {
          name: 'setup',
          image: 'busybox:1',
          securityContext: { privileged: true },
        },
      ],
      containers: [
        {
          name: 'train',
          image: 'nvcr.io/nvidia/pytorch:25.08-py3',
          env: [
            { name: 'HF_TOKEN', value: 'secret-value' },
            { name: 'NVIDIA_VISIBLE_DEVICES', value: 'all' },
            {
              name: 'AWS_NEURON_VISIBLE_DEVICES',
              valueFrom: { configMapKeyRef: { name: 'c', key: 'k' } },
            },
          ],
          resources: { limits: { 'nvidia.com/gpu': '1' } },
        },
      ],
      ephemeralContainers: [
        {
          name: 'debugger',
          image: 'ubuntu:24.04',
          targetContainerName: 'train',
          securityContext: { privileged: true },
          env: [{ name: 'CUDA_VISIBLE_DEVICES', value: '0' }],
        },
      ],
      volumes: [
        { name: 'a', hostPath: { path: '/dev//nvidia0/' } },
        { name: 'b', hostPath: { path: '/var/../dev' } },
        { name: 'c', hostPath: { path: '/' } },
        { name: 'd', hostPath: { path: '/devices' } },
        { name: 'e', emptyDir: {} },
      ],
    },
    status: { phase: 'Running' },
  };

  it('keeps the controlling owner, every container kind and only device-visibility variables', () => {
    const fact = reducePod(pod);
    expect(fact.owner).toEqual({
      kind: 'ReplicaSet',
      name: 'trainer-abc',
      apiVersion: 'apps/v1',
    });
    expect(fact.ownerKind).toBe('ReplicaSet');
    expect(fact.privileged).toBe(true);
    expect(fact.containerSecurity).toEqual([
      { name: 'setup', type: 'init', image: 'busybox:1', privileged: true },
      {
        name: 'train',
        type: 'app',
        image: 'nvcr.io/nvidia/pytorch:25.08-py3',
        privileged: false,
      },
      {
        name: 'debugger',
        type: 'ephemeral',
        image: 'ubuntu:24.04',
        privileged: true,
      },
    ]);
    expect(fact.deviceEnv).toEqual([
      {
        container: 'train',
        containerType: 'app',
        name: 'NVIDIA_VISIBLE_DEVICES',
        value: 'all',
      },
      {
        container: 'train',
        containerType: 'app',
        name: 'AWS_NEURON_VISIBLE_DEVICES',
        fromReference: true,
      },
      {
        container: 'debugger',
        containerType: 'ephemeral',
        name: 'CUDA_VISIBLE_DEVICES',
        value: '0',
      },
    ]);
    expect(JSON.stringify(fact)).not.toContain('secret-value');
    expect(fact.extendedResources).toEqual(['nvidia.com/gpu']);
  });

  it('normalises hostPaths and keeps those that reach device nodes', () => {
    expect(reducePod(pod).hostPathDevices).toEqual([
      '/dev/nvidia0',
      '/dev',
      '/',
    ]);
    expect(
      ['/dev/', '/dev//nvidia0', '/dev/./dri/', 'dev', '/devices', '/proc'].map(
        deviceHostPath,
      ),
    ).toEqual([
      '/dev',
      '/dev/nvidia0',
      '/dev/dri',
      undefined,
      undefined,
      undefined,
    ]);
  });
});

describe('reduceNode', () => {
  const nodeWith = (status: Record<string, unknown>) =>
    reduceNode({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: 'n1' },
      status,
    });

  it('keeps the names of the runtime handlers the kubelet reports, without the default handler', () => {
    expect(
      nodeWith({
        runtimeHandlers: [
          { name: '', features: { recursiveReadOnlyMounts: true } },
          { name: 'runc', features: { recursiveReadOnlyMounts: true } },
          { name: 'runsc', features: { userNamespaces: false } },
        ],
      }).runtimeHandlers,
    ).toEqual(['runc', 'runsc']);
    // only the default handler: the node reports handlers, none of them named
    expect(
      nodeWith({ runtimeHandlers: [{ name: '' }] }).runtimeHandlers,
    ).toEqual([]);
  });

  it('tells a node that reports no runtime handlers (older kubelet) by an undefined list', () => {
    expect(nodeWith({ nodeInfo: {} }).runtimeHandlers).toBeUndefined();
  });
});

describe('conditions, routes, pools and endpoints', () => {
  it('treats a condition of an older generation as stale', () => {
    const conditions = [
      { type: 'Programmed', status: 'True', observedGeneration: 1 },
    ];
    expect(conditionCurrent(conditions, 'Programmed', 1)).toBe(true);
    expect(conditionCurrent(conditions, 'Programmed', 2)).toBe(false);
    expect(
      conditionCurrent(
        [{ type: 'Programmed', status: 'True' }],
        'Programmed',
        2,
      ),
    ).toBe(true);
  });

  it('keeps the endpoint picker Service of either InferencePool version', () => {
    expect(
      reduceInferencePool({
        apiVersion: 'inference.networking.k8s.io/v1',
        metadata: { name: 'p', namespace: 'ml' },
        spec: { endpointPickerRef: { name: 'p-epp', port: { number: 9002 } } },
      } as any).endpointPicker,
    ).toEqual({ kind: 'Service', name: 'p-epp' });
    expect(
      reduceInferencePool({
        apiVersion: 'inference.networking.x-k8s.io/v1alpha2',
        metadata: { name: 'p', namespace: 'ml' },
        spec: { extensionRef: { name: 'p-epp' } },
      } as any).endpointPicker,
    ).toEqual({ kind: 'Service', name: 'p-epp' });
  });

  it('sums ready endpoints per Service (ready unset counts as ready)', () => {
    const slice = (service: string, ready: Array<boolean | undefined>) => ({
      metadata: {
        namespace: 'ray-system',
        name: `${service}-x`,
        labels: { 'kubernetes.io/service-name': service },
      },
      endpoints: ready.map(r => ({
        addresses: ['10.0.0.1'],
        conditions: r === undefined ? {} : { ready: r },
      })),
    });
    expect(
      reduceServiceEndpoints([
        slice('webhook', [true, false]),
        slice('webhook', [undefined]),
        slice('empty', []),
      ] as any),
    ).toEqual([
      { namespace: 'ray-system', name: 'webhook', ready: 2, notReady: 1 },
      { namespace: 'ray-system', name: 'empty', ready: 0, notReady: 0 },
    ]);
  });
});

describeWithShared(
  'route status from real Gateway API objects (../shared fixtures)',
  () => {
    it('reads each parent status with its parentRef', () => {
      const [doc] = readFixture(
        'gateway/gateway-api-v1-gateway-httproute-status-envoy-gateway-testdata.yaml',
      );
      const route = reduceHttpRoute(doc.httpRoutes[0]);
      expect(route.parents[0].parentRef).toEqual({
        kind: 'Gateway',
        name: 'gateway-1',
        namespace: 'envoy-gateway',
      });
      expect(conditionCurrent(route.parents[0].conditions, 'Accepted')).toBe(
        true,
      );
      expect(
        conditionCurrent(route.parents[0].conditions, 'ResolvedRefs'),
      ).toBe(true);
    });
  },
);
