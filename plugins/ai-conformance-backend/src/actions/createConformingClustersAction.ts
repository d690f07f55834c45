import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import {
  aiConformanceClusterReadPermission,
  readinessOf,
} from '@internal/plugin-ai-conformance-common';
import { AiConformanceStore } from '../database/AiConformanceStore';
import { ClusterAuthorizer } from '../permissions/ClusterAuthorizer';

/**
 * Registers `get-conforming-clusters`: which clusters conform to checklist version X.
 *
 * @internal
 */
export function createConformingClustersAction(options: {
  actionsRegistry: ActionsRegistryService;
  store: AiConformanceStore;
  authorizer: ClusterAuthorizer;
}) {
  const { actionsRegistry, store, authorizer } = options;
  actionsRegistry.register({
    name: 'get-conforming-clusters',
    title: 'Which clusters conform to an AI conformance checklist version',
    description: `
Lists the Kubernetes clusters known to Backstage by their latest evaluation against a CNCF
Kubernetes AI Conformance checklist version (for example "1.35").

A cluster conforms when every MUST requirement passes or does not apply. Clusters that fail a
MUST list the failed requirement ids; clusters with MUSTs that could not be decided (unknown or
error verdicts) list those ids. Clusters that were never evaluated successfully, or were last
evaluated against another checklist version, are listed separately with the reason.

Use "explain-ai-conformance-verdict" to see why a cluster fails a requirement.
`,
    attributes: { readOnly: true, destructive: false, idempotent: true },
    schema: {
      input: z =>
        z.object({
          checklistVersion: z
            .string()
            .regex(/^\d+\.\d+$/)
            .describe('The checklist version, e.g. "1.35"'),
        }),
      output: z =>
        z.object({
          checklistVersion: z.string(),
          conforming: z.array(
            z.object({
              cluster: z
                .string()
                .describe('Identity: entity ref or config:<name>'),
              name: z.string(),
              entityRef: z.string().optional(),
              evaluatedAt: z.string(),
            }),
          ),
          notConforming: z.array(
            z.object({
              cluster: z
                .string()
                .describe('Identity: entity ref or config:<name>'),
              name: z.string(),
              entityRef: z.string().optional(),
              evaluatedAt: z.string(),
              failedMust: z
                .array(z.string())
                .describe('MUST requirements whose verdict is fail'),
              undecidedMust: z
                .array(z.string())
                .describe(
                  'MUST requirements whose verdict is unknown or error',
                ),
            }),
          ),
          notEvaluated: z.array(
            z.object({
              cluster: z
                .string()
                .describe('Identity: entity ref or config:<name>'),
              name: z.string(),
              entityRef: z.string().optional(),
              reason: z.string(),
            }),
          ),
        }),
    },
    examples: [
      {
        title: 'Clusters conforming to 1.35',
        input: { checklistVersion: '1.35' },
        output: {
          checklistVersion: '1.35',
          conforming: [
            {
              cluster: 'resource:default/gpu-prod',
              name: 'gpu-prod',
              entityRef: 'resource:default/gpu-prod',
              evaluatedAt: '2026-11-29T10:00:00.000Z',
            },
          ],
          notConforming: [
            {
              cluster: 'config:gpu-dev',
              name: 'gpu-dev',
              evaluatedAt: '2026-11-29T10:00:00.000Z',
              failedMust: ['gang_scheduling'],
              undecidedMust: [],
            },
          ],
          notEvaluated: [
            {
              cluster: 'config:edge',
              name: 'edge',
              reason: 'refused: no credentials are configured',
            },
          ],
        },
      },
    ],
    action: async ({ input, credentials }) => {
      const clusters = await authorizer.filter(
        credentials,
        aiConformanceClusterReadPermission,
        await store.listClusters(),
      );
      const scorecards = await store.getLatestScorecards(
        clusters.map(c => c.cluster),
      );
      const output = {
        checklistVersion: input.checklistVersion,
        conforming: [] as Array<{
          cluster: string;
          name: string;
          entityRef?: string;
          evaluatedAt: string;
        }>,
        notConforming: [] as Array<{
          cluster: string;
          name: string;
          entityRef?: string;
          evaluatedAt: string;
          failedMust: string[];
          undecidedMust: string[];
        }>,
        notEvaluated: [] as Array<{
          cluster: string;
          name: string;
          entityRef?: string;
          reason: string;
        }>,
      };
      for (const cluster of clusters) {
        const scorecard = scorecards.get(cluster.cluster);
        const ref = {
          cluster: cluster.cluster,
          name: cluster.name,
          entityRef: cluster.entityRef,
        };
        if (!scorecard) {
          output.notEvaluated.push({
            ...ref,
            reason: `${cluster.status}${
              cluster.message ? `: ${cluster.message}` : ''
            }`,
          });
        } else if (scorecard.checklistVersion !== input.checklistVersion) {
          output.notEvaluated.push({
            ...ref,
            reason: `last evaluated against checklist ${scorecard.checklistVersion}`,
          });
        } else if (readinessOf(scorecard.summary) === 'conformant') {
          output.conforming.push({
            ...ref,
            evaluatedAt: scorecard.evaluatedAt,
          });
        } else {
          const must = scorecard.requirements.filter(r => r.level === 'MUST');
          output.notConforming.push({
            ...ref,
            evaluatedAt: scorecard.evaluatedAt,
            failedMust: must.filter(r => r.verdict === 'fail').map(r => r.id),
            undecidedMust: must
              .filter(r => r.verdict === 'unknown' || r.verdict === 'error')
              .map(r => r.id),
          });
        }
      }
      return { output };
    },
  });
}
