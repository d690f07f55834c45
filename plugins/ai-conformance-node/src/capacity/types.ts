/* The snapshot types live in -common: the backend stores them and the UI draws them. */
export type {
  CapacitySnapshot,
  DeviceCounts,
  DraDevice,
  DraPool,
  ModelCapacity,
  NodeAccelerators,
  NodeCapacity,
  PendingDemand,
  PendingPod,
  QueueCapacity,
  QueueFlavorResource,
  ResourceTotals,
  ResourceUnits,
  UnitKind,
  UnknownAccelerator,
  WholeDevices,
} from '@internal/plugin-ai-conformance-common';
