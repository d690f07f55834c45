import {
  ApiDiscovery,
  collectionPath,
  findResource,
} from '../cluster/discovery';
import { ClusterReader } from '../cluster/ClusterReader';
import { isKubeApiError } from '../errors';
import { evidence } from '../checks/RequirementCheck';
import { WebhookConfigurationFact } from '../gather/factTypes';
import { ProbeOutcome } from './ProbeResult';

/**
 * Custom resources that an operator's validating webhook must deny although the CRD schema
 * accepts them (the upstream TrainJob case: a runtimeRef to a runtime that does not exist).
 */
const INVALID_RESOURCES: Array<{
  group: string;
  resource: string;
  kind: string;
  spec: object;
}> = [
  {
    group: 'trainer.kubeflow.org',
    resource: 'trainjobs',
    kind: 'TrainJob',
    spec: {
      runtimeRef: {
        name: 'ai-conformance-missing-runtime',
        apiGroup: 'trainer.kubeflow.org',
        kind: 'ClusterTrainingRuntime',
      },
    },
  },
  {
    group: 'ray.io',
    resource: 'rayclusters',
    kind: 'RayCluster',
    spec: {
      headGroupSpec: {
        rayStartParams: {},
        template: { spec: { containers: [] } },
      },
      workerGroupSpecs: [
        {
          groupName: 'g',
          replicas: -1,
          minReplicas: 5,
          maxReplicas: 1,
          rayStartParams: {},
          template: { spec: { containers: [] } },
        },
      ],
    },
  },
  {
    group: 'jobset.x-k8s.io',
    resource: 'jobsets',
    kind: 'JobSet',
    spec: {
      replicatedJobs: [
        {
          name: 'INVALID_NAME',
          replicas: 1,
          template: {
            spec: {
              template: { spec: { containers: [], restartPolicy: 'Never' } },
            },
          },
        },
      ],
    },
  },
  {
    group: 'serving.kserve.io',
    resource: 'inferenceservices',
    kind: 'InferenceService',
    spec: { predictor: {} },
  },
];

/**
 * `robust_controller` probe: a dry-run create of an invalid custom resource must be denied by
 * the operator's admission webhook.
 *
 * @public
 */
export async function webhookRejectionProbe(
  reader: ClusterReader,
  discovery: ApiDiscovery,
  webhooks: WebhookConfigurationFact[],
  namespace: string,
): Promise<ProbeOutcome> {
  const candidate = INVALID_RESOURCES.map(r => ({
    r,
    served: findResource(discovery, r.group, r.resource),
  })).find(
    ({ r, served }) =>
      served &&
      webhooks.some(
        w =>
          w.kind === 'ValidatingWebhookConfiguration' &&
          w.webhooks.some(h => h.apiGroups.includes(r.group)),
      ),
  );
  if (!candidate || !candidate.served) {
    return {
      skipped: true,
      reason:
        'No installed AI operator with a validating webhook that the probe knows how to exercise.',
    };
  }
  const { r, served } = candidate;
  const apiVersion = `${r.group}/${served.version}`;
  const ref = {
    apiVersion,
    kind: r.kind,
    name: 'ai-conformance-invalid',
    namespace,
  };
  try {
    await reader.create(
      collectionPath(served, namespace),
      {
        apiVersion,
        kind: r.kind,
        metadata: { name: ref.name, namespace },
        spec: r.spec,
      },
      { dryRun: true },
    );
  } catch (error) {
    const message = (error as Error).message;
    if (/denied the request/i.test(message)) {
      return {
        verdict: 'pass',
        reason: `The ${r.kind} admission webhook denied an invalid object.`,
        evidence: [evidence(`Dry-run ${r.kind} denied: ${message}`, ref)],
      };
    }
    if (
      /failed calling webhook|webhook/i.test(message) &&
      !isKubeApiError(error, 'forbidden')
    ) {
      return {
        verdict: 'fail',
        reason: `The ${r.kind} admission webhook is configured but not operational: ${message}`,
        evidence: [evidence(`Dry-run ${r.kind} failed`, ref)],
      };
    }
    if (
      isKubeApiError(error, 'forbidden') ||
      isKubeApiError(error, 'timeout') ||
      isKubeApiError(error, 'aborted')
    ) {
      return {
        verdict: 'error',
        reason: `The webhook probe could not run: ${message}`,
        evidence: [],
      };
    }
    return {
      skipped: true,
      reason: `The invalid ${r.kind} was rejected by schema validation before any webhook ran: ${message}`,
    };
  }
  return {
    verdict: 'fail',
    reason: `An invalid ${r.kind} was accepted: the operator's validating webhook did not reject it.`,
    evidence: [
      evidence(`Dry-run ${r.kind} with an invalid spec was admitted`, ref),
    ],
  };
}
