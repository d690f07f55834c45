import { Content, Header, Page } from '@backstage/core-components';
import { ReactRouterV6PageRouter } from '@backstage/frontend-adapter-react-router-v6';
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
 * The plugin page for the new frontend system: the app's page layout supplies the header, and
 * the React Router v6 adapter scopes the page's own routes to its mount point.
 *
 * @public
 */
export function NfsAiConformancePage() {
  return (
    <ReactRouterV6PageRouter>
      <Content>
        <AiConformanceRoutes />
      </Content>
    </ReactRouterV6PageRouter>
  );
}
