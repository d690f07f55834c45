import { Content, Header, Page } from '@backstage/core-components';
import { AiConformanceRoutes } from './AiConformanceRoutes';

/**
 * The plugin page for the legacy frontend system, with its own header.
 *
 * @public
 */
export function AiConformancePage() {
  return (
    <Page themeId="tool">
      <Header
        title="AI Conformance"
        subtitle="Kubernetes clusters graded against the CNCF AI Conformance checklists"
      />
      <Content>
        <AiConformanceRoutes />
      </Content>
    </Page>
  );
}

/**
 * The plugin page for the new frontend system: the app's page layout supplies the header.
 *
 * @public
 */
export function NfsAiConformancePage() {
  return (
    <Content>
      <AiConformanceRoutes />
    </Content>
  );
}
