import { kwokNode } from './nodes';
import { container, deployment, ns, Scenario } from './types';

export const bare: Scenario = {
  name: 'bare',
  description: 'A plain CPU cluster: no accelerators, no AI add-ons',
  async build() {
    return {
      crds: [],
      nodes: [0, 1, 2].map(i =>
        kwokNode({
          name: `cpu-${i}`,
          instanceType: 'e2-standard-8',
          zone: `europe-west4-${'abc'[i]}`,
          cpu: 8,
          memoryGi: 32,
          labels: { 'cloud.google.com/gke-nodepool': 'default-pool' },
        }),
      ),
      objects: () => [
        ns('web'),
        deployment('web', 'frontend', 3, {
          containers: [
            container('nginx', 'nginx:1.29', { cpu: '250m', memory: '256Mi' }),
          ],
        }),
      ],
      statuses: [],
    };
  },
};
