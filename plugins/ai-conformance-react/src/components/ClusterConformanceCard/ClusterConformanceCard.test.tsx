import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { ResponseError } from '@backstage/errors';
import type { AiConformanceApi } from '@internal/plugin-ai-conformance-common';
import { screen } from '@testing-library/react';
import { aiConformanceApiRef } from '../../api';
import { makeScorecard } from '../../__fixtures__/scorecards';
import { ClusterConformanceCard } from './ClusterConformanceCard';

function apiWith(partial: Partial<AiConformanceApi>): AiConformanceApi {
  return partial as AiConformanceApi;
}

async function notFound() {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name: 'NotFoundError', message: 'never evaluated' },
        response: { statusCode: 404 },
      }),
      { status: 404, statusText: 'Not Found' },
    ),
  );
}

describe('ClusterConformanceCard', () => {
  it('summarises the latest scorecard', async () => {
    const getScorecard = jest.fn(async () => makeScorecard());
    await renderInTestApp(
      <TestApiProvider
        apis={[[aiConformanceApiRef, apiWith({ getScorecard })]]}
      >
        <ClusterConformanceCard cluster="gpu-east" detailsLink="/ai/gpu-east" />
      </TestApiProvider>,
    );

    expect(
      await screen.findByText('Not conformant · 1.35'),
    ).toBeInTheDocument();
    expect(getScorecard).toHaveBeenCalledWith('gpu-east');
    // dra_support passes and cluster_autoscaling does not apply: 2 of 3 MUSTs are met.
    expect(
      screen.getByText('MUST requirements met: 2 of 3'),
    ).toBeInTheDocument();
    expect(screen.getByText('Blocking conformance')).toBeInTheDocument();
    expect(screen.getByText(/Gang scheduling \(fail\)/i)).toBeInTheDocument();
    expect(screen.getByText('Evaluated 2 hours ago')).toBeInTheDocument();
    expect(screen.getByText('View scorecard').closest('a')).toHaveAttribute(
      'href',
      '/ai/gpu-east',
    );
  });

  it('explains that a never-evaluated cluster has no results yet', async () => {
    const error = await notFound();
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [
            aiConformanceApiRef,
            apiWith({ getScorecard: () => Promise.reject(error) }),
          ],
        ]}
      >
        <ClusterConformanceCard cluster="gpu-west" />
      </TestApiProvider>,
    );
    expect(
      await screen.findByText(/gpu-west has not been evaluated yet/),
    ).toBeInTheDocument();
  });

  it('warns when the latest run failed but shows the last good results', async () => {
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [
            aiConformanceApiRef,
            apiWith({ getScorecard: async () => makeScorecard() }),
          ],
        ]}
      >
        <ClusterConformanceCard
          cluster="gpu-east"
          clusterStatus={{
            cluster: 'gpu-east',
            name: 'gpu-east',
            source: 'catalog',
            status: 'error',
            message:
              'The token was rejected (401); renew the service account token',
          }}
        />
      </TestApiProvider>,
    );
    expect(
      await screen.findByText(
        /The latest evaluation failed: The token was rejected/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/from the last good evaluation/),
    ).toBeInTheDocument();
  });

  it('shows what went wrong when the backend fails', async () => {
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [
            aiConformanceApiRef,
            apiWith({
              getScorecard: () => Promise.reject(new Error('Backend down')),
            }),
          ],
        ]}
      >
        <ClusterConformanceCard cluster="gpu-east" />
      </TestApiProvider>,
    );
    expect(
      await screen.findByText(
        'Could not load the scorecard of gpu-east: Backend down',
      ),
    ).toBeInTheDocument();
  });
});
