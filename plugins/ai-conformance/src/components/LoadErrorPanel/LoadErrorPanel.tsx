import { WarningPanel } from '@backstage/core-components';
import { ResponseError } from '@backstage/errors';
import { describeError } from '@internal/plugin-ai-conformance-react';

/**
 * A failed load, told in one sentence with the server's message and what to try. Unlike
 * `ResponseErrorPanel` it never shows a stack trace: these are expected conditions.
 */
export function LoadErrorPanel(props: { what: string; error: Error }) {
  const { what, error } = props;
  const status = ResponseError.is(error) ? ` (HTTP ${error.statusCode})` : '';
  const hint =
    ResponseError.is(error) && error.statusCode === 403
      ? 'You may lack the ai-conformance.cluster.read permission; ask a Backstage admin.'
      : 'Check that the ai-conformance backend plugin is installed and running, then reload.';
  return (
    <WarningPanel
      severity="error"
      title={`Could not load ${what}${status}`}
      message={`${describeError(error)}. ${hint}`}
      defaultExpanded
    />
  );
}
