import { getChecklist } from '@internal/plugin-ai-conformance-common';
import { makeScorecard } from '../__testUtils__/scorecards';
import { StoredCluster } from '../database/AiConformanceStore';
import { toFleetMatrix } from './fleetMatrix';

const cluster = (
  name: string,
  extra: Partial<StoredCluster> = {},
): StoredCluster => ({
  cluster: name,
  name,
  source: 'catalog',
  status: 'ok',
  updatedAt: '2026-11-29T10:00:00.000Z',
  ...extra,
});

describe('toFleetMatrix', () => {
  const scorecards = new Map([
    [
      'a',
      {
        ...makeScorecard('a', { checklistVersion: '1.34' }),
        provider: {
          provider: 'aws' as const,
          source: 'detected' as const,
          reason: 'node label eks.amazonaws.com/nodegroup',
        },
      },
    ],
  ]);

  it('has one column per requirement of the newest checklist in use and one row per cluster', () => {
    const matrix = toFleetMatrix(
      [
        cluster('a', { owner: 'group:default/ml', lifecycle: 'production' }),
        cluster('b', { status: 'pending' }),
      ],
      scorecards,
    );
    expect(matrix.checklistVersion).toBe('1.34');
    expect(matrix.columns.map(c => c.id)).toEqual(
      getChecklist('1.34')!.requirements.map(r => r.id),
    );
    expect(matrix.rows.map(r => r.cluster)).toEqual(['a', 'b']);
    expect(matrix.rows[0]).toMatchObject({
      owner: 'group:default/ml',
      lifecycle: 'production',
      provider: { provider: 'aws', source: 'detected' },
      cells: {
        gang_scheduling: {
          verdict: 'pass',
          reason: 'Kueue ClusterQueue found',
          level: 'MUST',
          evidenceCount: 0,
        },
      },
    });
    expect(matrix.rows[1].cells).toEqual({});
    expect(matrix.checklistVersions[0]).toBe('1.37');
  });

  it('lets the provider annotation win and explains a malformed one', () => {
    const matrix = toFleetMatrix(
      [cluster('a', { providerAnnotation: 'OpenShift' })],
      scorecards,
    );
    expect(matrix.rows[0].provider).toEqual({
      provider: 'openshift',
      source: 'annotation',
      reason: 'annotation ai-conformance.io/provider',
    });
    const bad = toFleetMatrix(
      [cluster('a', { providerAnnotation: 'ibm' })],
      scorecards,
    );
    expect(bad.rows[0].provider?.provider).toBe('aws');
    expect(bad.rows[0].provider?.reason).toMatch(
      /"ibm" is not one of aws, gcp, azure, openshift, other; it is ignored/,
    );
  });

  it('rejects an unknown checklist version with the known ones', () => {
    expect(() => toFleetMatrix([], scorecards, '0.1')).toThrow(
      /Unknown checklist version "0.1"; known versions: 1.37/,
    );
  });
});
