import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { ResponseError } from '@backstage/errors';
import { aiConformanceApiRef } from '@internal/plugin-ai-conformance-react';
import { screen, within } from '@testing-library/react';
import { clusterCapacity } from '../../__fixtures__/capacity';
import { mockApi } from '../../__fixtures__/data';
import { rootRouteRef } from '../../routes';
import { ClusterCapacityContent } from './ClusterCapacityContent';
import { nodeRows } from './NodeCapacityTable';

async function render(api = mockApi()) {
  await renderInTestApp(
    <TestApiProvider apis={[[aiConformanceApiRef, api]]}>
      <ClusterCapacityContent cluster="gpu-east" />
    </TestApiProvider>,
    { mountedRoutes: { '/ai-conformance': rootRouteRef } },
  );
  return api;
}

describe('ClusterCapacityContent', () => {
  it('shows per model physical, allocatable, allocated and free, with MIG partitions as units', async () => {
    const api = await render();
    expect(api.getClusterCapacity).toHaveBeenCalledWith('gpu-east');
    await screen.findByText('Accelerators by model');
    // the models table comes before the nodes table
    const h100 = screen.getAllByText('NVIDIA-H100-80GB-HBM3')[0].closest('tr')!;
    // physical 20 and allocatable 20; allocated 11, free 9
    expect(within(h100).getAllByText('20', { selector: 'td' })).toHaveLength(2);
    expect(
      within(h100).getByText('11', { selector: 'td' }),
    ).toBeInTheDocument();
    expect(within(h100).getByText('9', { selector: 'td' })).toBeInTheDocument();
    expect(within(h100).getByText('11/20 (55%)')).toBeInTheDocument();
    const a100 = screen.getAllByText('NVIDIA-A100-SXM4-80GB')[0].closest('tr')!;
    expect(
      within(a100).getByText(
        /nvidia\.com\/mig-1g\.10gb \(partition\): 3\/14 allocated, 11 free/,
      ),
    ).toBeInTheDocument();
  });

  it('lists nodes with utilisation, DRA devices, pending demand, queue quotas and unknown accelerators', async () => {
    await render();
    expect(await screen.findByText('gpu-h100-0')).toBeInTheDocument();
    expect(screen.getByLabelText('7 of 8 allocated')).toBeInTheDocument();
    expect(screen.getByText('DRA devices')).toBeInTheDocument();
    expect(
      screen.getByText('allocated: ml-serving/dra-inference-0'),
    ).toBeInTheDocument();
    expect(screen.getByText('trainer-0')).toBeInTheDocument();
    expect(
      screen.getByText('Unschedulable pods ask for 16 nvidia.com/gpu'),
    ).toBeInTheDocument();
    expect(screen.getByText('gpu-cluster-queue')).toBeInTheDocument();
    expect(screen.getByLabelText('12 of 16 allocated')).toBeInTheDocument();
    expect(
      screen.getByText(/1 unknown accelerator figure\(s\)/),
    ).toBeInTheDocument();
    expect(screen.getByText('Trend')).toBeInTheDocument();
    expect(screen.queryByText(/Something Went Wrong/)).not.toBeInTheDocument();
  });

  it('says when no snapshot was taken yet and when loading fails', async () => {
    const notFound = await ResponseError.fromResponse(
      new Response(
        JSON.stringify({
          error: { name: 'NotFoundError', message: 'no snapshot' },
        }),
        {
          status: 404,
          headers: { 'Content-Type': 'application/json' },
        },
      ),
    );
    await render(
      mockApi({ getClusterCapacity: jest.fn().mockRejectedValue(notFound) }),
    );
    expect(
      await screen.findByText('No capacity snapshot of gpu-east yet'),
    ).toBeInTheDocument();
  });

  it('reports a load error with the server message', async () => {
    await render(
      mockApi({
        getClusterCapacity: jest
          .fn()
          .mockRejectedValue(new Error('backend down')),
      }),
    );
    expect(
      await screen.findByText(/Could not load the capacity of gpu-east/),
    ).toBeInTheDocument();
  });

  it('nodeRows keeps one row per node and vendor with whole-device figures', () => {
    const rows = nodeRows(clusterCapacity().nodes);
    expect(rows.map(r => [r.node, r.allocatable, r.allocated, r.free])).toEqual(
      [
        ['gpu-h100-0', 8, 7, 1],
        ['gpu-h100-1', 8, 2, 6],
        ['gpu-a100-mig', 0, 0, 0],
      ],
    );
    expect(rows[2].units).toBe('nvidia.com/mig-1g.10gb: 3/14');
  });
});
