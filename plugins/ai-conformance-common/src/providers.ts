import type {
  ClusterProvider,
  ProviderDetection,
} from './schema/openapi/generated';

// `ClusterProvider` (where a cluster runs; `other` covers on-premises and every platform we do
// not recognise) and `ProviderDetection` (the provider with how it was decided: `detected` from
// the API server and node labels, or `annotation` when the entity sets PROVIDER_ANNOTATION)
// are REST shapes, generated from the backend's openapi.yaml.
export type {
  ClusterProvider,
  ProviderDetection,
  ProviderDetectionSourceEnum,
} from './schema/openapi/generated';

/** @public */
export const CLUSTER_PROVIDERS: readonly ClusterProvider[] = [
  'aws',
  'gcp',
  'azure',
  'openshift',
  'other',
] as const;

/**
 * The catalog annotation that overrides the detected provider of a cluster entity, with one of
 * {@link CLUSTER_PROVIDERS} as its value.
 *
 * @public
 */
export const PROVIDER_ANNOTATION = 'ai-conformance.io/provider';

const PROVIDER_TITLES: Record<ClusterProvider, string> = {
  aws: 'AWS',
  gcp: 'Google Cloud',
  azure: 'Azure',
  openshift: 'OpenShift',
  other: 'On-prem / other',
};

/** A provider's display name, e.g. `Google Cloud`. @public */
export function providerTitle(provider: ClusterProvider | undefined): string {
  return provider ? PROVIDER_TITLES[provider] : 'Not detected';
}

/** Narrows a string (an annotation, a query parameter) to a provider. @public */
export function isClusterProvider(value: unknown): value is ClusterProvider {
  return (
    typeof value === 'string' &&
    (CLUSTER_PROVIDERS as readonly string[]).includes(value)
  );
}

/**
 * The provider a cluster is shown under: the annotation when it names a known provider, else the
 * detected one. A malformed annotation is reported in the reason, so the owner knows what to fix.
 *
 * @public
 */
export function resolveProvider(
  annotation: string | undefined,
  detected: ProviderDetection | undefined,
): ProviderDetection | undefined {
  if (annotation === undefined) {
    return detected;
  }
  const value = annotation.trim().toLocaleLowerCase('en-US');
  if (isClusterProvider(value)) {
    return {
      provider: value,
      source: 'annotation',
      reason: `annotation ${PROVIDER_ANNOTATION}`,
    };
  }
  const problem = `annotation ${PROVIDER_ANNOTATION} "${annotation}" is not one of ${CLUSTER_PROVIDERS.join(
    ', ',
  )}; it is ignored`;
  return detected
    ? { ...detected, reason: `${detected.reason} (${problem})` }
    : { provider: 'other', source: 'detected', reason: problem };
}
