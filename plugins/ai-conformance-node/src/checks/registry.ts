import { acceleratorMetrics } from './acceleratorMetrics';
import { advancedInferenceIngress } from './advancedInferenceIngress';
import { aiInference } from './aiInference';
import { aiServiceMetrics } from './aiServiceMetrics';
import { clusterAutoscaling } from './clusterAutoscaling';
import { disaggregatedInference } from './disaggregatedInference';
import { draSupport } from './draSupport';
import { driverRuntimeManagement } from './driverRuntimeManagement';
import { gangScheduling } from './gangScheduling';
import { gpuSharing } from './gpuSharing';
import { highPerformanceNetworking } from './highPerformanceNetworking';
import { podAutoscaling } from './podAutoscaling';
import { robustController } from './robustController';
import { RequirementCheck } from './RequirementCheck';
import { secureAcceleratorAccess } from './secureAcceleratorAccess';
import { virtualizedAccelerator } from './virtualizedAccelerator';
import { workloadSandboxing } from './workloadSandboxing';

/**
 * The passive check of every requirement in the catalogue, keyed by requirement id.
 *
 * @public
 */
export const PASSIVE_CHECKS: readonly RequirementCheck[] = [
  draSupport,
  driverRuntimeManagement,
  gpuSharing,
  virtualizedAccelerator,
  aiInference,
  advancedInferenceIngress,
  highPerformanceNetworking,
  disaggregatedInference,
  gangScheduling,
  clusterAutoscaling,
  podAutoscaling,
  acceleratorMetrics,
  aiServiceMetrics,
  secureAcceleratorAccess,
  workloadSandboxing,
  robustController,
];
