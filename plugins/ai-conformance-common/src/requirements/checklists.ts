import { ChecklistDefinition, ChecklistRequirement } from './types';

const must = (id: string, conditional?: boolean): ChecklistRequirement =>
  conditional ? { id, level: 'MUST', conditional } : { id, level: 'MUST' };
const should = (id: string, conditional?: boolean): ChecklistRequirement =>
  conditional ? { id, level: 'SHOULD', conditional } : { id, level: 'SHOULD' };

// The requirements of every version in the order of the official template.
const common = {
  aiInference: must('ai_inference'),
  gang: must('gang_scheduling'),
  clusterAutoscaling: must('cluster_autoscaling', true),
  podAutoscaling: must('pod_autoscaling', true),
  acceleratorMetrics: must('accelerator_metrics'),
  serviceMetrics: must('ai_service_metrics'),
  secureAccess: must('secure_accelerator_access'),
  robustController: must('robust_controller'),
};
const accelerators135 = [
  should('driver_runtime_management'),
  should('gpu_sharing'),
  should('virtualized_accelerator'),
];
const networking136 = [
  common.aiInference,
  should('advanced_inference_ingress'),
  should('high_performance_networking', true),
  should('disaggregated_inference'),
];
const schedulingToOperator = [
  common.gang,
  common.clusterAutoscaling,
  common.podAutoscaling,
  common.acceleratorMetrics,
  common.serviceMetrics,
  common.secureAccess,
];

/**
 * Every checklist version the engine knows, oldest first. To add a version, append an entry
 * (and its REQUIREMENTS entry for any new id).
 *
 * @public
 */
export const CHECKLISTS: readonly ChecklistDefinition[] = [
  {
    version: '1.33',
    requirements: [
      should('dra_support'),
      common.aiInference,
      ...schedulingToOperator,
      common.robustController,
    ],
  },
  {
    version: '1.34',
    requirements: [
      must('dra_support'),
      common.aiInference,
      ...schedulingToOperator,
      common.robustController,
    ],
  },
  {
    version: '1.35',
    requirements: [
      must('dra_support'),
      ...accelerators135,
      common.aiInference,
      ...schedulingToOperator,
      common.robustController,
    ],
  },
  {
    version: '1.36',
    requirements: [
      ...accelerators135,
      ...networking136,
      ...schedulingToOperator,
      common.robustController,
    ],
  },
  {
    version: '1.37',
    requirements: [
      ...accelerators135,
      ...networking136,
      ...schedulingToOperator,
      should('workload_sandboxing'),
      common.robustController,
    ],
  },
];
