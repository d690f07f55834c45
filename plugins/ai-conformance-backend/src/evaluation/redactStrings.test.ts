import { redactSecrets } from '@internal/plugin-ai-conformance-node';
import { makeScorecard } from '../__testUtils__/scorecards';
import { describeEvaluationError } from './describeEvaluationError';
import { redactStrings } from './redactStrings';

describe('redactStrings', () => {
  it('scrubs scorecard reasons and evidence, not only run messages', () => {
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
      redactStrings(scorecard, text => redactSecrets(text, ['s3cr3t-value'])),
    );
    expect(json).not.toContain('eyJhbGciOiJSUzI1NiJ9');
    expect(json).not.toContain('s3cr3t-value');
    expect(json).not.toContain('hunter22');
    expect(json).toContain('https://[redacted]@10.0.0.1:6443/api');
  });

  it('scrubs capacity snapshots: errors, node and device names, keeping numbers', () => {
    const snapshot = {
      takenAt: '2026-01-01T00:00:00Z',
      totals: { nodes: 3 },
      nodes: [{ name: 'gpu-node-s3cr3t-value', devices: 8 }],
      errors: [
        {
          fact: 'resourceSlices',
          error: 'proxy quoted Authorization: Bearer abcdefgh12345678 back',
        },
      ],
    };
    const redacted = redactStrings(snapshot, text =>
      redactSecrets(text, ['s3cr3t-value']),
    );
    const json = JSON.stringify(redacted);
    expect(json).not.toContain('s3cr3t-value');
    expect(json).not.toContain('abcdefgh12345678');
    expect(redacted.totals.nodes).toBe(3);
    expect(redacted.nodes[0].devices).toBe(8);
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
