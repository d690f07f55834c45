import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { aiConformanceApiRef } from '@internal/plugin-ai-conformance-react';
import { fireEvent, screen, within } from '@testing-library/react';
import { mockApi } from '../../__fixtures__/data';
import { rootRouteRef } from '../../routes';
import { FleetCapacityPage } from './FleetCapacityPage';

async function render(api = mockApi()) {
  await renderInTestApp(
    <TestApiProvider apis={[[aiConformanceApiRef, api]]}>
      <FleetCapacityPage />
    </TestApiProvider>,
    { mountedRoutes: { '/ai-conformance': rootRouteRef } },
  );
  return api;
}

describe('FleetCapacityPage', () => {
  it('totals by model and by provider across clusters', async () => {
    await render();
    const byModel = (await screen.findByText('By model')).closest(
      'div[class*="MuiPaper"]',
    ) as HTMLElement;
    const h100 = within(byModel)
      .getByText('NVIDIA-H100-80GB-HBM3')
      .closest('tr')!;
    // gpu-east 20 + gpu-west 8 physical and allocatable; 11 allocated; 9 + 8 free
    expect(within(h100).getAllByText('28')).toHaveLength(2);
    expect(within(h100).getByText('11')).toBeInTheDocument();
    expect(within(h100).getByText('17')).toBeInTheDocument();
    const byProvider = screen
      .getByText('By provider')
      .closest('div[class*="MuiPaper"]') as HTMLElement;
    expect(within(byProvider).getByText('AWS')).toBeInTheDocument();
    expect(within(byProvider).getByText('Google Cloud')).toBeInTheDocument();
  });

  it('answers "8 free H100s" with the clusters and nodes that can take them', async () => {
    const api = mockApi({
      searchCapacity: jest.fn(async () => ({
        matches: [
          {
            cluster: 'gpu-west',
            takenAt: new Date().toISOString(),
            models: ['NVIDIA-H100-80GB-HBM3'],
            clusterFree: 8,
            nodes: [
              { node: 'west-h100-0', model: 'NVIDIA-H100-80GB-HBM3', free: 8 },
            ],
          },
          {
            cluster: 'gpu-east',
            takenAt: new Date().toISOString(),
            models: ['NVIDIA-H100-80GB-HBM3'],
            clusterFree: 9,
            nodes: [],
          },
        ],
      })),
    });
    await render(api);
    fireEvent.change(await screen.findByLabelText('free units'), {
      target: { value: '8' },
    });
    fireEvent.change(screen.getByLabelText('model'), {
      target: { value: 'H100' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Find capacity' }));
    expect(
      await screen.findByText('Where can I get 8 free H100 now?'),
    ).toBeInTheDocument();
    expect(api.searchCapacity).toHaveBeenCalledWith({
      model: 'H100',
      count: 8,
    });
    expect(screen.getByText('west-h100-0 (8 free)')).toBeInTheDocument();
    expect(
      screen.getByText('none: no single node has that many free'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('1 cluster(s) can take it now'),
    ).toBeInTheDocument();
  });

  it('links a cluster whose identity is an entity ref to its capacity page, encoded as one path segment', async () => {
    const api = mockApi({
      searchCapacity: jest.fn(async () => ({
        matches: [
          {
            cluster: 'resource:default/gpu-west',
            takenAt: new Date().toISOString(),
            models: ['NVIDIA-H100-80GB-HBM3'],
            clusterFree: 8,
            nodes: [
              { node: 'west-h100-0', model: 'NVIDIA-H100-80GB-HBM3', free: 8 },
            ],
          },
        ],
      })),
    });
    await render(api);
    fireEvent.change(await screen.findByLabelText('model'), {
      target: { value: 'H100' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Find capacity' }));
    expect(
      await screen.findByRole('link', { name: 'resource:default/gpu-west' }),
    ).toHaveAttribute(
      'href',
      '/ai-conformance/clusters/resource%3Adefault%2Fgpu-west/capacity',
    );
  });
});
