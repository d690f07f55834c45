import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { alertApiRef } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { aiConformanceApiRef } from '@internal/plugin-ai-conformance-react';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { mockApi, runs } from '../../__fixtures__/data';
import { rootRouteRef } from '../../routes';
import { ClusterScorecardContent } from './ClusterScorecardContent';

type Allowed = Partial<Record<string, boolean>>;

// usePermission caches decisions per permission and resource (SWR) across tests, so tests that
// change permissions use a cluster name of their own.
async function render(
  options: {
    api?: ReturnType<typeof mockApi>;
    allowed?: Allowed;
    cluster?: string;
  } = {},
) {
  const cluster = options.cluster ?? 'gpu-east';
  const api = options.api ?? mockApi();
  const allowed = options.allowed ?? {};
  const alertApi = { post: jest.fn(), alert$: jest.fn() };
  const permissionApi = mockApis.permission({
    authorize: request =>
      allowed[request.permission.name]
        ? AuthorizeResult.ALLOW
        : AuthorizeResult.DENY,
  });
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [aiConformanceApiRef, api],
        [alertApiRef, alertApi],
        [permissionApiRef, permissionApi],
      ]}
    >
      <ClusterScorecardContent cluster={cluster} />
    </TestApiProvider>,
    {
      mountedRoutes: {
        '/ai-conformance': rootRouteRef,
        '/catalog/:namespace/:kind/:name': entityRouteRef,
      },
    },
  );
  return { api, alertApi };
}

async function responseError(status: number, name: string, message: string) {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name, message },
        response: { statusCode: status },
      }),
      { status },
    ),
  );
}

describe('ClusterScorecardContent', () => {
  it('groups requirements by category with verdict, level and reason', async () => {
    await render();
    const accelerators = (await screen.findByText('Accelerators')).closest(
      'div[class*="MuiCard-root"]',
    ) as HTMLElement;
    expect(
      within(accelerators).getByText('Dynamic Resource Allocation'),
    ).toBeInTheDocument();
    expect(
      within(accelerators).getByLabelText('Verdict: Pass'),
    ).toBeInTheDocument();
    expect(
      within(accelerators).getByLabelText('Level: MUST'),
    ).toBeInTheDocument();

    const scheduling = screen
      .getByText('Scheduling and orchestration')
      .closest('div[class*="MuiCard-root"]') as HTMLElement;
    expect(
      within(scheduling).getByLabelText('Verdict: Fail'),
    ).toBeInTheDocument();
    expect(
      within(scheduling).getByText(
        'No gang scheduler (Kueue, Volcano, …) was found',
      ),
    ).toBeInTheDocument();
  });

  it('expands a requirement to show our texts, evidence and the fleet link', async () => {
    await render();
    fireEvent.click(await screen.findByText('Dynamic Resource Allocation'));

    expect(await screen.findByText('How we check')).toBeInTheDocument();
    const evidence = screen.getByRole('table', {
      name: 'Evidence for Dynamic Resource Allocation',
    });
    expect(
      within(evidence).getByText('DeviceClass gpu.nvidia.com'),
    ).toBeInTheDocument();
    expect(
      within(evidence).getByText('resource.k8s.io/v1'),
    ).toBeInTheDocument();
    expect(within(evidence).getByText('spec.selectors')).toBeInTheDocument();
    // A passing requirement needs no fix.
    expect(screen.queryByText('How to fix')).not.toBeInTheDocument();
    expect(
      screen.getByRole('link', {
        name: 'See this requirement across the fleet',
      }),
    ).toHaveAttribute('href', '/ai-conformance/requirements/dra_support');
  });

  it('shows what to fix for a failing requirement', async () => {
    await render();
    fireEvent.click(await screen.findByText('Gang scheduling'));
    expect(await screen.findByText('How to fix')).toBeInTheDocument();
  });

  it('can hide requirements that need no attention', async () => {
    await render();
    await screen.findByText('Dynamic Resource Allocation');
    fireEvent.click(
      screen.getByLabelText(/Only show requirements that need attention/),
    );
    expect(
      screen.queryByText('Dynamic Resource Allocation'),
    ).not.toBeInTheDocument();
    expect(screen.getByText('Gang scheduling')).toBeInTheDocument();
  });

  it('summarises the run and reports a regression against the previous run', async () => {
    await render();
    expect(
      await screen.findByText('Not conformant · 1.35'),
    ).toBeInTheDocument();
    expect(screen.getByText('42')).toBeInTheDocument(); // API requests
    expect(
      screen.getByText(
        'Regression: the cluster was conformant in the previous run and is not any more.',
      ),
    ).toBeInTheDocument();
  });

  it('hides "Run now" and exports without permission', async () => {
    await render({ allowed: {}, cluster: 'denied-1' });
    await screen.findByText('Dynamic Resource Allocation');
    expect(
      screen.queryByRole('button', { name: /Run now/ }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: /Export/ }),
    ).not.toBeInTheDocument();
  });

  it('queues a run when allowed and offers active probes only with their permission', async () => {
    const { api, alertApi } = await render({
      allowed: { 'ai-conformance.evaluation.create': true },
      cluster: 'run-1',
    });
    fireEvent.click(await screen.findByRole('button', { name: /Run now/ }));
    expect(await screen.findByText('Evaluate run-1 now')).toBeInTheDocument();
    expect(
      screen.queryByLabelText(/Also run active probes/),
    ).not.toBeInTheDocument();

    fireEvent.click(screen.getByRole('button', { name: 'Start evaluation' }));
    await waitFor(() =>
      expect(api.runEvaluation).toHaveBeenCalledWith('run-1', {
        activeProbes: false,
      }),
    );
    expect(alertApi.post).toHaveBeenCalledWith(
      expect.objectContaining({ severity: 'success' }),
    );
    expect(
      await screen.findByText(
        'Evaluation queued; this page refreshes when it finishes.',
      ),
    ).toBeInTheDocument();
  });

  it('passes the active probe choice when the user may run probes', async () => {
    const { api } = await render({
      allowed: {
        'ai-conformance.evaluation.create': true,
        'ai-conformance.probe.run': true,
      },
      cluster: 'run-2',
    });
    fireEvent.click(await screen.findByRole('button', { name: /Run now/ }));
    fireEvent.click(await screen.findByLabelText(/Also run active probes/));
    fireEvent.click(screen.getByRole('button', { name: 'Start evaluation' }));
    await waitFor(() =>
      expect(api.runEvaluation).toHaveBeenCalledWith('run-2', {
        activeProbes: true,
      }),
    );
  });

  it('explains a conflict when a run is already in progress', async () => {
    const conflict = await responseError(
      409,
      'ConflictError',
      'run in progress',
    );
    const api = mockApi({
      runEvaluation: jest.fn(() => Promise.reject(conflict)),
    });
    const { alertApi } = await render({
      api,
      allowed: { 'ai-conformance.evaluation.create': true },
      cluster: 'run-3',
    });
    fireEvent.click(await screen.findByRole('button', { name: /Run now/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Start evaluation' }));
    await waitFor(() =>
      expect(alertApi.post).toHaveBeenCalledWith({
        message:
          'An evaluation of run-3 is already running; its results appear when it finishes.',
        severity: 'error',
      }),
    );
  });

  it('warns when the latest run failed and shows the last good results', async () => {
    const failedRun = {
      id: 'run-3',
      cluster: 'gpu-east',
      status: 'error' as const,
      message:
        'TLS handshake failed: the CA in kubernetes.io/api-server-certificate-authority does not match',
      evaluatedAt: new Date().toISOString(),
      trigger: 'schedule',
    };
    await render({
      api: mockApi({
        getClusterHistory: jest.fn(async () => ({
          runs: [failedRun, ...runs()],
        })),
      }),
    });
    expect(
      await screen.findByText(/failed: TLS handshake failed: the CA in/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/results below are from the last good evaluation/),
    ).toBeInTheDocument();
  });

  it('says so when the cluster has never been evaluated', async () => {
    const notFound = await responseError(
      404,
      'NotFoundError',
      'never evaluated',
    );
    await render({
      api: mockApi({
        getScorecard: jest.fn(() => Promise.reject(notFound)),
        getClusterHistory: jest.fn(async () => ({ runs: [] })),
      }),
    });
    expect(
      await screen.findByText('gpu-east has not been evaluated yet'),
    ).toBeInTheDocument();
  });

  it('downloads JUnit for users allowed to export', async () => {
    Object.assign(URL, {
      createObjectURL: jest.fn(() => 'blob:x'),
      revokeObjectURL: jest.fn(),
    });
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(() => {});
    const { api } = await render({
      allowed: { 'ai-conformance.export.read': true },
      cluster: 'export-1',
    });
    fireEvent.click(await screen.findByRole('button', { name: /Export/ }));
    fireEvent.click(await screen.findByRole('menuitem', { name: /JUnit XML/ }));
    await waitFor(() => expect(click).toHaveBeenCalled());
    expect(api.exportJUnit).toHaveBeenCalledWith('export-1');
    expect((click.mock.contexts[0] as HTMLAnchorElement).download).toBe(
      'export-1-ai-conformance.junit.xml',
    );
    click.mockRestore();
  });

  it('fills PRODUCT.yaml with the entered metadata and shows what to configure on 400', async () => {
    const badRequest = await responseError(
      400,
      'InputError',
      'No template for checklist 1.35: set aiConformance.export.templatesDir or upload one',
    );
    const api = mockApi({
      exportProductYaml: jest.fn(() => Promise.reject(badRequest)),
    });
    await render({
      api,
      allowed: { 'ai-conformance.export.read': true },
      cluster: 'export-2',
    });
    fireEvent.click(await screen.findByRole('button', { name: /Export/ }));
    fireEvent.click(
      await screen.findByRole('menuitem', { name: /PRODUCT.yaml/ }),
    );
    fireEvent.change(await screen.findByLabelText('Platform name'), {
      target: { value: 'Acme GPU Cloud' },
    });
    fireEvent.click(
      screen.getByRole('button', { name: 'Download PRODUCT.yaml' }),
    );

    expect(
      await screen.findByText(
        /set aiConformance.export.templatesDir or upload one/,
      ),
    ).toBeInTheDocument();
    expect(api.exportProductYaml).toHaveBeenCalledWith('export-2', {
      template: undefined,
      metadata: { platformName: 'Acme GPU Cloud' },
    });
  });
});
