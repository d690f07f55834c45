import { stringifyEntityRef } from '@backstage/catalog-model';
import { readModelServer } from './modelServerEntity';
import {
  applyFilters,
  filterOptions,
  filtersFromSearch,
  filtersToSearch,
  NO_FILTERS,
} from './modelServingFilters';
import { modelServerEntity } from '../../__fixtures__/modelServers';

const rows = [
  modelServerEntity('a', {
    runtime: 'vllm',
    cluster: 'east',
    owner: 'group:default/ml',
    model: 'm1',
  }),
  modelServerEntity('b', {
    runtime: 'tgi',
    cluster: 'west',
    owner: 'group:default/search',
    model: 'm2',
    readiness: 'not-ready',
  }),
  modelServerEntity('c', {
    runtime: 'vllm',
    cluster: 'west',
    owner: 'group:default/ml',
    model: 'm1',
    readiness: 'bogus',
  }),
].map(e => ({ entityRef: stringifyEntityRef(e), server: readModelServer(e) }));

const names = (filters = NO_FILTERS) =>
  applyFilters(rows, filters).map(r => r.server.name);

describe('model-serving filters', () => {
  it('offers the values present', () => {
    expect(filterOptions(rows)).toEqual({
      model: ['m1', 'm2'],
      runtime: ['tgi', 'vllm'],
      cluster: ['east', 'west'],
      owner: ['group:default/ml', 'group:default/search'],
      readiness: ['ready', 'not-ready', 'unknown'],
    });
  });

  it('filters by each field and combines filters', () => {
    expect(names()).toEqual(['a', 'b', 'c']);
    expect(names({ ...NO_FILTERS, model: 'm1' })).toEqual(['a', 'c']);
    expect(names({ ...NO_FILTERS, runtime: 'tgi' })).toEqual(['b']);
    expect(
      names({ ...NO_FILTERS, cluster: 'west', owner: 'group:default/ml' }),
    ).toEqual(['c']);
    // an unexpected readiness value reads as unknown
    expect(names({ ...NO_FILTERS, readiness: 'unknown' })).toEqual(['c']);
  });

  it('reads the filters from the query string and writes only those set', () => {
    const filters = filtersFromSearch(
      new URLSearchParams(
        'model=Qwen%2FQwen3-8B&cluster=west&readiness=not-ready&other=x',
      ),
    );
    expect(filters).toEqual({
      ...NO_FILTERS,
      model: 'Qwen/Qwen3-8B',
      cluster: 'west',
      readiness: 'not-ready',
    });
    expect(filtersToSearch(filters).toString()).toBe(
      'model=Qwen%2FQwen3-8B&cluster=west&readiness=not-ready',
    );
    expect(filtersToSearch(NO_FILTERS).toString()).toBe('');
  });

  it('drops a readiness value that would match nothing', () => {
    expect(
      filtersFromSearch(new URLSearchParams('readiness=bogus&owner=x')),
    ).toEqual({ ...NO_FILTERS, owner: 'x' });
  });
});
