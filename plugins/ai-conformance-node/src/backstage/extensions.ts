import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type { RequirementCheck } from '../checks/RequirementCheck';
import type { VendorProfile } from '../vendors/VendorProfile';
import type { AiConformanceCredentialProvider } from './credentials/types';
import type { AiConformanceClusterSource } from './sources/types';

/**
 * Adds cluster sources to the `ai-conformance` plugin's registry.
 *
 * @public
 */
export interface AiConformanceClusterSourcesExtensionPoint {
  addClusterSource(source: AiConformanceClusterSource): void;
}

/** @public */
export const aiConformanceClusterSourcesExtensionPoint =
  createExtensionPoint<AiConformanceClusterSourcesExtensionPoint>({
    id: 'ai-conformance.cluster-sources',
  });

/**
 * Adds credential providers by `authProvider`, like the Kubernetes backend's auth strategies.
 *
 * @public
 */
export interface AiConformanceCredentialProvidersExtensionPoint {
  addCredentialProvider(
    authProvider: string,
    provider: AiConformanceCredentialProvider,
  ): void;
}

/** @public */
export const aiConformanceCredentialProvidersExtensionPoint =
  createExtensionPoint<AiConformanceCredentialProvidersExtensionPoint>({
    id: 'ai-conformance.credential-providers',
  });

/**
 * Adds passive checks; a check with the id of a built-in one replaces it.
 *
 * @public
 */
export interface AiConformanceChecksExtensionPoint {
  addChecks(...checks: RequirementCheck[]): void;
}

/** @public */
export const aiConformanceChecksExtensionPoint =
  createExtensionPoint<AiConformanceChecksExtensionPoint>({
    id: 'ai-conformance.checks',
  });

/**
 * Adds vendor profiles (accelerator drivers, device plugins, DRA drivers); a profile with the id
 * of a built-in one replaces it.
 *
 * @public
 */
export interface AiConformanceVendorProfilesExtensionPoint {
  addVendorProfiles(...profiles: VendorProfile[]): void;
}

/** @public */
export const aiConformanceVendorProfilesExtensionPoint =
  createExtensionPoint<AiConformanceVendorProfilesExtensionPoint>({
    id: 'ai-conformance.vendor-profiles',
  });
