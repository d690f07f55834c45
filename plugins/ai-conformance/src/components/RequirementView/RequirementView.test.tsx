import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { aiConformanceApiRef } from '@internal/plugin-ai-conformance-react';
import { screen } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import { mockApi } from '../../__fixtures__/data';
import { rootRouteRef } from '../../routes';
import { RequirementView } from './RequirementView';

async function render(api = mockApi()) {
  await renderInTestApp(
    <TestApiProvider apis={[[aiConformanceApiRef, api]]}>
      <Routes>
        <Route
          path="/requirements/:requirementId"
          element={<RequirementView />}
        />
      </Routes>
    </TestApiProvider>,
    {
      routeEntries: ['/requirements/gang_scheduling'],
      mountedRoutes: { '/ai-conformance': rootRouteRef },
    },
  );
  return api;
}

describe('RequirementView', () => {
  it('shows the requirement and its latest verdict on every cluster', async () => {
    const api = await render(
      mockApi({
        getRequirementAcrossFleet: jest.fn(async (id: string) => ({
          id,
          clusters: [
            {
              cluster: 'resource:default/gpu-east',
              name: 'gpu-east',
              entityRef: 'resource:default/gpu-east',
              checklistVersion: '1.35',
              level: 'MUST' as const,
              verdict: 'fail' as const,
              reason: 'No gang scheduler found',
              evaluatedAt: new Date().toISOString(),
            },
            {
              cluster: 'config:tpu-west',
              name: 'tpu-west',
              checklistVersion: '1.34',
              level: 'MUST' as const,
              verdict: 'pass' as const,
              reason: 'Kueue is installed and admits workloads',
              evaluatedAt: new Date().toISOString(),
            },
          ],
        })),
      }),
    );

    expect(
      await screen.findByRole('heading', { name: 'Gang scheduling' }),
    ).toBeInTheDocument();
    expect(api.getRequirementAcrossFleet).toHaveBeenCalledWith(
      'gang_scheduling',
    );
    expect(screen.getByText('How we check')).toBeInTheDocument();
    expect(screen.getByText('1.33: MUST')).toBeInTheDocument();

    const tally = screen.getByLabelText('Verdicts across the fleet');
    expect(tally).toHaveTextContent('1 Pass');
    expect(tally).toHaveTextContent('1 Fail');
    expect(tally).toHaveTextContent('0 Error');

    expect(screen.getByRole('link', { name: 'tpu-west' })).toHaveAttribute(
      'href',
      // the identity, URI-encoded
      '/ai-conformance/clusters/config%3Atpu-west',
    );
    expect(screen.getByText('No gang scheduler found')).toBeInTheDocument();
  });

  it('explains an empty result', async () => {
    await render();
    expect(
      await screen.findByText(
        'No cluster has a verdict for this requirement yet',
      ),
    ).toBeInTheDocument();
  });
});
