/*
 * The portal's backend: the Backstage core plugins the AI conformance suite builds on, plus the
 * suite's own backend plugin and catalog module.
 */
import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

// auth: guest sign-in for local use; see https://backstage.io/docs/auth/
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

// catalog: clusters are Resource entities of type kubernetes-cluster
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));

// AI conformance: scheduled scorecards of every cluster, and their summary on catalog entities
backend.add(import('@internal/plugin-ai-conformance-backend'));
backend.add(import('@internal/plugin-catalog-backend-module-ai-conformance'));

// golden paths: templates can require an AI-conformant cluster (ai-conformance:cluster:assert)
backend.add(import('@backstage/plugin-scaffolder-backend'));
// the catalog reads Template entities (examples/template) only with this module
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(
  import('@internal/plugin-scaffolder-backend-module-ai-conformance'),
);

// notifications: cluster owners hear when a cluster regresses or recovers; signals push them live
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

// permissions; replace the allow-all policy with your own in production
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(
  import('@backstage/plugin-permission-backend-module-allow-all-policy'),
);

// the Backstage Kubernetes plugin reads the same cluster entities and config as ours
backend.add(import('@backstage/plugin-kubernetes-backend'));

// actions registry exposed over MCP
backend.add(import('@backstage/plugin-mcp-actions-backend'));

backend.start();
