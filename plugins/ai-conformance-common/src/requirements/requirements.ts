import { RequirementDefinition } from './types';

/**
 * Every requirement that appears in any checklist version, in the order of the official
 * templates (category by category).
 *
 * @public
 */
export const REQUIREMENTS: readonly RequirementDefinition[] = [
  {
    id: 'dra_support',
    category: 'accelerators',
    kar: '0051',
    title: 'Dynamic Resource Allocation',
    description:
      'The cluster serves the Dynamic Resource Allocation API (resource.k8s.io) so that workloads can ask for devices by attributes, not only by count.',
    howWeCheck:
      'API discovery must list resource.k8s.io at the version the checklist expects (v1 for 1.34+, any of v1/v1beta2/v1beta1 for 1.33) with deviceclasses, resourceclaims, resourceclaimtemplates and resourceslices. DeviceClasses and ResourceSlices found are listed as evidence. With active probes, a DeviceClass and a ResourceClaim are created with dryRun=All.',
    remediation:
      'Run Kubernetes 1.34 or later (DRA is GA there) or enable the resource.k8s.io API group and the DynamicResourceAllocation feature gate, then install the DRA driver of your accelerator vendor.',
  },
  {
    id: 'driver_runtime_management',
    category: 'accelerators',
    kar: '0001',
    title: 'Driver and runtime management',
    description:
      'Accelerator nodes advertise which driver and container runtime configuration they run, so that compatibility can be verified rather than assumed.',
    howWeCheck:
      'For every node with a recognised accelerator, looks for a driver version in DRA ResourceSlice device attributes (preferred) or in the vendor node labels, and for the container runtime version in node status. Versions that disagree between devices of one node fail the check. Unrecognised accelerators give unknown.',
    remediation:
      'Install the vendor operator or feature discovery that labels nodes with driver versions (e.g. NVIDIA GPU Operator with GPU Feature Discovery, AMD GPU Operator node labeller), or a DRA driver that publishes driverVersion attributes.',
  },
  {
    id: 'gpu_sharing',
    category: 'accelerators',
    kar: '0003',
    title: 'GPU sharing',
    description:
      'Accelerators that can be shared are offered in fractions: hardware partitions as schedulable resources, or time-slicing with oversubscription.',
    howWeCheck:
      'Looks for partition resources in node allocatable (e.g. nvidia.com/mig-*, amd.com/cpx_nps4), sharing labels (time-slicing, MPS, GKE sharing strategy), sharing DeviceClasses (mig.nvidia.com) and ResourceSlices with shared counters or devices that allow multiple allocations.',
    remediation:
      'Enable one sharing strategy: MIG or compute partitions exposed as resources, time-slicing or MPS in the device plugin configuration, or partitionable devices in the DRA driver.',
  },
  {
    id: 'virtualized_accelerator',
    category: 'accelerators',
    kar: '0004',
    title: 'Virtualized accelerators',
    description:
      'Virtual accelerators (for example vGPU) are exposed and requested the same way as physical or fractional ones.',
    howWeCheck:
      'Looks for vGPU node labels, VFIO or vGPU DeviceClasses, DRA devices of a virtual type and the KubeVirt API. When accelerators exist but no virtualization mechanism is recognised the verdict is unknown, because bare-metal platforms legitimately have none.',
    remediation:
      'If the platform offers virtual accelerators, expose them through the device plugin or DRA driver (e.g. NVIDIA vGPU guest driver with GPU Feature Discovery, vfio.gpu.nvidia.com DeviceClass); otherwise record N/A with a justification.',
  },
  {
    id: 'ai_inference',
    category: 'networking',
    title: 'Gateway API for inference',
    description:
      'A Gateway API implementation is installed and working, giving inference services weighted traffic splitting and header-based routing.',
    howWeCheck:
      'API discovery must list gateway.networking.k8s.io/v1 with gatewayclasses, gateways and httproutes, and at least one GatewayClass must report Accepted=True. Programmed Gateways are listed as evidence.',
    remediation:
      'Install the Gateway API CRDs (standard channel) and a conformant implementation (e.g. Envoy Gateway, Istio, Cilium, kgateway, a cloud gateway controller) and create a GatewayClass for it.',
  },
  {
    id: 'advanced_inference_ingress',
    category: 'networking',
    kar: '0011',
    title: 'Inference-aware ingress (GAIE)',
    description:
      'The Gateway API Inference Extension routes requests to model servers using what the servers report (load, KV cache), not just round robin.',
    howWeCheck:
      'Looks for the InferencePool API (inference.networking.k8s.io or inference.networking.x-k8s.io), InferencePools accepted by a Gateway, and HTTPRoutes whose backend is an InferencePool.',
    remediation:
      'Install the Gateway API Inference Extension CRDs, a gateway that supports them and an endpoint picker, and route an HTTPRoute to an InferencePool.',
  },
  {
    id: 'high_performance_networking',
    category: 'networking',
    kar: '0010',
    title: 'High-performance pod networking',
    description:
      'Where workloads need fast pod-to-pod links (RDMA, secondary NICs), the network devices are described to the scheduler and pods can attach several interfaces, preferably through DRA.',
    howWeCheck:
      'Looks for ResourceSlices from network DRA drivers (e.g. DRANET), NIC DeviceClasses, Multus, SR-IOV or NVIDIA Network Operator APIs and RDMA extended resources. Without any, the requirement is not applicable.',
    remediation:
      'If the platform needs high-performance networking, install a network DRA driver such as DRANET (or Multus with SR-IOV/RDMA device plugins) so that NICs are published with their characteristics.',
  },
  {
    id: 'disaggregated_inference',
    category: 'networking',
    kar: '0041',
    title: 'Disaggregated inference',
    description:
      'The platform can run inference with prefill and decode in separate, separately scaled components.',
    howWeCheck:
      'Looks for the APIs of llm-d, NVIDIA Dynamo, LeaderWorkerSet and KServe LLMInferenceService, and for running pods labelled with a prefill role and a decode role.',
    remediation:
      'Install a disaggregated serving stack (llm-d, Dynamo, vLLM or SGLang with LeaderWorkerSet) and run a model with separate prefill and decode workers.',
  },
  {
    id: 'gang_scheduling',
    category: 'schedulingOrchestration',
    kar: '0053',
    title: 'Gang scheduling',
    description:
      'A gang scheduling solution runs on the platform so that a distributed job gets all of its pods or none of them.',
    howWeCheck:
      'Looks for the API of Kueue, Volcano, KAI Scheduler, the coscheduling plugin or native Workload scheduling, and for its controller Deployment to be Available; for Kueue a ClusterQueue must be Active. With active probes, a small CPU Job must run to completion and an oversized one must not start any pod.',
    remediation:
      'Install Kueue (with a ResourceFlavor, an active ClusterQueue and a LocalQueue) or Volcano, KAI Scheduler or the coscheduling plugin, and check that its controller is running.',
  },
  {
    id: 'cluster_autoscaling',
    category: 'schedulingOrchestration',
    kar: '0055',
    title: 'Accelerator cluster autoscaling',
    description:
      'If the platform autoscales nodes, it can add and remove nodes of a given accelerator type when pods requesting it are pending.',
    howWeCheck:
      'Looks for the Cluster Autoscaler (status ConfigMap or Deployment), Karpenter NodePools and Cluster API autoscaler annotations, and whether they cover accelerator nodes. Without an autoscaler the requirement is not applicable.',
    remediation:
      'Configure the Cluster Autoscaler or Karpenter with a node group or NodePool for each accelerator type, with a minimum below its maximum.',
  },
  {
    id: 'pod_autoscaling',
    category: 'schedulingOrchestration',
    kar: '0057',
    title: 'Pod autoscaling on custom metrics',
    description:
      'The HorizontalPodAutoscaler works for accelerator workloads and can scale them on AI-relevant custom metrics.',
    howWeCheck:
      'The autoscaling/v2 API must be served (otherwise not applicable) and a custom or external metrics API (APIService v1beta1.custom.metrics.k8s.io or v1beta1.external.metrics.k8s.io) must be Available. HPAs using Pods, Object or External metrics are listed as evidence.',
    remediation:
      'Install a metrics adapter (prometheus-adapter, KEDA or the cloud provider adapter) that registers the custom or external metrics API, and expose accelerator or serving metrics through it.',
  },
  {
    id: 'accelerator_metrics',
    category: 'observability',
    kar: '0059',
    title: 'Accelerator metrics',
    description:
      'An accelerator metrics exporter runs on accelerator nodes and serves per-device utilization and memory metrics in a machine-readable format.',
    howWeCheck:
      'For each recognised accelerator vendor, looks for its metrics exporter DaemonSet (e.g. DCGM exporter, AMD device metrics exporter) and requires it to be ready on the accelerator nodes. Unrecognised accelerators and managed-only solutions give unknown.',
    remediation:
      'Deploy the vendor metrics exporter (e.g. NVIDIA DCGM exporter, AMD device-metrics-exporter, Intel XPU Manager) on every accelerator node and expose it to the monitoring system.',
  },
  {
    id: 'ai_service_metrics',
    category: 'observability',
    kar: '0061',
    title: 'AI service metrics',
    description:
      'A monitoring system discovers and collects metrics that workloads expose in a standard format such as Prometheus exposition.',
    howWeCheck:
      'Looks for a monitoring API that discovers scrape targets (Prometheus Operator ServiceMonitor/PodMonitor, Google managed PodMonitoring, Azure managed Prometheus, OpenTelemetry Operator) and for a collector instance (a Prometheus or OpenTelemetryCollector object, or a managed collection API).',
    remediation:
      'Install a monitoring stack that discovers workloads (e.g. kube-prometheus-stack, or enable the managed Prometheus of your cloud) and create a Prometheus instance.',
  },
  {
    id: 'secure_accelerator_access',
    category: 'security',
    kar: '0049',
    title: 'Secure accelerator access',
    description:
      'Containers reach accelerators only through the device plugin or DRA, so that one workload cannot use or disturb another workload’s device.',
    howWeCheck:
      'Requires a mediation mechanism for every recognised accelerator (extended resources registered by a device plugin, or DRA ResourceSlices), and lists workload pods that bypass it: privileged containers or hostPath mounts of device files on accelerator nodes.',
    remediation:
      'Expose accelerators only through the device plugin or DRA driver, enforce Pod Security baseline or restricted in workload namespaces, and remove privileged pods and hostPath /dev mounts from workloads.',
  },
  {
    id: 'workload_sandboxing',
    category: 'security',
    kar: '0020',
    title: 'Workload sandboxing',
    description:
      'Untrusted code (for example from AI agents) can run in a sandbox that isolates it from the host kernel.',
    howWeCheck:
      'Finds RuntimeClasses whose handler is a sandbox runtime (gVisor runsc, Kata Containers and similar) and asks whether the sandbox can actually run: a Ready node the class can schedule onto must report the handler in status.runtimeHandlers (Kubernetes 1.30+), or a pod must be running under the class. The agent-sandbox API (agents.x-k8s.io) counts only while its controller Deployment is Available. A sandbox class fails when every node it can schedule onto reports its handlers without this one (its pods cannot start); when the nodes report no handlers or none is Ready, or the handler is unrecognised, the verdict is unknown rather than a pass.',
    remediation:
      'Install a sandboxed runtime such as gVisor or Kata Containers in the container runtime of some nodes, create a RuntimeClass whose handler matches the runtime name (with a node selector for those nodes if not all have it) and check that the nodes list the handler in status.runtimeHandlers, or run a pod with that runtimeClassName; alternatively install agent-sandbox and keep its controller Available.',
  },
  {
    id: 'robust_controller',
    category: 'operator',
    kar: '0063',
    title: 'Robust AI operator',
    description:
      'At least one complex AI operator with its own CRDs runs reliably: its controller is up, its webhooks work and its resources reconcile.',
    howWeCheck:
      'Looks for known AI operators (KubeRay, Kubeflow Trainer and training-operator, KServe, NVIDIA NIM and Dynamo, JobSet, LeaderWorkerSet) by their API, requires their controller Deployment to be Available and reports their admission webhooks. With active probes, an invalid custom resource must be rejected by a dry-run create.',
    remediation:
      'Install an AI operator such as KubeRay or Kubeflow Trainer with its webhooks enabled, and make sure its controller Deployment is Available.',
  },
];
