import { reducePod } from '../gather/reduce';
import { effectivePodRequests } from './podRequests';

const requests = (object: object) =>
  Object.fromEntries(
    effectivePodRequests(reducePod(object as any).resourceRequests).requests,
  );

function pod(spec: object) {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { namespace: 'ml', name: 'p' },
    spec,
    status: { phase: 'Running' },
  };
}

describe('effectivePodRequests (the scheduler rule)', () => {
  it('sums app containers', () => {
    expect(
      requests(
        pod({
          containers: [
            {
              name: 'a',
              resources: { requests: { cpu: '1', 'nvidia.com/gpu': '2' } },
            },
            {
              name: 'b',
              resources: { requests: { cpu: '500m', 'nvidia.com/gpu': '1' } },
            },
            { name: 'c' },
          ],
        }),
      ),
    ).toEqual({ cpu: 1.5, 'nvidia.com/gpu': 3 });
  });

  it('takes the largest init container when it exceeds the app containers', () => {
    expect(
      requests(
        pod({
          initContainers: [
            {
              name: 'warmup',
              resources: { requests: { 'nvidia.com/gpu': '4' } },
            },
            { name: 'fetch', resources: { requests: { cpu: '2' } } },
          ],
          containers: [
            {
              name: 'main',
              resources: { requests: { cpu: '1', 'nvidia.com/gpu': '1' } },
            },
          ],
        }),
      ),
    ).toEqual({ cpu: 2, 'nvidia.com/gpu': 4 });
  });

  it('counts sidecars (restartPolicy Always) with the app containers and beside later init containers', () => {
    expect(
      requests(
        pod({
          initContainers: [
            {
              name: 'proxy',
              restartPolicy: 'Always',
              resources: { requests: { 'nvidia.com/gpu': '1' } },
            },
            // runs next to the proxy: 2 + 1 = 3 at this step
            {
              name: 'convert',
              resources: { requests: { 'nvidia.com/gpu': '2' } },
            },
          ],
          containers: [
            {
              name: 'main',
              resources: { requests: { 'nvidia.com/gpu': '1' } },
            },
          ],
        }),
      ),
    ).toEqual({ 'nvidia.com/gpu': 3 });
    expect(
      requests(
        pod({
          initContainers: [
            {
              name: 'proxy',
              restartPolicy: 'Always',
              resources: { requests: { 'nvidia.com/gpu': '1' } },
            },
          ],
          containers: [
            {
              name: 'main',
              resources: { requests: { 'nvidia.com/gpu': '2' } },
            },
          ],
        }),
      ),
    ).toEqual({ 'nvidia.com/gpu': 3 });
  });

  it('adds the RuntimeClass overhead and applies pod-level cpu/memory', () => {
    expect(
      requests(
        pod({
          overhead: { cpu: '250m', memory: '120Mi' },
          resources: { requests: { cpu: '4', memory: '1Gi' } },
          containers: [
            {
              name: 'main',
              resources: {
                requests: { cpu: '1', memory: '512Mi', 'amd.com/gpu': '1' },
              },
            },
          ],
        }),
      ),
    ).toEqual({
      cpu: 4.25,
      memory: 2 ** 30 + 120 * 2 ** 20,
      'amd.com/gpu': 1,
    });
  });

  it('reports malformed quantities and leaves them out', () => {
    const result = effectivePodRequests(
      reducePod(
        pod({
          containers: [
            {
              name: 'main',
              resources: { requests: { 'nvidia.com/gpu': 'two', cpu: '1' } },
            },
          ],
        }) as any,
      ).resourceRequests,
    );
    expect(Object.fromEntries(result.requests)).toEqual({ cpu: 1 });
    expect(result.malformed).toEqual([
      { resource: 'nvidia.com/gpu', value: 'two' },
    ]);
  });

  it('a pod without requests has none', () => {
    expect(
      reducePod(pod({ containers: [{ name: 'x' }] }) as any).resourceRequests,
    ).toBeUndefined();
    expect(effectivePodRequests(undefined).requests.size).toBe(0);
  });

  it('computes only the resources asked for, with the same figures, and parses nothing else', () => {
    const fact = reducePod(
      pod({
        initContainers: [
          {
            name: 'sidecar',
            restartPolicy: 'Always',
            resources: { requests: { cpu: '1', 'nvidia.com/gpu': '1' } },
          },
          {
            name: 'prepare',
            resources: { requests: { cpu: '4', 'nvidia.com/gpu': '4' } },
          },
        ],
        containers: [
          {
            name: 'main',
            resources: {
              requests: { cpu: 'lots', memory: '1Gi', 'nvidia.com/gpu': '2' },
            },
          },
        ],
        overhead: { cpu: '100m' },
      }) as any,
    ).resourceRequests;
    const all = effectivePodRequests(fact);
    const gpus = effectivePodRequests(fact, r => r === 'nvidia.com/gpu');
    expect(Object.fromEntries(gpus.requests)).toEqual({ 'nvidia.com/gpu': 5 });
    expect(gpus.requests.get('nvidia.com/gpu')).toBe(
      all.requests.get('nvidia.com/gpu'),
    );
    // The malformed cpu quantity is left unparsed, so it is not reported either.
    expect(all.malformed).toEqual([{ resource: 'cpu', value: 'lots' }]);
    expect(gpus.malformed).toEqual([]);
  });
});
