import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ModelServingFleetView } from './ModelServingFleetView';
import { modelServerEntity } from '../../__fixtures__/modelServers';

describe('ModelServingFleetView', () => {
  it('lists every model server and filters by runtime', async () => {
    const catalogApi = catalogApiMock({
      entities: [
        modelServerEntity('qwen', { runtime: 'vllm' }),
        modelServerEntity('gemma', { runtime: 'tgi', readiness: 'not-ready' }),
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: { name: 'web' },
          spec: { type: 'website' },
        },
      ],
    });
    await renderInTestApp(
      <TestApiProvider apis={[[catalogApiRef, catalogApi]]}>
        <ModelServingFleetView />
      </TestApiProvider>,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );
    const table = await screen.findByRole('table', { name: 'Model servers' });
    expect(within(table).getAllByRole('row')).toHaveLength(3); // header + 2 servers
    expect(within(table).getByText('Not ready')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('combobox', { name: 'Runtime' }));
    await userEvent.click(await screen.findByRole('option', { name: 'tgi' }));
    expect(within(table).getAllByRole('row')).toHaveLength(2);
    expect(within(table).getByText('llm/gemma')).toBeInTheDocument();
  });
});
