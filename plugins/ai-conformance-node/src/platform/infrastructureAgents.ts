import { InfrastructureAgent } from './InfrastructureAgent';

/**
 * Node agents that run privileged or mount host devices by design. A pod counts as one only when
 * a controller owns it and every container that runs privileged or reaches devices runs one of
 * these images (mirrors included: the registry is ignored). Replace or extend the list through
 * `evaluateCluster(…, { infrastructureAgents })`.
 *
 * @public
 */
export const INFRASTRUCTURE_AGENTS: readonly InfrastructureAgent[] = [
  // storage
  {
    name: 'Longhorn',
    category: 'storage',
    images: ['longhornio/*'],
    names: ['longhorn'],
  },
  {
    name: 'Rook / Ceph',
    category: 'storage',
    images: [
      'rook/ceph',
      'ceph/ceph',
      'ceph/daemon',
      'cephcsi/cephcsi',
      'csiaddons/k8s-sidecar',
    ],
  },
  {
    name: 'OpenEBS',
    category: 'storage',
    images: ['openebs/*'],
    names: ['openebs'],
  },
  {
    name: 'Portworx',
    category: 'storage',
    images: ['portworx/*'],
    names: ['portworx'],
  },
  { name: 'TopoLVM', category: 'storage', images: ['topolvm/topolvm*'] },
  {
    name: 'CSI node plugins',
    category: 'storage',
    images: [
      'sig-storage/*',
      'aws-ebs-csi-driver',
      'aws-efs-csi-driver',
      'aws-fsx-csi-driver',
      'gcp-compute-persistent-disk-csi-driver',
      'gcp-filestore-csi-driver',
      'gcs-fuse-csi-driver',
      'azuredisk-csi',
      'azurefile-csi',
      'blob-csi',
      'csi-vsphere/driver',
      'secrets-store-csi-driver/driver',
    ],
  },
  // network
  {
    name: 'Cilium',
    category: 'network',
    images: ['cilium/cilium', 'cilium/cilium-envoy', 'cilium/operator*'],
    names: ['cilium'],
  },
  {
    name: 'Calico',
    category: 'network',
    images: ['calico/*', 'tigera/*'],
    names: ['calico'],
  },
  {
    name: 'Flannel',
    category: 'network',
    images: ['flannel/*', 'flannel-io/*', 'rancher/mirrored-flannelcni-*'],
    names: ['flannel'],
  },
  {
    name: 'Antrea',
    category: 'network',
    images: ['antrea/*'],
    names: ['antrea'],
  },
  { name: 'Kube-OVN', category: 'network', images: ['kube-ovn/kube-ovn'] },
  {
    name: 'Weave Net',
    category: 'network',
    images: ['weaveworks/weave-kube', 'weaveworks/weave-npc'],
  },
  {
    name: 'kube-proxy',
    category: 'network',
    images: ['kube-proxy', 'kube-proxy-amd64', 'kube-proxy-arm64'],
  },
  {
    name: 'AWS VPC CNI',
    category: 'network',
    images: [
      'amazon-k8s-cni',
      'amazon-k8s-cni-init',
      'amazon/aws-network-policy-agent',
    ],
  },
  {
    name: 'Multus and SR-IOV (Network Plumbing WG)',
    category: 'network',
    images: [
      'k8snetworkplumbingwg/*',
      'openshift4/ose-sriov-*',
      'openshift4/ose-multus-*',
    ],
    names: ['multus', 'sriov'],
  },
  {
    name: 'NVIDIA Network Operator (Mellanox)',
    category: 'network',
    images: [
      'mellanox/*',
      'nvidia/mellanox/*',
      'nvidia/cloud-native/network-operator',
    ],
    names: ['mofed', 'network-operator'],
  },
  {
    name: 'DRANET',
    category: 'network',
    images: ['dranet', 'networking/dranet'],
  },
  // security
  {
    name: 'Falco',
    category: 'security',
    images: ['falcosecurity/*'],
    names: ['falco'],
  },
  {
    name: 'Tetragon',
    category: 'security',
    images: ['cilium/tetragon', 'cilium/tetragon-operator'],
  },
  { name: 'Tracee', category: 'security', images: ['aquasec/tracee'] },
  { name: 'NeuVector', category: 'security', images: ['neuvector/enforcer'] },
  { name: 'Sysdig agent', category: 'security', images: ['sysdig/agent*'] },
  // devices
  {
    name: 'Intel device plugins',
    category: 'devices',
    images: [
      'intel/intel-*-plugin',
      'intel/intel-*-initcontainer',
      'intel/intel-deviceplugin-operator',
    ],
    names: [
      'intel-gpu-plugin',
      'intel-qat-plugin',
      'intel-dlb-plugin',
      'intel-dsa-plugin',
      'intel-sgx-plugin',
    ],
  },
  {
    name: 'Node Feature Discovery',
    category: 'devices',
    images: ['nfd/node-feature-discovery', 'node-feature-discovery'],
  },
  {
    name: 'smarter-device-manager',
    category: 'devices',
    images: ['smarter-device-manager'],
  },
  // observability
  {
    name: 'Prometheus node exporter',
    category: 'observability',
    images: ['prometheus/node-exporter', 'bitnami/node-exporter'],
  },
  {
    name: 'Log and telemetry agents',
    category: 'observability',
    images: [
      'fluent/fluent-bit',
      'grafana/alloy',
      'grafana/promtail',
      'otel/opentelemetry-collector*',
      'datadog/agent',
      'beats/filebeat',
      'beats/metricbeat',
      'newrelic/infrastructure*',
    ],
  },
  {
    name: 'Sidecars of node agents',
    category: 'node',
    images: [
      'brancz/kube-rbac-proxy',
      'kube-rbac-proxy',
      'kubebuilder/kube-rbac-proxy',
    ],
  },
  {
    name: 'Node Problem Detector',
    category: 'node',
    images: ['node-problem-detector/node-problem-detector'],
  },
  {
    name: 'kured',
    category: 'node',
    images: ['kubereboot/kured', 'weaveworks/kured'],
  },
];
