import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { alertApiRef } from '@backstage/core-plugin-api';
import { aiConformanceApiRef } from '@internal/plugin-ai-conformance-react';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Route, Routes, useLocation } from 'react-router-dom';
import { mockApi } from '../../__fixtures__/data';
import { rootRouteRef } from '../../routes';
import { FleetView } from './FleetView';

/** Shows the current URL, so tests can check that the view's state lives in it. */
function LocationProbe() {
  const location = useLocation();
  return (
    <output data-testid="location">
      {location.pathname + location.search}
    </output>
  );
}

function render(api = mockApi(), url = '/ai-conformance') {
  const alertApi = { post: jest.fn(), alert$: jest.fn() };
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [aiConformanceApiRef, api],
        [alertApiRef, alertApi],
      ]}
    >
      <Routes>
        <Route
          path="/ai-conformance"
          element={
            <>
              <FleetView />
              <LocationProbe />
            </>
          }
        />
      </Routes>
    </TestApiProvider>,
    {
      routeEntries: [url],
      mountedRoutes: {
        '/ai-conformance': rootRouteRef,
        '/catalog/:namespace/:kind/:name': entityRouteRef,
      },
    },
  ).then(() => ({ api, alertApi }));
}

const currentUrl = () => screen.getByTestId('location').textContent;

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
    expect(rows.getByText(/from app-config/)).toBeInTheDocument();
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

  it('filters by checklist version and keeps the filter in the URL', async () => {
    await render();
    await screen.findByText('Clusters (3 of 3)');

    fireEvent.mouseDown(screen.getByLabelText('Checklist version'));
    fireEvent.click(await screen.findByRole('option', { name: '1.34' }));

    expect(await screen.findByText('Clusters (1 of 3)')).toBeInTheDocument();
    const rows = clusterRows();
    expect(rows.getByText('tpu-west')).toBeInTheDocument();
    expect(rows.queryByText('gpu-east')).not.toBeInTheDocument();
    expect(currentUrl()).toBe('/ai-conformance?checklistVersion=1.34');
  });

  it('reproduces a view from its link: provider filter', async () => {
    await render(mockApi(), '/ai-conformance?provider=gcp');
    expect(await screen.findByText('Clusters (1 of 3)')).toBeInTheDocument();
    expect(clusterRows().getByText('tpu-west')).toBeInTheDocument();
    expect(screen.getByLabelText('Provider')).toHaveTextContent('Google Cloud');
  });

  it('filters by owner', async () => {
    await render();
    await screen.findByText('Clusters (3 of 3)');
    fireEvent.mouseDown(screen.getByLabelText('Owner'));
    fireEvent.click(
      await screen.findByRole('option', { name: 'group:default/ml-platform' }),
    );
    expect(await screen.findByText('Clusters (1 of 3)')).toBeInTheDocument();
    expect(currentUrl()).toBe(
      '/ai-conformance?owner=group%3Adefault%2Fml-platform',
    );
  });

  it('filters by verdict', async () => {
    await render();
    await screen.findByText('Clusters (3 of 3)');

    fireEvent.mouseDown(screen.getByLabelText('Verdict'));
    fireEvent.click(
      await screen.findByRole('option', { name: 'Not evaluated' }),
    );

    expect(await screen.findByText('Clusters (1 of 3)')).toBeInTheDocument();
    expect(clusterRows().getByText('edge-lab')).toBeInTheDocument();
  });

  it('tells the user how to register a cluster when there is none', async () => {
    await render(
      mockApi({
        getFleetMatrix: jest.fn(async () => ({
          checklistVersion: '1.37',
          checklistVersions: ['1.37'],
          columns: [],
          rows: [],
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
        getFleetMatrix: jest.fn(async () =>
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

  it('switches to the matrix tab, recorded in the URL, and groups by provider', async () => {
    await render();
    await screen.findByText('Clusters (3 of 3)');
    fireEvent.click(screen.getByRole('tab', { name: 'Matrix' }));
    const grid = await screen.findByRole('grid');
    expect(currentUrl()).toBe('/ai-conformance?tab=matrix');
    expect(
      within(grid)
        .getAllByRole('columnheader')
        .map(h => h.textContent),
    ).toEqual([
      'Cluster',
      'dra_support *',
      'gang_scheduling *',
      'accelerator_metrics *',
    ]);

    fireEvent.mouseDown(screen.getByLabelText('Group by'));
    fireEvent.click(await screen.findByRole('option', { name: 'Provider' }));
    expect(currentUrl()).toBe('/ai-conformance?tab=matrix&group=provider');
    expect(within(grid).getByText('AWS (1)')).toBeInTheDocument();
    expect(within(grid).getByText('Google Cloud (1)')).toBeInTheDocument();
    expect(within(grid).getByText('Not detected (1)')).toBeInTheDocument();
    // Assistive technology counts every row: header, three group rows, three clusters.
    expect(within(grid).getAllByRole('row')).toHaveLength(7);
    expect(grid).toHaveAttribute('aria-rowcount', '7');
  });

  it('shows each verdict with its reason and a link to the evidence', async () => {
    await render(mockApi(), '/ai-conformance?tab=matrix');
    const cell = await screen.findByRole('gridcell', {
      name: /Gang scheduling on gpu-east: Fail\. No gang scheduler/,
    });
    expect(cell).toHaveAttribute(
      'title',
      expect.stringMatching(/No gang scheduler/),
    );
    expect(within(cell).getByText('✗').closest('a')).toHaveAttribute(
      'href',
      '/ai-conformance/clusters/resource%3Adefault%2Fgpu-east?requirement=gang_scheduling',
    );
  });

  it('moves a roving tabindex with the arrow keys and selects a cell with Space', async () => {
    await render(mockApi(), '/ai-conformance?tab=matrix');
    const grid = await screen.findByRole('grid');
    const focusable = () => grid.querySelectorAll('[tabindex="0"]');
    expect(focusable()).toHaveLength(1);
    const start = screen.getByRole('rowheader', { name: /gpu-east/ });
    expect(start).toHaveAttribute('tabindex', '0');

    start.focus();
    fireEvent.keyDown(start, { key: 'ArrowRight' });
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowRight' });
    await waitFor(() =>
      expect(document.activeElement).toHaveAttribute(
        'data-requirement',
        'gang_scheduling',
      ),
    );
    expect(focusable()).toHaveLength(1);

    fireEvent.keyDown(document.activeElement!, { key: ' ' });
    const panel = await screen.findByRole('region', { name: 'Selected cell' });
    expect(
      within(panel).getByText(
        'No gang scheduler (Kueue, Volcano, …) was found',
      ),
    ).toBeInTheDocument();
    expect(currentUrl()).toBe(
      '/ai-conformance?tab=matrix&cell=resource%3Adefault%2Fgpu-east%7Egang_scheduling',
    );
    expect(document.activeElement).toHaveAttribute('aria-selected', 'true');

    fireEvent.keyDown(document.activeElement!, { key: 'End', ctrlKey: true });
    await waitFor(() =>
      expect(document.activeElement).toHaveAttribute(
        'data-requirement',
        'accelerator_metrics',
      ),
    );
  });

  it('shows trends for the range in the URL, with regressions listed', async () => {
    const { api } = await render(
      mockApi(),
      '/ai-conformance?tab=trends&range=7d',
    );
    expect(await screen.findByText('Regressions (1)')).toBeInTheDocument();
    expect(
      screen.getByText('Stopped being conformant (1 MUST failing)'),
    ).toBeInTheDocument();
    const [request] = api.getFleetTrends.mock.calls[0];
    expect(Date.parse(request.until) - Date.parse(request.since)).toBe(
      7 * 24 * 3600_000,
    );
    expect(screen.getByRole('button', { name: '7 days' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );

    fireEvent.click(screen.getByRole('button', { name: '90 days' }));
    expect(currentUrl()).toBe('/ai-conformance?tab=trends&range=90d');
    await waitFor(() => expect(api.getFleetTrends).toHaveBeenCalledTimes(2));
  });
});
