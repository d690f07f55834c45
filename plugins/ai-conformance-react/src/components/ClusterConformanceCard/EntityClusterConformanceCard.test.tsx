import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import type { Entity } from '@backstage/catalog-model';
import type {
  AiConformanceApi,
  FleetSummary,
} from '@internal/plugin-ai-conformance-common';
import { screen } from '@testing-library/react';
import { aiConformanceApiRef } from '../../api';
import { makeScorecard } from '../../__fixtures__/scorecards';
import { EntityClusterConformanceCard } from './EntityClusterConformanceCard';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name: 'gpu-east', namespace: 'default' },
  spec: { type: 'kubernetes-cluster', owner: 'platform' },
};

function render(fleet: FleetSummary) {
  const api = {
    getFleet: jest.fn(async () => fleet),
    getScorecard: jest.fn(async () => makeScorecard()),
  } as unknown as AiConformanceApi;
  return renderInTestApp(
    <TestApiProvider apis={[[aiConformanceApiRef, api]]}>
      <EntityProvider entity={entity}>
        <EntityClusterConformanceCard />
      </EntityProvider>
    </TestApiProvider>,
  ).then(() => api);
}

describe('EntityClusterConformanceCard', () => {
  it('finds the cluster of the entity by its entity ref', async () => {
    const api = await render({
      clusters: [
        {
          cluster: 'east-gpu-prod',
          name: 'east-gpu-prod',
          entityRef: 'resource:default/gpu-east',
          source: 'catalog',
          status: 'ok',
        },
      ],
      conformantByChecklist: {},
    });
    expect(
      await screen.findByText('Not conformant · 1.35'),
    ).toBeInTheDocument();
    expect(api.getScorecard).toHaveBeenCalledWith('east-gpu-prod');
  });

  it('explains what to check when the backend does not know the entity', async () => {
    const api = await render({ clusters: [], conformantByChecklist: {} });
    expect(
      await screen.findByText(/does not evaluate this cluster/),
    ).toBeInTheDocument();
    expect(api.getScorecard).not.toHaveBeenCalled();
  });
});
