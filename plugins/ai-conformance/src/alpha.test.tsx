import {
  coreExtensionData,
  type ExtensionDefinition,
} from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  mockApis,
  renderInTestApp,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import type { Entity } from '@backstage/catalog-model';
import { aiConformanceApiRef } from '@internal/plugin-ai-conformance-react';
import { screen, within } from '@testing-library/react';
import plugin from './alpha';
import { mockApi } from './__fixtures__/data';
import { modelServerEntity } from './__fixtures__/modelServers';

const cluster: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name: 'gpu-east' },
  spec: { type: 'kubernetes-cluster' },
};
const service: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'chat' },
  spec: { type: 'service' },
};

function extension(id: string): ExtensionDefinition {
  const found = plugin.getExtension(id as any);
  expect(found).toBeDefined();
  return found as ExtensionDefinition;
}

/** An entity content extension's path and entity filter. */
function entityContent(id: string) {
  const tester = createExtensionTester(extension(id));
  return {
    path: tester.get(coreExtensionData.routePath),
    matches: tester.get(EntityContentBlueprint.dataRefs.filterFunction) as
      | ((entity: Entity) => boolean)
      | undefined,
  };
}

describe('new frontend system plugin', () => {
  it('has the plugin id and provides page, API, entity tab and entity card', () => {
    expect(plugin.pluginId).toBe('ai-conformance');
    for (const id of [
      'api:ai-conformance',
      'page:ai-conformance',
      'entity-content:ai-conformance/cluster',
      'entity-card:ai-conformance/cluster',
      'entity-card:ai-conformance/deployment-readiness',
      'home-page-widget:ai-conformance/fleet',
      'scaffolder-form-field:ai-conformance/conformant-cluster-picker',
    ]) {
      expect(plugin.getExtension(id as any)).toBeDefined();
    }
  });

  it('mounts the page at /ai-conformance with a title and icon for the sidebar', () => {
    const tester = createExtensionTester(extension('page:ai-conformance'));
    expect(tester.get(coreExtensionData.routePath)).toBe('/ai-conformance');
    expect(tester.get(coreExtensionData.title)).toBe('AI Conformance');
    expect(tester.get(coreExtensionData.icon)).toBeDefined();
  });

  it('shows the entity tab only on kubernetes-cluster resources', () => {
    const { path, matches } = entityContent(
      'entity-content:ai-conformance/cluster',
    );
    expect(path).toBe('/ai-conformance');
    expect(matches?.(cluster)).toBe(true);
    expect(matches?.({ ...cluster, kind: 'resource' })).toBe(true);
    expect(matches?.(service)).toBe(false);
    expect(matches?.({ ...cluster, spec: { type: 'database' } })).toBe(false);
  });

  it('shows the deployment readiness card only on Components and Systems', () => {
    const tester = createExtensionTester(
      extension('entity-card:ai-conformance/deployment-readiness'),
    );
    const matches = tester.get(EntityCardBlueprint.dataRefs.filterFunction) as
      | ((entity: Entity) => boolean)
      | undefined;
    expect(matches?.(service)).toBe(true);
    expect(matches?.({ ...service, kind: 'System' })).toBe(true);
    expect(matches?.(cluster)).toBe(false);
  });

  it('renders the fleet view inside the page', async () => {
    const api = mockApi();
    const tester = createExtensionTester(extension('page:ai-conformance'), {
      apis: [[aiConformanceApiRef, api]],
    });
    await renderInTestApp(tester.reactElement(), {
      apis: [[aiConformanceApiRef, api]],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    });
    // The page is lazy loaded and the tables are heavy; jsdom on a loaded CI machine needs time
    // (11 s measured on two busy cores).
    expect(
      await screen.findByText('Clusters (3 of 3)', {}, { timeout: 40_000 }),
    ).toBeInTheDocument();
    expect(api.getFleetMatrix).toHaveBeenCalled();
  }, 60_000);

  it('routes to the cluster view below the page in an app', async () => {
    const api = mockApi();
    renderTestApp({
      features: [plugin],
      apis: [
        [aiConformanceApiRef, api],
        [permissionApiRef, mockApis.permission()],
      ],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      // the route carries the URI-encoded identity; the page receives it decoded
      initialRouteEntries: [
        '/ai-conformance/clusters/resource%3Adefault%2Fgpu-east',
      ],
    });
    expect(
      await screen.findByText('Gang scheduling', {}, { timeout: 10_000 }),
    ).toBeInTheDocument();
    expect(api.getScorecard).toHaveBeenCalledWith('resource:default/gpu-east');
    expect(
      screen.getByRole('link', { name: '← All clusters' }),
    ).toHaveAttribute('href', '/ai-conformance');
  }, 20_000);

  it('shows the model-server tab only on model-server Components', () => {
    const { path, matches } = entityContent(
      'entity-content:ai-conformance/model-server',
    );
    expect(path).toBe('/model-server');
    expect(matches?.(modelServerEntity('qwen'))).toBe(true);
    expect(matches?.(service)).toBe(false);
    expect(matches?.(cluster)).toBe(false);
  });

  it('routes to the model-serving fleet view with its filters from the URL', async () => {
    renderTestApp({
      features: [plugin],
      apis: [
        [aiConformanceApiRef, mockApi()],
        [permissionApiRef, mockApis.permission()],
        [
          catalogApiRef,
          catalogApiMock({
            entities: [
              modelServerEntity('qwen', { runtime: 'vllm', cluster: 'east' }),
              modelServerEntity('gemma', { runtime: 'tgi', cluster: 'west' }),
            ],
          }),
        ],
      ],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      initialRouteEntries: ['/ai-conformance/model-serving?runtime=tgi'],
    });
    const table = await screen.findByRole(
      'table',
      { name: 'Model servers' },
      { timeout: 10_000 },
    );
    expect(within(table).getByText('llm/gemma')).toBeInTheDocument();
    expect(within(table).queryByText('llm/qwen')).not.toBeInTheDocument();
  }, 20_000);
});
