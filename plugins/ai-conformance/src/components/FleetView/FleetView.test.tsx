import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { alertApiRef } from '@backstage/core-plugin-api';
import { aiConformanceApiRef } from '@internal/plugin-ai-conformance-react';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { mockApi } from '../../__fixtures__/data';
import { rootRouteRef } from '../../routes';
import { FleetView } from './FleetView';

function render(api = mockApi()) {
  const alertApi = { post: jest.fn(), alert$: jest.fn() };
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [aiConformanceApiRef, api],
        [alertApiRef, alertApi],
      ]}
    >
      <FleetView />
    </TestApiProvider>,
    {
      mountedRoutes: {
        '/ai-conformance': rootRouteRef,
        '/catalog/:namespace/:kind/:name': entityRouteRef,
      },
    },
  ).then(() => ({ api, alertApi }));
}

function clusterRows() {
  const table = screen
    .getByText(/^Clusters \(/)
    .closest('div[class*="MuiPaper"]') as HTMLElement;
  return within(table);
}

describe('FleetView', () => {
  it('lists every cluster with its readiness, status and a link to its scorecard', async () => {
    await render();
    expect(await screen.findByText('Clusters (3 of 3)')).toBeInTheDocument();

    const rows = clusterRows();
    expect(rows.getByRole('link', { name: 'gpu-east' })).toHaveAttribute(
      'href',
      '/ai-conformance/clusters/resource%3Adefault%2Fgpu-east',
    );
    expect(rows.getByText('Not conformant')).toBeInTheDocument();
    expect(rows.getByText('Conformant')).toBeInTheDocument();
    expect(rows.getByText('Not evaluated')).toBeInTheDocument();
    expect(
      rows.getByText(
        /rejected the token \(401\); renew the service account token/,
      ),
    ).toBeInTheDocument();
    expect(rows.getByText('from app-config')).toBeInTheDocument();
  });

  it('shows headline numbers', async () => {
    await render();
    const conformant = await screen.findByRole('region', {
      name: 'Conformant',
    });
    expect(within(conformant).getByText('1')).toBeInTheDocument();
    expect(within(conformant).getByText('1 on 1.34')).toBeInTheDocument();
    const failing = screen.getByRole('region', { name: 'Cannot be evaluated' });
    expect(within(failing).getByText('1')).toBeInTheDocument();
  });

  it('filters by checklist version', async () => {
    await render();
    await screen.findByText('Clusters (3 of 3)');

    fireEvent.mouseDown(screen.getByLabelText('Checklist version'));
    fireEvent.click(await screen.findByRole('option', { name: '1.34' }));

    expect(await screen.findByText('Clusters (1 of 3)')).toBeInTheDocument();
    const rows = clusterRows();
    expect(rows.getByText('tpu-west')).toBeInTheDocument();
    expect(rows.queryByText('gpu-east')).not.toBeInTheDocument();
  });

  it('filters by conformance', async () => {
    await render();
    await screen.findByText('Clusters (3 of 3)');

    fireEvent.mouseDown(screen.getByLabelText('Conformance'));
    fireEvent.click(
      await screen.findByRole('option', { name: 'Not evaluated' }),
    );

    expect(await screen.findByText('Clusters (1 of 3)')).toBeInTheDocument();
    expect(clusterRows().getByText('edge-lab')).toBeInTheDocument();
  });

  it('tells the user how to register a cluster when there is none', async () => {
    await render(
      mockApi({
        getFleet: jest.fn(async () => ({
          clusters: [],
          conformantByChecklist: {},
        })),
      }),
    );
    expect(await screen.findByText('No clusters yet')).toBeInTheDocument();
    expect(
      screen.getByText(/Register a Resource of type kubernetes-cluster/),
    ).toBeInTheDocument();
  });

  it('shows the backend error', async () => {
    await render(
      mockApi({
        getFleet: jest.fn(async () =>
          Promise.reject(new Error('Backend unavailable')),
        ),
      }),
    );
    expect(
      await screen.findByText(/Could not load the fleet/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /^Backend unavailable\. Check that the ai-conformance backend/,
      ),
    ).toBeInTheDocument();
    // An expected condition: no stack trace on screen.
    expect(document.body.textContent).not.toMatch(/at .*\.tsx?:\d+/);
  });

  it('downloads the fleet CSV through the API client', async () => {
    const createObjectURL = jest.fn(() => 'blob:csv');
    const revokeObjectURL = jest.fn();
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(() => {});

    const { api } = await render();
    await screen.findByText('Clusters (3 of 3)');
    fireEvent.click(screen.getByRole('button', { name: /Download CSV/ }));

    await waitFor(() => expect(click).toHaveBeenCalled());
    expect(api.exportCsv).toHaveBeenCalled();
    expect(createObjectURL).toHaveBeenCalledWith(expect.any(Blob));
    const anchor = click.mock.contexts[0] as HTMLAnchorElement;
    expect(anchor.download).toBe('ai-conformance-fleet.csv');
    click.mockRestore();
  });

  it('lists the requirement catalogue with links to each requirement', async () => {
    await render();
    const link = await screen.findByRole('link', { name: 'Gang scheduling' });
    expect(link).toHaveAttribute(
      'href',
      '/ai-conformance/requirements/gang_scheduling',
    );
  });
});
