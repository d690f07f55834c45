/**
 * The shared cluster layer for Backstage backends: the cluster registry and reader factory
 * services, credential providers, cluster sources, extension points and the cluster permission
 * resource. Import from the `/backstage` subpath of `plugin-ai-conformance-node`; the package
 * root stays free of Backstage services for the CLI.
 *
 * @packageDocumentation
 */

// Engine types the services below take or return (also exported from the package root)
export type {
  ApiDiscovery,
  CheckContext,
  CheckOutcome,
  ClusterBinding,
  ClusterReader,
  ClusterTarget,
  DiscoveredGroup,
  DiscoveredResource,
  DiscoveredVersion,
  EngineLogger,
  InfrastructureAgent,
  KubeObject,
  KubeVersion,
  ListOptions,
  ProtobufListKind,
  RegisteredCluster,
  RequirementCheck,
  VendorProfile,
  WriteOptions,
} from '..';
export type * from '../gather/factTypes';

// Registry
export {
  type AiConformanceClusterRegistry,
  ClusterRefusedError,
} from './registry/AiConformanceClusterRegistry';
export { DefaultAiConformanceClusterRegistry } from './registry/DefaultAiConformanceClusterRegistry';
export type { DefaultAiConformanceClusterRegistryOptions } from './registry/DefaultAiConformanceClusterRegistry';
export { aiConformanceClusterRegistryServiceRef } from './registry/clusterRegistryServiceRef';
export { readClusterBindings } from './config/readClusterBindings';

// Reader factory
export {
  aiConformanceClusterReaderFactoryServiceRef,
  createClusterReaderFactory,
} from './reader/clusterReaderFactoryServiceRef';
export type {
  AiConformanceClusterReaderFactory,
  ClusterReaderOptions,
} from './reader/clusterReaderFactoryServiceRef';

// Credentials
export { CredentialsError } from './credentials/types';
export type {
  AiConformanceCredentialProvider,
  ClusterCredential,
  CredentialRequest,
} from './credentials/types';
export type { ClusterConnection } from './credentials/connectCluster';
export {
  BUILT_IN_CREDENTIAL_PROVIDERS,
  clientCertificateCredentialProvider,
  kubeconfigCredentialProvider,
  serviceAccountCredentialProvider,
} from './credentials/builtInCredentialProviders';
export { redactSecrets } from '../cluster/serverText';

// Sources
export type { AiConformanceClusterSource } from './sources/types';
export {
  ANNOTATION_AI_CONFORMANCE_CHECKLIST_VERSION,
  CatalogClusterSource,
  catalogEntityToTarget,
} from './sources/CatalogClusterSource';
export { KubernetesConfigClusterSource } from './sources/KubernetesConfigClusterSource';
export { createDefaultClusterSources } from './sources/defaultClusterSources';

// Extension points
export {
  aiConformanceChecksExtensionPoint,
  aiConformanceClusterSourcesExtensionPoint,
  aiConformanceCredentialProvidersExtensionPoint,
  aiConformanceVendorProfilesExtensionPoint,
} from './extensions';
export type {
  AiConformanceChecksExtensionPoint,
  AiConformanceClusterSourcesExtensionPoint,
  AiConformanceCredentialProvidersExtensionPoint,
  AiConformanceVendorProfilesExtensionPoint,
} from './extensions';

// Permissions
export {
  aiConformanceClusterPermissionRules,
  aiConformanceClusterResourceRef,
  isClusterConformant,
  isClusterFromSource,
  isClusterOwner,
} from './permissions/clusterPermissionRules';
export type {
  AiConformanceClusterQuery,
  AiConformanceClusterResource,
} from './permissions/clusterPermissionRules';
