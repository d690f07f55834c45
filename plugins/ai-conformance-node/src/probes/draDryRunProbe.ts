import { findResource } from '../cluster/discovery';
import { ClusterReader } from '../cluster/ClusterReader';
import { ApiDiscovery, collectionPath } from '../cluster/discovery';
import { isKubeApiError } from '../errors';
import { evidence } from '../checks/RequirementCheck';
import { ProbeOutcome } from './ProbeResult';

/** A claim request in the shape of the served version (v1beta1 has no `exactly`). */
function claimRequest(version: string, deviceClassName: string) {
  return version === 'v1beta1'
    ? { name: 'probe', deviceClassName, allocationMode: 'ExactCount', count: 1 }
    : {
        name: 'probe',
        exactly: { deviceClassName, allocationMode: 'ExactCount', count: 1 },
      };
}

/**
 * `dra_support` probe: server-side dry-run creation of a DeviceClass and a ResourceClaim
 * (`dryRun=All`: validated and admitted, nothing persisted).
 *
 * @public
 */
export async function draDryRunProbe(
  reader: ClusterReader,
  discovery: ApiDiscovery,
  namespace: string,
): Promise<ProbeOutcome> {
  const classes = findResource(discovery, 'resource.k8s.io', 'deviceclasses');
  const claims = findResource(discovery, 'resource.k8s.io', 'resourceclaims');
  if (!classes || !claims) {
    return {
      skipped: true,
      reason: 'resource.k8s.io is not served; nothing to probe.',
    };
  }
  const apiVersion = `resource.k8s.io/${classes.version}`;
  const className = `${namespace}-class`;
  try {
    await reader.create(
      collectionPath(classes),
      {
        apiVersion,
        kind: 'DeviceClass',
        metadata: { name: className },
        spec: {
          selectors: [
            {
              cel: {
                expression: "device.driver == 'probe.ai-conformance.invalid'",
              },
            },
          ],
        },
      },
      { dryRun: true },
    );
    await reader.create(
      collectionPath(claims, namespace),
      {
        apiVersion: `resource.k8s.io/${claims.version}`,
        kind: 'ResourceClaim',
        metadata: { name: 'probe-claim', namespace },
        spec: {
          devices: { requests: [claimRequest(claims.version, className)] },
        },
      },
      { dryRun: true },
    );
  } catch (error) {
    if (!isKubeApiError(error)) throw error;
    if (
      isKubeApiError(error, 'forbidden') ||
      isKubeApiError(error, 'timeout') ||
      isKubeApiError(error, 'aborted')
    ) {
      return {
        verdict: 'error',
        reason: `The DRA dry-run probe could not run: ${
          (error as Error).message
        }`,
        evidence: [],
      };
    }
    return {
      verdict: 'fail',
      reason: `The API server rejected a dry-run DeviceClass/ResourceClaim: ${
        (error as Error).message
      }`,
      evidence: [],
    };
  }
  return {
    verdict: 'pass',
    reason: `Dry-run creation of a DeviceClass and a ResourceClaim (${apiVersion}) succeeded.`,
    evidence: [
      evidence(`DeviceClass ${className} accepted with dryRun=All`, {
        apiVersion,
        kind: 'DeviceClass',
        name: className,
      }),
      evidence(
        `ResourceClaim ${namespace}/probe-claim accepted with dryRun=All`,
        {
          apiVersion: `resource.k8s.io/${claims.version}`,
          kind: 'ResourceClaim',
          name: 'probe-claim',
          namespace,
        },
      ),
    ],
  };
}
