import { WorkloadFact } from '../gather/factTypes';
import { matchImage } from '../platform/imagePatterns';

/**
 * How an operator's controller Deployment is recognised exactly: by the image repository of one
 * of its containers (registry and tag ignored, so mirrors match), or by every label of one of
 * `labels` (for self-built images). Names and substrings are never used, so a dashboard
 * (`kueueviz`) or a served model (a KServe predictor) is not taken for the controller.
 *
 * @public
 */
export interface ControllerIdentity {
  name: string;
  images: readonly string[];
  /** Alternative label sets; a Deployment matches one when it carries every label of it. */
  labels?: ReadonlyArray<Readonly<Record<string, string>>>;
}

const manager = (name: string) => ({
  'control-plane': 'controller-manager',
  'app.kubernetes.io/name': name,
});

/** Controllers the checks look for (labels and images of the upstream manifests and charts). @public */
export const KNOWN_CONTROLLERS: Readonly<Record<string, ControllerIdentity>> = {
  kueue: {
    name: 'Kueue controller',
    images: ['kueue/kueue'],
    labels: [manager('kueue')],
  },
  volcano: {
    name: 'Volcano scheduler',
    images: ['volcanosh/vc-scheduler'],
    labels: [{ app: 'volcano-scheduler' }],
  },
  kaiScheduler: {
    name: 'KAI Scheduler',
    images: ['kai-scheduler/scheduler'],
    labels: [{ app: 'kai-scheduler' }],
  },
  coscheduling: {
    name: 'scheduler-plugins scheduler',
    images: ['scheduler-plugins/kube-scheduler'],
    labels: [{ component: 'scheduler', app: 'scheduler-plugins-scheduler' }],
  },
  kuberay: {
    name: 'KubeRay operator',
    images: ['kuberay/operator'],
    labels: [
      {
        'app.kubernetes.io/name': 'kuberay-operator',
        'app.kubernetes.io/component': 'kuberay-operator',
      },
    ],
  },
  kubeflowTrainer: {
    name: 'Kubeflow Trainer controller',
    images: [
      'kubeflow/trainer/trainer-controller-manager',
      'kubeflow/trainer-controller-manager',
    ],
    labels: [
      {
        'app.kubernetes.io/name': 'trainer',
        'app.kubernetes.io/component': 'manager',
      },
    ],
  },
  trainingOperator: {
    name: 'Kubeflow training-operator',
    images: [
      'kubeflow/training-operator',
      'kubeflow/training-operator/training-operator',
    ],
    labels: [{ 'control-plane': 'kubeflow-training-operator' }],
  },
  kserve: {
    name: 'KServe controller',
    images: ['kserve/kserve-controller'],
    labels: [{ 'control-plane': 'kserve-controller-manager' }],
  },
  nimOperator: {
    name: 'NVIDIA NIM Operator',
    images: ['nvidia/cloud-native/k8s-nim-operator'],
    labels: [{ 'app.kubernetes.io/name': 'k8s-nim-operator' }],
  },
  dynamo: {
    name: 'NVIDIA Dynamo operator',
    images: [
      'ai-dynamo/kubernetes-operator',
      'nvidia/ai-dynamo/kubernetes-operator',
    ],
    labels: [manager('dynamo-operator')],
  },
  jobset: {
    name: 'JobSet controller',
    images: ['jobset/jobset'],
    labels: [manager('jobset')],
  },
  lws: {
    name: 'LeaderWorkerSet controller',
    images: ['lws/lws'],
    labels: [manager('lws')],
  },
  agentSandbox: {
    name: 'agent-sandbox controller',
    images: ['agent-sandbox/agent-sandbox-controller'],
    labels: [{ app: 'agent-sandbox-controller' }],
  },
};

/** True when the workload is the controller the identity describes. @public */
export function isController(
  w: WorkloadFact,
  identity: ControllerIdentity,
): boolean {
  if (w.images.some(image => matchImage(image, identity.images))) return true;
  return (identity.labels ?? []).some(set =>
    Object.entries(set).every(([k, v]) => w.labels[k] === v),
  );
}

/** The Deployments that are the controller. @public */
export function findControllers(
  deployments: readonly WorkloadFact[],
  identity: ControllerIdentity,
): WorkloadFact[] {
  return deployments.filter(d => isController(d, identity));
}
