import { KubeObject } from '../client/rest';
import { container, daemonSet, ns } from './types';

/* Node agents that run privileged or mount host devices by design, as their upstream charts
   install them, and workload pods that reach accelerators around the device plugin / DRA. The
   first must not make `secure_accelerator_access` fail; each of the second must. */

const privileged = { securityContext: { privileged: true } };
const hostPath = (name: string, path: string, type?: string) => ({
  name,
  hostPath: { path, ...(type ? { type } : {}) },
});
const everywhere = [{ operator: 'Exists' }];

/** The GPU Operator's node components that run privileged: driver, container toolkit, validator. */
export function gpuOperatorNodeComponents(
  namespace: string,
  driver: string,
): KubeObject[] {
  const nodeSelector = (component: string) => ({
    [`nvidia.com/gpu.deploy.${component}`]: 'true',
  });
  const labels = { 'app.kubernetes.io/part-of': 'gpu-operator' };
  return [
    daemonSet(
      namespace,
      'nvidia-driver-daemonset',
      {
        nodeSelector: nodeSelector('driver'),
        tolerations: everywhere,
        priorityClassName: 'system-node-critical',
        initContainers: [
          container(
            'k8s-driver-manager',
            'nvcr.io/nvidia/cloud-native/k8s-driver-manager:v0.8.1',
            {},
            privileged,
          ),
        ],
        containers: [
          container(
            'nvidia-driver-ctr',
            `nvcr.io/nvidia/driver:${driver}-ubuntu24.04`,
            {},
            privileged,
          ),
        ],
        volumes: [
          hostPath('run-nvidia', '/run/nvidia', 'DirectoryOrCreate'),
          hostPath('dev-log', '/dev/log'),
          hostPath('host-root', '/'),
        ],
      },
      labels,
    ),
    daemonSet(
      namespace,
      'nvidia-container-toolkit-daemonset',
      {
        nodeSelector: nodeSelector('container-toolkit'),
        tolerations: everywhere,
        priorityClassName: 'system-node-critical',
        initContainers: [
          container(
            'driver-validation',
            'nvcr.io/nvidia/cloud-native/gpu-operator-validator:v25.10.0',
            {},
            privileged,
          ),
        ],
        containers: [
          container(
            'nvidia-container-toolkit-ctr',
            'nvcr.io/nvidia/k8s/container-toolkit:v1.18.0',
            {},
            privileged,
          ),
        ],
        volumes: [
          hostPath('run-nvidia', '/run/nvidia', 'DirectoryOrCreate'),
          hostPath('driver-install-dir', '/run/nvidia/driver'),
          hostPath('host-root', '/'),
        ],
      },
      labels,
    ),
    daemonSet(
      namespace,
      'nvidia-operator-validator',
      {
        nodeSelector: nodeSelector('operator-validator'),
        tolerations: everywhere,
        containers: [
          container(
            'nvidia-operator-validator',
            'nvcr.io/nvidia/cloud-native/gpu-operator-validator:v25.10.0',
            {},
            privileged,
          ),
        ],
        volumes: [hostPath('host-dev', '/dev')],
      },
      labels,
    ),
  ];
}

/** Storage, security and monitoring agents that run privileged or mount `/dev` or `/` on every node. */
export function infrastructureAgents(): KubeObject[] {
  return [
    ns('longhorn-system'),
    daemonSet(
      'longhorn-system',
      'longhorn-manager',
      {
        tolerations: everywhere,
        containers: [
          container(
            'longhorn-manager',
            'longhornio/longhorn-manager:v1.9.1',
            {},
            privileged,
          ),
        ],
        volumes: [
          hostPath('dev', '/dev/'),
          hostPath('proc', '/proc/'),
          hostPath('longhorn', '/var/lib/longhorn/'),
        ],
      },
      { 'app.kubernetes.io/name': 'longhorn' },
    ),
    ns('falco'),
    daemonSet(
      'falco',
      'falco',
      {
        tolerations: everywhere,
        initContainers: [
          container(
            'falco-driver-loader',
            'docker.io/falcosecurity/falco-driver-loader:0.41.3',
            {},
            privileged,
          ),
        ],
        containers: [
          container(
            'falco',
            'docker.io/falcosecurity/falco:0.41.3',
            {},
            privileged,
          ),
          container(
            'falcoctl-artifact-follow',
            'docker.io/falcosecurity/falcoctl:0.11.2',
          ),
        ],
        volumes: [
          hostPath('dev-fs', '/dev'),
          hostPath('proc-fs', '/proc'),
          hostPath('boot-fs', '/boot'),
        ],
      },
      { 'app.kubernetes.io/name': 'falco' },
    ),
    ns('node-exporter'),
    daemonSet(
      'node-exporter',
      'node-exporter',
      {
        tolerations: everywhere,
        hostPID: true,
        containers: [
          container(
            'node-exporter',
            'quay.io/prometheus/node-exporter:v1.9.1',
            {},
            {
              args: ['--path.rootfs=/host/root'],
            },
          ),
          container(
            'kube-rbac-proxy',
            'quay.io/brancz/kube-rbac-proxy:v0.19.1',
          ),
        ],
        volumes: [hostPath('root', '/'), hostPath('sys', '/sys')],
      },
      { 'app.kubernetes.io/name': 'node-exporter' },
    ),
  ];
}

/** The vendor-prefixed namespace holding a user's pod, to prove namespaces are not evidence. */
export const VENDOR_PREFIXED_USER_NAMESPACE = 'nvidia-experiments';
/** The workload namespace holding the other bypass pods. */
export const BYPASS_NAMESPACE = 'team-bypass';

function pod(
  namespace: string,
  name: string,
  nodeName: string,
  spec: Record<string, unknown>,
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace, labels: { 'app.kubernetes.io/name': name } },
    spec: { nodeName, ...spec },
  };
}

/**
 * Workload pods on a GPU node that reach its GPUs without an accelerator request: privileged
 * (in a vendor-prefixed namespace), a privileged init container, a `/dev//nvidia0/` hostPath
 * (normalised to `/dev/nvidia0`), and `NVIDIA_VISIBLE_DEVICES=all`. Ephemeral containers can only
 * be added to a running pod (the `ephemeralcontainers` subresource), so tests add them.
 */
export function secureAccessBypasses(nodeName: string): KubeObject[] {
  const image = 'nvcr.io/nvidia/pytorch:25.08-py3';
  return [
    ns(VENDOR_PREFIXED_USER_NAMESPACE),
    ns(BYPASS_NAMESPACE),
    pod(VENDOR_PREFIXED_USER_NAMESPACE, 'notebook-privileged', nodeName, {
      containers: [container('notebook', image, {}, privileged)],
    }),
    pod(BYPASS_NAMESPACE, 'init-privileged', nodeName, {
      initContainers: [container('setup', 'ubuntu:24.04', {}, privileged)],
      containers: [container('train', image)],
    }),
    pod(BYPASS_NAMESPACE, 'dev-hostpath', nodeName, {
      containers: [container('train', image)],
      volumes: [hostPath('gpu', '/dev//nvidia0/')],
    }),
    pod(BYPASS_NAMESPACE, 'visible-devices-env', nodeName, {
      containers: [
        container(
          'train',
          image,
          {},
          {
            env: [
              { name: 'NVIDIA_VISIBLE_DEVICES', value: 'all' },
              { name: 'HF_HOME', value: '/cache' },
            ],
          },
        ),
      ],
    }),
  ];
}
