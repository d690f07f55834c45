/**
 * Node-pool template keys that say a pool provisions accelerators: Karpenter (AWS, Azure) and EKS
 * Auto Mode instance requirements, GKE/AKS/EKS node labels as they appear on templates. Data
 * only; `onDemandAccelerators.ts` applies it.
 */

/** Keys whose value is an accelerator count (`Gt 0`, `In [1, …]`, `Exists`). @internal */
export const ACCELERATOR_COUNT_KEYS: readonly string[] = [
  'karpenter.k8s.aws/instance-gpu-count',
  'karpenter.k8s.aws/instance-accelerator-count',
  'eks.amazonaws.com/instance-gpu-count',
  'eks.amazonaws.com/instance-accelerator-count',
  'karpenter.azure.com/sku-gpu-count',
  'cloud.google.com/gke-accelerator-count',
];

/** Keys that exist only on accelerator instances (any value: a name or a manufacturer). @internal */
export const ACCELERATOR_NAME_KEYS: readonly string[] = [
  'karpenter.k8s.aws/instance-gpu-name',
  'karpenter.k8s.aws/instance-gpu-manufacturer',
  'karpenter.k8s.aws/instance-gpu-memory',
  'karpenter.k8s.aws/instance-accelerator-name',
  'karpenter.k8s.aws/instance-accelerator-manufacturer',
  'eks.amazonaws.com/instance-gpu-name',
  'eks.amazonaws.com/instance-gpu-manufacturer',
  'karpenter.azure.com/sku-gpu-name',
  'karpenter.azure.com/sku-gpu-manufacturer',
  'cloud.google.com/gke-accelerator',
  'cloud.google.com/gke-tpu-accelerator',
  'kubernetes.azure.com/accelerator',
  'k8s.amazonaws.com/accelerator',
];

/** Instance category, family or type keys, with the values that are accelerator instances. @internal */
export const ACCELERATOR_INSTANCE_KEYS: Readonly<Record<string, RegExp>> = {
  // AWS: g (graphics, incl. AMD g4ad), p (NVIDIA), inf (Inferentia), trn (Trainium), dl (Gaudi)
  'karpenter.k8s.aws/instance-category': /^(g|p|inf|trn|dl)$/i,
  'eks.amazonaws.com/instance-category': /^(g|p|inf|trn|dl)$/i,
  'karpenter.k8s.aws/instance-family': /^(g|p|inf|trn|dl)\d/i,
  'eks.amazonaws.com/instance-family': /^(g|p|inf|trn|dl)\d/i,
  // Azure N-series (NC, ND, NV)
  'karpenter.azure.com/sku-family': /^n[cdv]/i,
  'karpenter.azure.com/sku-name': /^standard_n[cdv]/i,
  // AWS p5.48xlarge, g6.xlarge, inf2.*, trn1.*, dl1.*; Azure Standard_NC*; GCE a2/a3/a4/g2 and TPU ct* types
  'node.kubernetes.io/instance-type':
    /^((g|p|inf|trn|dl)\d[a-z0-9-]*\.|standard_n[cdv]|a[234]-(high|mega|ultra|edge)gpu|g2-standard|ct\d)/i,
};

/**
 * Cluster Autoscaler node-group names that name accelerators. The status ConfigMap carries only
 * names, so this is a hint: it can turn `not-applicable` into `unknown`, never decide a `pass`.
 * Segments are matched whole, so ids in generated names (hex) do not match.
 *
 * @internal
 */
export const ACCELERATOR_NODE_GROUP_NAME =
  /(^|[-_.])(gpus?|nvidia|amd|accelerators?|a10g?|a100|h100|h200|b200|gb200|l4|l40s?|t4|v100|mi\d{3}x?|tpu|tpus|neuron|inferentia2?|trainium2?|inf[12]|trn[12]|gaudi\d?|dl1|(p[3-6]|g[4-6])[a-z]*)([-_.]|$)/i;
