import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { EntityOptions } from './entities';
import { DEFAULT_OWNERSHIP_RULES, OwnershipRules } from './ownership';

/** The config key of the provider. @public */
export const MODEL_SERVER_PROVIDER_CONFIG_KEY =
  'catalog.providers.aiConformanceModelServers';

/** @public */
export interface ModelServerProviderConfig {
  enabledClusters: string[];
  schedule: SchedulerServiceTaskScheduleDefinition;
  entityOptions: EntityOptions;
}

const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 5 },
  timeout: { minutes: 4 },
  initialDelay: { seconds: 20 },
};

function ref(value: string, defaultKind: string, key: string): string {
  try {
    return stringifyEntityRef(
      parseEntityRef(value, { defaultKind, defaultNamespace: 'default' }),
    );
  } catch (error) {
    throw new InputError(
      `${key}: "${value}" is not an entity ref (${(error as Error).message})`,
    );
  }
}

/**
 * Reads `catalog.providers.aiConformanceModelServers`; undefined when the block is absent (the
 * provider is then not installed). Malformed values throw with the key to fix.
 *
 * @public
 */
export function readModelServerProviderConfig(
  root: Config,
): ModelServerProviderConfig | undefined {
  const config = root.getOptionalConfig(MODEL_SERVER_PROVIDER_CONFIG_KEY);
  if (!config) return undefined;
  const key = MODEL_SERVER_PROVIDER_CONFIG_KEY;
  const owner = config.getOptionalConfig('owner');
  const system = config.getOptionalConfig('system');
  const mapping: Record<string, string> = {};
  const mappingConfig = owner?.getOptionalConfig('mapping');
  for (const k of mappingConfig?.keys() ?? []) {
    mapping[k] = ref(
      mappingConfig!.getString(k),
      'group',
      `${key}.owner.mapping.${k}`,
    );
  }
  const rules: OwnershipRules = {
    ownerKeys:
      owner?.getOptionalStringArray('keys') ??
      DEFAULT_OWNERSHIP_RULES.ownerKeys,
    ownerMapping: mapping,
    defaultOwner: ref(
      owner?.getOptionalString('default') ??
        DEFAULT_OWNERSHIP_RULES.defaultOwner,
      'group',
      `${key}.owner.default`,
    ),
    systemKeys:
      system?.getOptionalStringArray('keys') ??
      DEFAULT_OWNERSHIP_RULES.systemKeys,
    defaultSystem: system?.getOptionalString('default'),
  };
  return {
    enabledClusters: config.getOptionalStringArray('clusters') ?? [],
    schedule: config.has('schedule')
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
          config.getConfig('schedule'),
        )
      : DEFAULT_SCHEDULE,
    entityOptions: {
      rules,
      namespace: config.getOptionalString('namespace') ?? 'default',
      lifecycle: config.getOptionalString('lifecycle') ?? 'production',
    },
  };
}
