import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { NotFoundError } from '@backstage/errors';
import {
  aiConformanceClusterReadPermission,
  getRequirement,
} from '@internal/plugin-ai-conformance-common';
import { AiConformanceStore } from '../database/AiConformanceStore';
import {
  ClusterAuthorizer,
  notFoundMessage,
} from '../permissions/ClusterAuthorizer';

/**
 * Registers `explain-ai-conformance-verdict`: why cluster Y fails (or passes) requirement Z.
 *
 * @internal
 */
export function createExplainVerdictAction(options: {
  actionsRegistry: ActionsRegistryService;
  store: AiConformanceStore;
  authorizer: ClusterAuthorizer;
}) {
  const { actionsRegistry, store, authorizer } = options;
  actionsRegistry.register({
    name: 'explain-ai-conformance-verdict',
    title: 'Why a cluster fails (or passes) an AI conformance requirement',
    description: `
Explains the latest verdict of one CNCF Kubernetes AI Conformance requirement on one cluster:
the verdict (pass, fail, not-applicable, unknown, error), the reason, the evidence (which
Kubernetes objects, fields and conditions were looked at), how the requirement is checked and
what to do to fix a failure.

Requirement ids look like "gang_scheduling", "accelerator_metrics", "dra_support". Cluster names
are those listed by "get-conforming-clusters".
`,
    attributes: { readOnly: true, destructive: false, idempotent: true },
    schema: {
      input: z =>
        z.object({
          cluster: z
            .string()
            .min(1)
            .describe(
              'The cluster identity: its catalog entity ref (resource:default/gpu-prod) or config:<name>, as get-conforming-clusters lists it',
            ),
          requirementId: z
            .string()
            .min(1)
            .describe('The requirement id, e.g. "gang_scheduling"'),
        }),
      output: z =>
        z.object({
          cluster: z.string(),
          requirementId: z.string(),
          title: z.string().optional(),
          checklistVersion: z.string(),
          evaluatedAt: z.string(),
          level: z.enum(['MUST', 'SHOULD']),
          verdict: z.enum([
            'pass',
            'fail',
            'not-applicable',
            'unknown',
            'error',
          ]),
          reason: z.string(),
          evidence: z.array(
            z.object({
              message: z.string(),
              object: z.string().optional().describe('kind/namespace/name'),
              field: z.string().optional(),
              value: z.union([z.string(), z.number(), z.boolean()]).optional(),
            }),
          ),
          howWeCheck: z.string().optional(),
          remediation: z.string().optional(),
        }),
    },
    action: async ({ input, credentials }) => {
      const cluster = await store.getCluster(input.cluster);
      if (!cluster) {
        throw new NotFoundError(notFoundMessage(input.cluster));
      }
      await authorizer.require(
        credentials,
        cluster,
        aiConformanceClusterReadPermission,
      );
      const scorecard = await store.getLatestScorecard(cluster.cluster);
      if (!scorecard) {
        throw new NotFoundError(
          `Cluster ${cluster.cluster} has no successful evaluation yet (${
            cluster.status
          }${cluster.message ? `: ${cluster.message}` : ''})`,
        );
      }
      const result = scorecard.requirements.find(
        r => r.id === input.requirementId,
      );
      if (!result) {
        throw new NotFoundError(
          `Checklist ${scorecard.checklistVersion} evaluated on ${cluster.cluster} has no requirement ${input.requirementId}`,
        );
      }
      const definition = getRequirement(result.id);
      return {
        output: {
          cluster: cluster.cluster,
          requirementId: result.id,
          title: definition?.title,
          checklistVersion: scorecard.checklistVersion,
          evaluatedAt: scorecard.evaluatedAt,
          level: result.level,
          verdict: result.verdict,
          reason: result.reason,
          evidence: result.evidence.map(e => ({
            message: e.message,
            object: e.object
              ? [e.object.kind, e.object.namespace, e.object.name]
                  .filter(Boolean)
                  .join('/')
              : undefined,
            field: e.field,
            value: e.value,
          })),
          howWeCheck: definition?.howWeCheck,
          remediation: definition?.remediation,
        },
      };
    },
  });
}
