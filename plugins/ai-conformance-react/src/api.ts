import { createApiRef } from '@backstage/core-plugin-api';
import type { AiConformanceApi } from '@internal/plugin-ai-conformance-common';

/**
 * The AI conformance backend client. The frontend plugin registers `AiConformanceClient` for it in
 * both frontend systems; other plugins use it through `useApi(aiConformanceApiRef)`.
 *
 * @public
 */
export const aiConformanceApiRef = createApiRef<AiConformanceApi>({
  id: 'plugin.ai-conformance.service',
});
