/**
 * A real Kubernetes control plane (etcd, kube-apiserver, kube-controller-manager,
 * kube-scheduler, KWOK) built from Go modules, with declarative scenarios,
 * a scale mode and demo clusters.
 *
 * @packageDocumentation
 */
export { ensureBinaries, ensureKubectl, buildInfo } from './build/binaries';
export { ensureCargoTool, cargoToolRoot } from './build/cargoTool';
export type { Binaries } from './build/binaries';
export { goVersion, goModDownload } from './build/go';
export { RestClient, ApiError, waitFor } from './client/rest';
export type { KubeObject, Credentials } from './client/rest';
export {
  startControlPlane,
  stopControlPlane,
  readState,
  isUp,
  credentials,
  KWOK_NODE_ANNOTATION,
} from './controlPlane';
export type { ClusterState, StartOptions } from './controlPlane';
export { CONTEXTS, credentialsFromKubeconfig } from './kubeconfig';
export { IDENTITIES } from './pki/pki';
export { readerRbac, discoveryOnlyRbac } from './rbac';
export {
  SCENARIOS,
  getScenario,
  applyScenario,
  kuberayWebhookWithoutEndpoints,
  secureAccessBypasses,
  BYPASS_NAMESPACE,
  VENDOR_PREFIXED_USER_NAMESPACE,
} from './scenarios';
export type { Scenario } from './scenarios';
export { runScale } from './scale/scale';
export { demoUp, demoDown, writeDemoFiles, DEMO_SCENARIOS } from './demo/demo';
export { resolveVersions, supportedMinors } from './versions';
export {
  startOrReuseCluster,
  describeWithLocalCluster,
  localClusterUnavailable,
} from './testing';
export type { LocalCluster, StartOrReuseOptions } from './testing';
