import { workload } from '../__testUtils__/facts';
import { KNOWN_CONTROLLERS, isController } from './controllers';

/** One upstream image per identity, as the projects' manifests and charts ship it. */
const UPSTREAM_IMAGES: Record<keyof typeof KNOWN_CONTROLLERS, string> = {
  kueue: 'registry.k8s.io/kueue/kueue:v0.17.0',
  volcano: 'docker.io/volcanosh/vc-scheduler:v1.12.1',
  kaiScheduler: 'ghcr.io/nvidia/kai-scheduler/scheduler:v0.9.0',
  coscheduling: 'registry.k8s.io/scheduler-plugins/kube-scheduler:v0.31.8',
  kuberay: 'quay.io/kuberay/operator:v1.5.0',
  kubeflowTrainer: 'ghcr.io/kubeflow/trainer/trainer-controller-manager:v2.0.0',
  trainingOperator: 'docker.io/kubeflow/training-operator:v1.9.2',
  kserve: 'docker.io/kserve/kserve-controller:v0.16.0',
  nimOperator: 'nvcr.io/nvidia/cloud-native/k8s-nim-operator:v3.0.0',
  dynamo: 'nvcr.io/nvidia/ai-dynamo/kubernetes-operator:0.5.0',
  jobset: 'registry.k8s.io/jobset/jobset:v0.10.1',
  lws: 'registry.k8s.io/lws/lws:v0.7.0',
  agentSandbox: 'registry.k8s.io/agent-sandbox/agent-sandbox-controller:v0.1.0',
};

describe('controller identities', () => {
  it.each(Object.entries(UPSTREAM_IMAGES))(
    'recognises %s by its upstream image, mirrored too',
    (id, image) => {
      const identity = KNOWN_CONTROLLERS[id];
      const mirrored = `harbor.corp.example/mirror/${image.replace(
        /^[^/]+\//,
        '',
      )}`;
      expect(
        isController(
          workload('Deployment', 'ns', 'anything', 1, 1, {
            images: [image],
            labels: {},
          }),
          identity,
        ),
      ).toBe(true);
      expect(
        isController(
          workload('Deployment', 'ns', 'anything', 1, 1, {
            images: [mirrored],
            labels: {},
          }),
          identity,
        ),
      ).toBe(true);
    },
  );
  it('never matches by name or by a partial label set', () => {
    const named = workload(
      'Deployment',
      'kueue-system',
      'kueue-controller-manager',
      1,
      1,
      {
        images: ['example.org/tool:1'],
        labels: { 'app.kubernetes.io/name': 'kueue' },
      },
    );
    expect(isController(named, KNOWN_CONTROLLERS.kueue)).toBe(false);
  });
});
