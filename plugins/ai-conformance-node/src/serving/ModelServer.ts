import { FactKey } from '../gather/factTypes';

/**
 * The stacks discovery recognises. `workload` is a plain Deployment or StatefulSet recognised by
 * its image or labels (see the README for the rule).
 *
 * @public
 */
export type ServingFramework =
  | 'kserve'
  | 'kserve-llm'
  | 'inference-pool'
  | 'kuberay'
  | 'nim'
  | 'llm-d'
  | 'vllm-production-stack'
  | 'dynamo'
  | 'workload';

/**
 * The API a server's endpoint speaks: `openai` (OpenAI-compatible HTTP), `grpc` (e.g. Triton,
 * KServe v2 gRPC) or `openapi` (another HTTP API, e.g. KServe v1/v2 REST, Ray Serve).
 *
 * @public
 */
export type ServingApiType = 'openai' | 'grpc' | 'openapi';

/** @public */
export type ServingReadiness = 'ready' | 'not-ready' | 'unknown';

/** A model a server serves. @public */
export interface ServedModel {
  /** The name clients ask for (OpenAI `model`), or the best name known. */
  name: string;
  /** Where the weights come from (`hf://…`, `s3://…`, `gs://…`, an image), when known. */
  uri?: string;
  /** Model format (KServe `modelFormat.name`, e.g. `sklearn`, `huggingface`). */
  format?: string;
}

/** Accelerators one server uses, per vendor and model. @public */
export interface ServerAccelerators {
  /** Vendor profile id (`nvidia`, `amd`, …) or `unknown` for an unrecognised resource. */
  vendor: string;
  /** Accelerator model from node labels or DRA device attributes, when known. */
  model?: string;
  /** Whole devices, partitions or shares (DRA devices count one each). */
  count: number;
  /** The resource name or DRA driver the count comes from. */
  resource: string;
  /**
   * `pods`: requests of running pods; `dra`: allocated ResourceClaims of running pods;
   * `spec`: requested by the server's spec × desired replicas (no pod runs yet).
   */
  source: 'pods' | 'dra' | 'spec';
}

/**
 * One model server found on a cluster: a serving custom resource, an InferencePool with the
 * servers behind it, or a recognised Deployment/StatefulSet.
 *
 * @public
 */
export interface ModelServer {
  /** Stable id within the cluster: `<kind>.<group>/<namespace>/<name>`. */
  id: string;
  apiVersion: string;
  kind: string;
  namespace: string;
  name: string;
  framework: ServingFramework;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  models: ServedModel[];
  runtime?: {
    /** `vllm`, `tgi`, `triton`, `sglang`, `ollama`, `nim`, `ray-serve`, a KServe runtime name, … */
    name: string;
    version?: string;
    image?: string;
    /** KServe: the ServingRuntime or ClusterServingRuntime the server uses. */
    servingRuntime?: string;
  };
  /** Roles of the pods behind the server (llm-d `prefill`/`decode`, Dynamo components). */
  roles: string[];
  endpoint?: {
    url: string;
    /** `status`: the object's status; `service`: a Service selecting its pods. */
    source: 'status' | 'service';
  };
  apiType: ServingApiType;
  readiness: ServingReadiness;
  /** Why the readiness is what it is (condition reason/message, replica counts). */
  readinessReason?: string;
  replicas: { desired?: number; ready?: number };
  accelerators: ServerAccelerators[];
  /** Labels that select the server's pods (for the Kubernetes plugin's label selector). */
  podSelector?: Record<string, string>;
  /** Missing or unexpected fields: what is known is kept, the rest is named here. */
  warnings: string[];
}

/** What discovery could not read on a cluster: the fact and why. @public */
export interface UnreadableServingFact {
  fact: FactKey;
  error: string;
  kind: string;
}

/** @public */
export interface ModelServerDiscovery {
  servers: ModelServer[];
  /**
   * Facts that could not be read (403, timeout). Servers of the kinds they carry may be missing:
   * a consumer must not treat them as gone.
   */
  unreadable: UnreadableServingFact[];
}
