import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  catalog?: {
    providers?: {
      /**
       * The model-server entity provider of the AI conformance catalog module: model servers on
       * the shared cluster registry's clusters become Components, APIs and ai-model Resources.
       * Without this block the provider is not installed.
       */
      aiConformanceModelServers?: {
        /** Clusters to read: registry ids (`resource:default/gpu-east`, `config:lab`), names, or `*`. */
        clusters?: string[];
        /** Refresh interval; defaults to every 5 minutes with a 4 minute timeout. */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
        /** Catalog namespace of the entities. Defaults to `default`. */
        namespace?: string;
        /** `spec.lifecycle` of the entities. Defaults to `production`. */
        lifecycle?: string;
        owner?: {
          /** Label/annotation keys looked up on the object, then its namespace. */
          keys?: string[];
          /** Label value → owner entity ref. */
          mapping?: { [value: string]: string };
          /** Owner when none is found (and the cluster entity has none). */
          default?: string;
        };
        system?: {
          keys?: string[];
          default?: string;
        };
      };
    };
  };
}
