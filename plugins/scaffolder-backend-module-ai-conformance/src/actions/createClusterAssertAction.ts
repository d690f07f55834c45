import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { AiConformanceClient } from '@internal/plugin-ai-conformance-common';
import { assessCluster } from './clusterConformance';

/** The action's id, as templates name it in `steps[].action`. @public */
export const CLUSTER_ASSERT_ACTION_ID = 'ai-conformance:cluster:assert';

/**
 * `ai-conformance:cluster:assert`: fails the template step, saying why, when the target cluster
 * is not AI conformant or a named requirement does not pass. It asks the AI conformance backend
 * on behalf of the user running the template, so their read permissions apply. Read-only, so it
 * also runs in dry runs.
 *
 * @public
 */
export function createClusterAssertAction(options: {
  discovery: DiscoveryService;
  auth: AuthService;
}) {
  const { discovery, auth } = options;
  return createTemplateAction({
    id: CLUSTER_ASSERT_ACTION_ID,
    description:
      'Fails the step when a Kubernetes cluster is not AI conformant, or a named requirement of the CNCF AI Conformance checklist does not pass on it.',
    examples: [
      {
        description:
          'Only deploy inference services to conformant clusters with gang scheduling',
        example: [
          'steps:',
          '  - id: conformance',
          '    action: ai-conformance:cluster:assert',
          '    input:',
          '      cluster: ${{ parameters.cluster }}',
          '      requirements: [gang_scheduling, ai_inference]',
        ].join('\n'),
      },
    ],
    supportsDryRun: true,
    schema: {
      input: {
        cluster: z =>
          z
            .string()
            .min(1)
            .describe(
              'The cluster: its entity ref (resource:default/gpu-east) or name',
            ),
        requirements: z =>
          z
            .array(z.string().regex(/^[a-z][a-z0-9_]{0,63}$/))
            .default([])
            .describe('Requirement ids that must pass, e.g. gang_scheduling'),
        requireConformant: z =>
          z
            .boolean()
            .default(true)
            .describe(
              'Also require every MUST of the checklist to pass or not apply',
            ),
      },
      output: {
        cluster: z => z.string(),
        conformant: z => z.boolean(),
        checklistVersion: z => z.string(),
        verdicts: z => z.record(z.string(), z.string()),
      },
    },
    async handler(ctx) {
      const credentials = await ctx.getInitiatorCredentials();
      const api = new AiConformanceClient({
        discoveryApi: discovery,
        fetchApi: {
          fetch: async (input, init) => {
            const { token } = await auth.getPluginRequestToken({
              onBehalfOf: credentials,
              targetPluginId: 'ai-conformance',
            });
            const headers = new Headers(init?.headers);
            headers.set('Authorization', `Bearer ${token}`);
            return fetch(input, { ...init, headers });
          },
        },
      });
      const assertion = await assessCluster(api, {
        cluster: ctx.input.cluster,
        requirements: ctx.input.requirements ?? [],
        requireConformant: ctx.input.requireConformant ?? true,
      });
      ctx.output('cluster', assertion.cluster);
      ctx.output('conformant', assertion.conformant);
      ctx.output('checklistVersion', assertion.checklistVersion);
      ctx.output('verdicts', assertion.verdicts);
      if (assertion.problems.length > 0) {
        throw new Error(
          `Cluster ${
            assertion.cluster
          } does not meet this template's AI conformance conditions: ${assertion.problems.join(
            '; ',
          )}. See the cluster's scorecard in the AI Conformance page for the evidence and how to fix it.`,
        );
      }
      ctx.logger.info(
        `Cluster ${assertion.cluster} meets the conditions (checklist ${
          assertion.checklistVersion
        }${
          Object.keys(assertion.verdicts).length
            ? `, ${Object.keys(assertion.verdicts).join(', ')} pass`
            : ''
        })`,
      );
    },
  });
}
