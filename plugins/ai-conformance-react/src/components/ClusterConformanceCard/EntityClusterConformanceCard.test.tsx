import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import type { Entity } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import {
  type AiConformanceApi,
  type FleetSummary,
  findClusterForEntity,
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
  // The backend's lookup by entity ref, answered from the given fleet.
  const api = {
    getClusterByEntity: jest.fn(async ref => {
      const found = findClusterForEntity(fleet.clusters, ref);
      if (!found) {
        throw await ResponseError.fromResponse(
          new Response(
            JSON.stringify({ error: { name: 'NotFoundError', message: 'x' } }),
            { status: 404, headers: { 'Content-Type': 'application/json' } },
          ),
        );
      }
      return found;
    }),
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
    expect(api.getClusterByEntity).toHaveBeenCalledWith({
      kind: 'Resource',
      namespace: 'default',
      name: 'gpu-east',
    });
  });

  it('explains what to check when the backend does not know the entity', async () => {
    const api = await render({ clusters: [], conformantByChecklist: {} });
    expect(
      await screen.findByText(/does not evaluate this cluster/),
    ).toBeInTheDocument();
    expect(api.getScorecard).not.toHaveBeenCalled();
  });

  it('shows an error other than 404 instead of hiding it', async () => {
    const api = {
      getClusterByEntity: jest.fn(async () => {
        throw new Error('backend unreachable');
      }),
      getScorecard: jest.fn(),
    } as unknown as AiConformanceApi;
    await renderInTestApp(
      <TestApiProvider apis={[[aiConformanceApiRef, api]]}>
        <EntityProvider entity={entity}>
          <EntityClusterConformanceCard />
        </EntityProvider>
      </TestApiProvider>,
    );
    expect(await screen.findByText(/backend unreachable/)).toBeInTheDocument();
  });
});
