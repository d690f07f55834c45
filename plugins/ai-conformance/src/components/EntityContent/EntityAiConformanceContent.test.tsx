import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import type { Entity } from '@backstage/catalog-model';
import { aiConformanceApiRef } from '@internal/plugin-ai-conformance-react';
import { screen } from '@testing-library/react';
import { mockApi } from '../../__fixtures__/data';
import { EntityAiConformanceContent } from './EntityAiConformanceContent';

function entity(name: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name, namespace: 'default' },
    spec: { type: 'kubernetes-cluster' },
  };
}

async function render(name: string, api = mockApi()) {
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [aiConformanceApiRef, api],
        [permissionApiRef, mockApis.permission()],
      ]}
    >
      <EntityProvider entity={entity(name)}>
        <EntityAiConformanceContent />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
  return api;
}

describe('EntityAiConformanceContent', () => {
  it('shows the scorecard of the cluster behind the entity', async () => {
    const api = await render('gpu-east');
    expect(await screen.findByText('Gang scheduling')).toBeInTheDocument();
    expect(api.getScorecard).toHaveBeenCalledWith('resource:default/gpu-east');
    // Without the plugin page mounted, links to it are left out rather than crashing.
    expect(
      screen.queryByRole('link', {
        name: /See this requirement across the fleet/,
      }),
    ).not.toBeInTheDocument();
  });

  it('explains what to check when the backend does not evaluate the entity', async () => {
    const api = await render('unknown-cluster');
    expect(
      await screen.findByText(
        'This cluster is not evaluated for AI conformance',
      ),
    ).toBeInTheDocument();
    expect(api.getScorecard).not.toHaveBeenCalled();
  });
});
