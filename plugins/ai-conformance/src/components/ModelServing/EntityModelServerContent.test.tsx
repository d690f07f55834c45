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
import { aiConformanceApiRef } from '@internal/plugin-ai-conformance-react';
import { screen, within } from '@testing-library/react';
import { mockApi } from '../../__fixtures__/data';
import { EntityModelServerContent } from './EntityModelServerContent';
import { modelServerEntity } from '../../__fixtures__/modelServers';

async function render(entity = modelServerEntity('qwen'), api = mockApi()) {
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [aiConformanceApiRef, api],
        [permissionApiRef, mockApis.permission()],
      ]}
    >
      <EntityProvider entity={entity}>
        <EntityModelServerContent />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
  return api;
}

describe('EntityModelServerContent', () => {
  it('shows status, endpoint, models, runtime, replicas and accelerators', async () => {
    await render();
    expect(screen.getByText('Ready')).toBeInTheDocument();
    expect(screen.getByText(/all components are serving/)).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /https:\/\/qwen\.example\.com/ }),
    ).toBeInTheDocument();
    expect(screen.getByText('Qwen/Qwen3-8B')).toBeInTheDocument();
    expect(screen.getByText('vllm v0.10.1')).toBeInTheDocument();
    expect(screen.getByText('2 ready of 2')).toBeInTheDocument();
    const accelerators = screen.getByRole('table', { name: 'Accelerators' });
    expect(
      within(accelerators).getByText('NVIDIA-H100-80GB-HBM3'),
    ).toBeInTheDocument();
    expect(within(accelerators).getByText('pod requests')).toBeInTheDocument();
    expect(
      screen.getByText(/no storageUri in the predictor/),
    ).toBeInTheDocument();
  });

  it("shows the cluster's verdicts for the inference requirements", async () => {
    const api = await render();
    const table = await screen.findByRole('table', {
      name: 'Inference requirements of the cluster',
    });
    expect(api.getScorecard).toHaveBeenCalledWith('resource:default/gpu-east');
    for (const id of [
      'ai_inference',
      'advanced_inference_ingress',
      'ai_service_metrics',
      'accelerator_metrics',
    ]) {
      expect(within(table).getByText(id)).toBeInTheDocument();
    }
    // accelerator_metrics is in the test scorecard, the others are not in it
    expect(within(table).getAllByText('not in this checklist')).toHaveLength(3);
  });

  it('says when the entity is stale and why', async () => {
    await render(
      modelServerEntity('qwen', { stale: 'cluster unreachable: timeout' }),
    );
    expect(
      screen.getByText(
        /Stale since 2026-12-03T12:00:00.000Z: cluster unreachable: timeout/,
      ),
    ).toBeInTheDocument();
  });

  it('says when the cluster has no results', async () => {
    await render(modelServerEntity('qwen', { cluster: 'unknown-cluster' }));
    expect(
      await screen.findByText(
        'Cluster unknown-cluster has no AI conformance results yet.',
      ),
    ).toBeInTheDocument();
  });
});
