import type { Entity } from '@backstage/catalog-model';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { kubernetesApiRef } from '@backstage/plugin-kubernetes-react';
import { aiConformanceApiRef } from '@internal/plugin-ai-conformance-react';
import { screen } from '@testing-library/react';
import { fleetMatrix, mockApi } from '../../__fixtures__/data';
import { rootRouteRef } from '../../routes';
import { EntityDeploymentReadinessCard } from './EntityDeploymentReadinessCard';

const fleetApi = () =>
  mockApi({
    getFleet: jest.fn(async () => ({
      clusters: fleetMatrix().rows,
      conformantByChecklist: {},
    })),
  });

const component = (extra: Partial<Entity> = {}): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'chat-api', namespace: 'default' },
  spec: { type: 'service' },
  ...extra,
});

async function render(entity: Entity, kubernetesApi?: object) {
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [aiConformanceApiRef, fleetApi()],
        ...(kubernetesApi
          ? ([[kubernetesApiRef, kubernetesApi]] as const)
          : []),
      ]}
    >
      <EntityProvider entity={entity}>
        <EntityDeploymentReadinessCard />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/ai-conformance': rootRouteRef } },
  );
}

describe('EntityDeploymentReadinessCard', () => {
  it('shows the clusters a Component dependsOn, with their readiness', async () => {
    await render(
      component({
        relations: [
          { type: 'dependsOn', targetRef: 'resource:default/gpu-east' },
        ],
      }),
    );
    expect(
      await screen.findByRole('link', { name: 'gpu-east' }),
    ).toHaveAttribute(
      'href',
      `/ai-conformance/clusters/${encodeURIComponent(
        'resource:default/gpu-east',
      )}`,
    );
    expect(screen.getByText('0 of 1 conformant')).toBeInTheDocument();
    expect(
      screen.getByText(
        /AWS · 1 MUST requirement fails\. · via dependsOn relation/,
      ),
    ).toBeInTheDocument();
  });

  it('adds the clusters where the Kubernetes plugin finds the workloads', async () => {
    const getObjectsByEntity = jest.fn(async () => ({
      items: [
        {
          cluster: { name: 'tpu-west' },
          resources: [{ type: 'pods', resources: [{}] }],
          podMetrics: [],
          errors: [],
        },
        {
          cluster: { name: 'edge-lab' },
          resources: [{ type: 'pods', resources: [] }],
          podMetrics: [],
          errors: [],
        },
      ],
    }));
    await render(
      component({
        metadata: {
          name: 'chat-api',
          annotations: { 'backstage.io/kubernetes-id': 'chat-api' },
        },
      }),
      { getObjectsByEntity },
    );
    expect(
      await screen.findByRole('link', { name: 'tpu-west' }),
    ).toHaveAttribute(
      'href',
      `/ai-conformance/clusters/${encodeURIComponent('config:tpu-west')}`,
    );
    expect(
      screen.queryByRole('link', { name: 'edge-lab' }),
    ).not.toBeInTheDocument();
    expect(screen.getByText('1 of 1 conformant')).toBeInTheDocument();
    expect(getObjectsByEntity).toHaveBeenCalledWith(
      expect.objectContaining({
        entity: expect.objectContaining({ kind: 'Component' }),
      }),
    );
  });

  it('says how to link clusters when none is known', async () => {
    await render(component());
    expect(
      await screen.findByText(
        /No evaluated cluster is known to run this entity/,
      ),
    ).toBeInTheDocument();
  });
});
