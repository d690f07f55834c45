import { fleet } from '../../__fixtures__/data';
import {
  applyFleetFilters,
  checklistVersionsIn,
  NO_FILTERS,
} from './fleetFilters';

describe('fleet filters', () => {
  const clusters = fleet().clusters;

  it('keeps everything without filters', () => {
    expect(applyFleetFilters(clusters, NO_FILTERS)).toHaveLength(3);
  });

  it('combines filters', () => {
    expect(
      applyFleetFilters(clusters, {
        ...NO_FILTERS,
        status: 'ok',
        readiness: 'conformant',
      }).map(c => c.cluster),
    ).toEqual(['config:tpu-west']);
    expect(
      applyFleetFilters(clusters, { ...NO_FILTERS, status: 'error' }).map(
        c => c.cluster,
      ),
    ).toEqual(['edge-lab']);
  });

  it('lists checklist versions newest first, numerically', () => {
    expect(
      checklistVersionsIn([
        ...clusters,
        {
          cluster: 'x',
          name: 'x',
          source: 'config',
          status: 'ok',
          checklistVersion: '1.9',
        },
      ]),
    ).toEqual(['1.35', '1.34', '1.9']);
  });
});
