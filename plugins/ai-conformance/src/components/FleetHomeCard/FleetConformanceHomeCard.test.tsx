import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { aiConformanceApiRef } from '@internal/plugin-ai-conformance-react';
import { screen } from '@testing-library/react';
import { fleetMatrix, mockApi } from '../../__fixtures__/data';
import { rootRouteRef } from '../../routes';
import { FleetConformanceHomeCardContent } from './FleetConformanceHomeCard';

describe('FleetConformanceHomeCardContent', () => {
  it('shows conformant clusters overall and per provider, linking to the filtered fleet', async () => {
    const api = mockApi({
      getFleet: jest.fn(async () => ({
        clusters: fleetMatrix().rows,
        conformantByChecklist: { '1.34': 1 },
      })),
    });
    await renderInTestApp(
      <TestApiProvider apis={[[aiConformanceApiRef, api]]}>
        <FleetConformanceHomeCardContent />
      </TestApiProvider>,
      { mountedRoutes: { '/ai-conformance': rootRouteRef } },
    );
    expect(await screen.findByText(/1 of 3/)).toBeInTheDocument();
    expect(
      screen.getByRole('progressbar', {
        name: 'Google Cloud: 1 of 1 clusters conformant',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('progressbar', {
        name: 'AWS: 0 of 1 clusters conformant',
      }),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'AWS' })).toHaveAttribute(
      'href',
      '/ai-conformance?provider=aws',
    );
    expect(
      screen.getByText('1 not conformant · 1 cannot be evaluated'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Open the matrix' }),
    ).toHaveAttribute('href', '/ai-conformance?tab=matrix&group=provider');
  });
});
