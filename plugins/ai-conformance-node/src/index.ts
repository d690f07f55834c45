/**
 * The AI conformance engine: reads a Kubernetes cluster once through `@kubernetes/client-node`,
 * decides every requirement of a CNCF Kubernetes AI Conformance checklist with pure checks,
 * optionally runs active probes, and exports PRODUCT.yaml and JUnit. The CLI and the backend
 * plugin both call it.
 *
 * @packageDocumentation
 */

export type {
  EngineLogger,
  EvaluateClusterOptions,
  ProbeOptions,
} from './types';
export {
  ClusterUnreachableError,
  KubeApiError,
  isKubeApiError,
} from './errors';
export type { KubeApiErrorKind } from './errors';

// Evaluation
export {
  evaluateCluster,
  chooseChecklistVersion,
} from './evaluate/evaluateCluster';
export type { EvaluateClusterExtensions } from './evaluate/evaluateCluster';
export { summarize } from './evaluate/summarize';

// Platform
export { detectProvider } from './platform/detectProvider';
export type { ProviderSignals } from './platform/detectProvider';
export { runChecks, factsForChecklist } from './evaluate/runChecks';

// Exports
export { renderProductYaml, PRODUCT_STATUSES } from './export/productYaml';
export type { RenderProductYamlOptions } from './export/productYaml';
export { renderJUnit } from './export/junit';

// Cluster access (shared with capacity views and model-server discovery)
export type {
  ClusterReader,
  KubeObject,
  KubeVersion,
  ListOptions,
  WriteOptions,
} from './cluster/ClusterReader';
export {
  DEFAULT_MAX_RESPONSE_BYTES,
  KubeClusterReader,
} from './cluster/KubeClusterReader';
export {
  capServerText,
  redactSecrets,
  truncateChars,
  SERVER_TEXT_MAX_CHARS,
} from './cluster/serverText';
export type { KubeClusterReaderOptions } from './cluster/KubeClusterReader';
export type { ProtobufListKind } from './cluster/protobuf/kubeProtobuf';
export {
  AGGREGATED_DISCOVERY_ACCEPT,
  collectionPath,
  findGroup,
  findResource,
  isAggregatedDiscovery,
  parseAggregatedDiscovery,
  parseLegacyResourceList,
} from './cluster/discovery';
export type {
  AggregatedList,
  AggregatedResource,
  ApiDiscovery,
  LegacyResourceList,
  DiscoveredGroup,
  DiscoveredResource,
  DiscoveredVersion,
  ServedResource,
} from './cluster/discovery';

// Clusters: the pure plan of identities and connections (Backstage services: ./backstage)
export { normalizeApiServerUrl, planClusters } from './clusters';
export type {
  ClusterBinding,
  ClusterPlan,
  ClusterTarget,
  PlanClustersResult,
  PlannedConnection,
  RegisteredCluster,
} from './clusters';

// Gather
export { gatherFacts } from './gather/gatherFacts';
export type { GatherFactsOptions } from './gather/gatherFacts';
export { FACT_DEFINITIONS } from './gather/factDefinitions';
export type { FactDefinition } from './gather/factDefinitions';
export type { GatherContext, GatherListOptions } from './gather/GatherContext';
export {
  describeRead,
  getRead,
  listRead,
  qualifiedResource,
} from './gather/factReads';
export type { FactRead } from './gather/factReads';

// Reader RBAC, generated from the declared reads
export {
  DISCOVERY_NON_RESOURCE_URLS,
  declaredReads,
  readerRbacManifests,
  readerRbacRules,
  renderReaderRbacYaml,
  rulesGrant,
} from './rbac/readerRbac';
export type {
  PolicyRule,
  RbacSubject,
  ReaderRbacRules,
} from './rbac/readerRbac';
export { conditionTrue } from './gather/reduce';
export type * from './gather/factTypes';

// Vendors
export { VENDOR_PROFILES, NETWORK_DRA_DRIVERS } from './vendors/profiles';
export type { VendorProfile } from './vendors/VendorProfile';
export {
  detectAccelerators,
  describeUnrecognised,
} from './vendors/detectAccelerators';
export type {
  AcceleratorInventory,
  AcceleratorNode,
  UnrecognisedAccelerator,
} from './vendors/detectAccelerators';
export {
  detectOnDemandAccelerators,
  describeOnDemand,
} from './vendors/onDemandAccelerators';
export type {
  OnDemandAcceleratorSource,
  OnDemandInputs,
} from './vendors/onDemandAccelerators';

// Monitoring stacks and workload images
export { MONITORING_STACKS } from './monitoring/monitoringStacks';
export type { MonitoringStack } from './monitoring/monitoringStacks';
export { detectMonitoringStacks } from './monitoring/detectMonitoring';
export type { DetectedMonitoringStack } from './monitoring/detectMonitoring';
export { imageRepository, imagesMatch } from './workloads/images';

// Model-serving discovery (pure, over gathered facts)
export * from './serving';

// Platform versus workload
export { INFRASTRUCTURE_AGENTS } from './platform/infrastructureAgents';
export type { InfrastructureAgent } from './platform/InfrastructureAgent';
export { matchImage } from './platform/imagePatterns';
export { classifyPod, owningWorkload } from './platform/classifyPod';
export type { PlatformCatalog, PodRole } from './platform/classifyPod';
export { deviceBypasses, requestsAccelerator } from './platform/deviceBypass';
export type { DeviceBypass } from './platform/deviceBypass';

// Capacity (pure, over the same gathered facts)
export {
  buildCapacitySnapshot,
  evaluateClusterWithCapacity,
  CAPACITY_FACTS,
  effectivePodRequests,
  parseQuantity,
  classifyResource,
  readAcceleratorLabels,
  currentSlices,
  draInventory,
  pendingDemand,
  queueCapacity,
} from './capacity';
export type {
  CapacitySnapshotOptions,
  MalformedQuantity,
  ResourceKind,
  LabelledAccelerators,
  DraInventory,
} from './capacity';
export {
  ACCELERATOR_LABEL_SOURCES,
  CAPACITY_VENDOR_DATA,
  DRA_DEVICE_ATTRIBUTES,
  MANUFACTURER_VENDORS,
} from './vendors/acceleratorLabels';
export type {
  AcceleratorLabelSource,
  CapacityVendorData,
} from './vendors/acceleratorLabels';

// Checks
export { PASSIVE_CHECKS } from './checks/registry';
export {
  FactUnavailableError,
  evidence,
  optionalFact,
  outcome,
  requireFact,
} from './checks/RequirementCheck';
export type {
  CheckContext,
  CheckOutcome,
  RequirementCheck,
} from './checks/RequirementCheck';

// Active probes
export {
  withProbeNamespace,
  probeObjectMetadata,
  PROBE_NAMESPACE_LABEL,
  PROBE_NAMESPACE_PREFIX,
} from './probes/probeNamespace';
export type { ProbeScope } from './probes/probeNamespace';
export { sweepProbeLeftovers } from './probes/sweepProbeLeftovers';
export type { SweepProbeLeftoversOptions } from './probes/sweepProbeLeftovers';
export { GANG_PROBE_LIMITS } from './probes/gangSchedulingProbe';
export type { ProbeOutcome } from './probes/ProbeResult';

// CLI
export { runCli, CLI_EXIT } from './cli/runCli';
export type { CliIo } from './cli/runCli';
