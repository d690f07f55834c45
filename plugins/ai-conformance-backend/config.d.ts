import { HumanDuration } from '@backstage/types';
import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  /**
   * Configuration of the AI conformance backend plugin, which evaluates Kubernetes clusters
   * against the CNCF Kubernetes AI Conformance checklists.
   */
  aiConformance?: {
    /**
     * When to evaluate the fleet. The task runs in global scope: with several backend replicas,
     * one of them evaluates each cluster once per interval.
     * Defaults to every 6 hours with a 1 hour timeout, first run 1 minute after startup.
     */
    schedule?: SchedulerServiceTaskScheduleDefinitionConfig;

    /** How many clusters are evaluated at the same time. Defaults to 4. */
    concurrency?: number;

    /**
     * The time budget of one cluster's evaluation; a cluster that takes longer gets an `error`
     * run and does not hold up the others. Defaults to 2 minutes.
     */
    clusterTimeout?: HumanDuration | string;

    /** The timeout of one request to an API server. Defaults to 15 seconds. */
    requestTimeout?: HumanDuration | string;

    /**
     * The largest response body accepted from an API server, in bytes; larger responses turn
     * into `error` verdicts (a list page over it is asked for again in smaller pages). Defaults
     * to 16 MiB.
     */
    maxResponseBytes?: number;

    /** How long evaluation history is kept. */
    retention?: {
      /**
       * Runs older than this many days are deleted once a day. The latest run and the latest
       * successful run of each cluster are always kept. Defaults to 90.
       */
      days?: number;
    };

    /** Clusters from the software catalog. */
    catalog?: {
      /**
       * Evaluate `Resource` entities of `spec.type: kubernetes-cluster`. Defaults to true. A
       * catalog cluster is contacted only when an entry of `aiConformance.clusters` with its
       * `entityRef` allows its API server URL and holds its credentials.
       */
      enabled?: boolean;
    };

    /**
     * Active probes, for the clusters whose entry sets `activeProbes: true`. They run in a round
     * of their own, separate from the passive schedule.
     */
    probes?: {
      /**
       * When clusters with active probes enabled are evaluated with them. Defaults to once a
       * week (timeout 2 hours, first run 10 minutes after startup).
       */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      /**
       * How long a probe's verdict is carried into the passive rounds' scorecards (marked "not
       * re-verified", with its time and age). Defaults to 14 days (two weekly probe rounds).
       */
      evidenceMaxAge?: HumanDuration | string;
      /** The sweeper of probe leftovers (after a crash), run at startup and every hour. */
      sweep?: {
        /**
         * Probe namespaces, ClusterQueues and ResourceFlavors older than this are deleted.
         * Defaults to 30 minutes (longer than any probe run).
         */
        olderThan?: HumanDuration | string;
      };
    };

    /**
     * How often the cluster list and owners are read again from the catalog and config (for
     * permission decisions), between evaluation rounds. Defaults to 5 minutes.
     */
    clusterRefresh?: HumanDuration | string;

    /** "Run now" requests (POST /clusters/{cluster}/evaluations). */
    runNow?: {
      /** At most this many requests per user within `window`. Defaults to 10. */
      perUserLimit?: number;
      /** Defaults to 10 minutes. */
      window?: HumanDuration | string;
    };

    /** Exports. */
    export?: {
      /**
       * A directory with the official checklist templates (`AIConformance-<version>.yaml`), used
       * to fill in PRODUCT.yaml when the request carries no template.
       */
      templatesDir?: string;
    };

    /**
     * Credentials and settings per cluster, bound by entity ref or by exact API server URL, never
     * by a bare name. Credentials come only from here (or from
     * `kubernetes.clusterLocatorMethods[].clusters[]`), never from the catalog.
     */
    clusters?: Array<{
      /**
       * Binds a catalog `kubernetes-cluster` Resource by its entity ref, e.g.
       * `resource:default/gpu-prod`. Its identity (history, permissions) is this ref.
       */
      entityRef?: string;
      /**
       * Without `entityRef`: the name of a `kubernetes.clusterLocatorMethods` cluster to bind,
       * or (with `url` or `kubeconfig`) a config-only cluster with identity `config:<name>`.
       * Never matches catalog entities.
       */
      name?: string;
      /**
       * The API server URL. For a catalog cluster, its `kubernetes.io/api-server` annotation must
       * equal this URL (or one of `allowedUrls`), otherwise the cluster is refused. Without
       * `entityRef` and `name`, binds the `kubernetes.clusterLocatorMethods` cluster of exactly
       * this URL.
       */
      url?: string;
      /** More API server URLs that the bound catalog cluster may announce. */
      allowedUrls?: string[];
      /**
       * Base64-encoded PEM CA bundle of the API server. Never replaced by a catalog annotation;
       * replaces a kubeconfig's CA.
       * @visibility secret
       */
      caData?: string;
      /**
       * Path to a PEM CA bundle of the API server.
       * @visibility secret
       */
      caFile?: string;
      /** Skip TLS verification. Only for test clusters; never taken from the catalog. */
      skipTLSVerify?: boolean;
      /**
       * Use the catalog entity's `kubernetes.io/api-server-certificate-authority` when this entry
       * gives no CA. Defaults to false: the catalog's CA is ignored.
       */
      trustCatalogCA?: boolean;
      /**
       * The credential provider, when not implied by the keys below: one a backend module adds
       * through `aiConformanceCredentialProvidersExtensionPoint` (e.g. `aws`).
       */
      authProvider?: string;
      /** Non-secret parameters for the credential provider. */
      authMetadata?: { [key: string]: string };
      /**
       * A service-account (bearer) token.
       * @visibility secret
       */
      serviceAccountToken?: string;
      /** A file holding a service-account token, re-read at every evaluation (projected tokens). */
      serviceAccountTokenFile?: string;
      /** A client certificate, as data (base64 PEM) or as files. */
      clientCertificate?: {
        /** @visibility secret */
        certData?: string;
        /** @visibility secret */
        keyData?: string;
        certFile?: string;
        keyFile?: string;
      };
      /** A kubeconfig file and the context in it to use. */
      kubeconfig?: {
        path: string;
        /** Defaults to the file's current context. */
        context?: string;
      };
      /**
       * Allow active probes (they create and delete objects in the cluster). When true, the
       * scheduled evaluations use them and users with the probe permission may request them.
       * Defaults to false.
       */
      activeProbes?: boolean;
      /** The checklist version to evaluate against, e.g. `1.35`. Defaults to the one matching
       * the cluster's Kubernetes version; overrides the `ai-conformance.io/checklist-version`
       * annotation. */
      checklistVersion?: string;
    }>;
  };
}
