import { redactSecrets } from '@internal/plugin-ai-conformance-node';
import { makeScorecard } from '../__testUtils__/scorecards';
import { describeEvaluationError } from './describeEvaluationError';
import { redactScorecard } from './redactScorecard';

describe('redactScorecard', () => {
  it('scrubs reasons and evidence, not only run messages', () => {
    const scorecard = makeScorecard('c', {
      requirements: [
        {
          id: 'gang_scheduling',
          category: 'schedulingOrchestration',
          level: 'MUST',
          verdict: 'error',
          reason:
            'proxy said: Authorization: Bearer eyJhbGciOiJSUzI1NiJ9.secret and s3cr3t-value',
          evidence: [
            {
              message: 'fetch https://admin:hunter22@10.0.0.1:6443/api failed',
            },
          ],
        },
      ],
    });
    const json = JSON.stringify(
      redactScorecard(scorecard, text => redactSecrets(text, ['s3cr3t-value'])),
    );
    expect(json).not.toContain('eyJhbGciOiJSUzI1NiJ9');
    expect(json).not.toContain('s3cr3t-value');
    expect(json).not.toContain('hunter22');
    expect(json).toContain('https://[redacted]@10.0.0.1:6443/api');
  });
});

describe('describeEvaluationError', () => {
  it('removes passwords inside URLs from undici-style messages', () => {
    const message = describeEvaluationError(
      new TypeError(
        'Request cannot be constructed from a URL that includes credentials: https://u:p4ssw0rd@h/version',
      ),
    );
    expect(message).not.toContain('p4ssw0rd');
  });
});
