import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useLocation } from 'react-router-dom';
import { ModelServingFleetView } from './ModelServingFleetView';
import { modelServerEntity } from '../../__fixtures__/modelServers';

/** Shows the query string, so the test sees what the view writes into the URL. */
function CurrentSearch() {
  return <output aria-label="query">{useLocation().search}</output>;
}

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

  it('keeps the filters in the URL: opens filtered, and writes a change back', async () => {
    const catalogApi = catalogApiMock({
      entities: [
        modelServerEntity('qwen', { runtime: 'vllm', cluster: 'east' }),
        modelServerEntity('gemma', {
          runtime: 'tgi',
          cluster: 'west',
          readiness: 'not-ready',
        }),
        modelServerEntity('llama', { runtime: 'vllm', cluster: 'west' }),
      ],
    });
    await renderInTestApp(
      <TestApiProvider apis={[[catalogApiRef, catalogApi]]}>
        <ModelServingFleetView />
        <CurrentSearch />
      </TestApiProvider>,
      {
        routeEntries: ['/model-serving?cluster=west'],
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      },
    );
    const table = await screen.findByRole('table', { name: 'Model servers' });
    expect(within(table).getAllByRole('row')).toHaveLength(3); // header + gemma, llama
    expect(within(table).queryByText('llm/qwen')).not.toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: 'Cluster' })).toHaveTextContent(
      'west',
    );

    await userEvent.click(screen.getByRole('combobox', { name: 'Readiness' }));
    await userEvent.click(
      await screen.findByRole('option', { name: 'not-ready' }),
    );
    expect(within(table).getAllByRole('row')).toHaveLength(2);
    expect(within(table).getByText('llm/gemma')).toBeInTheDocument();
    expect(screen.getByRole('status', { name: 'query' })).toHaveTextContent(
      '?cluster=west&readiness=not-ready',
    );

    await userEvent.click(screen.getByRole('combobox', { name: 'Cluster' }));
    await userEvent.click(await screen.findByRole('option', { name: 'All' }));
    expect(screen.getByRole('status', { name: 'query' })).toHaveTextContent(
      /^\?readiness=not-ready$/,
    );
  });
});
