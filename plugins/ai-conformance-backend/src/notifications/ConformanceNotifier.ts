import { LoggerService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthService } from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { Scorecard } from '@internal/plugin-ai-conformance-common';
import { describeTransition } from './describeTransition';

/** What the evaluation service reports after recording a successful run. @internal */
export interface RecordedScorecard {
  /** The cluster's identity (entity ref or `config:<name>`), as runs and links are keyed. */
  cluster: string;
  /** The cluster's display name, used in what people read. */
  name: string;
  entityRef?: string;
  previous?: Scorecard;
  next: Scorecard;
}

/**
 * Tells people when a cluster regresses or recovers, through the notifications backend: the
 * cluster's owners and the owners of Components that `dependsOn` it (the notifications backend
 * resolves an entity recipient to its owners). One notification per cluster and change: the
 * scope is the cluster, so a later notification replaces the earlier one instead of piling up,
 * and a cluster that stays broken is not re-announced on every run.
 *
 * @internal
 */
export class ConformanceNotifier {
  constructor(
    private readonly options: {
      notifications: NotificationService;
      catalog: CatalogService;
      auth: AuthService;
      logger: LoggerService;
      /** The app's URL of a cluster's page, e.g. `https://backstage/ai-conformance/clusters/x`. */
      clusterLink: (cluster: string) => string;
    },
  ) {}

  async onScorecardRecorded(event: RecordedScorecard): Promise<void> {
    const transition = describeTransition(event.previous, event.next);
    if (!transition || !event.entityRef) {
      // Config clusters have no catalog owner to tell.
      return;
    }
    const recipients = [
      event.entityRef,
      ...(await this.dependents(event.entityRef)),
    ];
    const link = this.options.clusterLink(event.cluster);
    const payload =
      transition.kind === 'recovered'
        ? {
            title: `Cluster ${event.name} is conformant again`,
            description: `Every MUST requirement of checklist ${event.next.checklistVersion} passes or does not apply.`,
            severity: 'normal' as const,
          }
        : {
            title: transition.lostConformance
              ? `Cluster ${event.name} is no longer AI conformant`
              : `Cluster ${event.name} regressed on ${
                  transition.mustRegressions.length
                } MUST requirement${
                  transition.mustRegressions.length === 1 ? '' : 's'
                }`,
            description: [
              ...transition.mustRegressions.map(
                r => `${r.id}: ${r.verdict} — ${r.reason}`,
              ),
              transition.lostConformance
                ? `${event.next.summary.mustFailed} MUST failing, ${event.next.summary.mustUndecided} undecided on checklist ${event.next.checklistVersion}.`
                : '',
            ]
              .filter(Boolean)
              .join('\n'),
            severity: 'high' as const,
          };
    await this.options.notifications.send({
      recipients: { type: 'entity', entityRef: recipients },
      payload: {
        ...payload,
        link,
        topic: 'AI conformance',
        scope: `ai-conformance:${event.entityRef}`,
      },
    });
    this.options.logger.info(
      `Notified the owners of ${event.cluster} and ${
        recipients.length - 1
      } dependent entities: ${payload.title}`,
    );
  }

  /** Components and Systems that declare `dependsOn` the cluster. */
  private async dependents(clusterRef: string): Promise<string[]> {
    const { items } = await this.options.catalog.getEntities(
      {
        filter: {
          'relations.dependsOn': clusterRef.toLocaleLowerCase('en-US'),
        },
        fields: ['kind', 'metadata.name', 'metadata.namespace'],
      },
      { credentials: await this.options.auth.getOwnServiceCredentials() },
    );
    return items.map(
      e =>
        `${e.kind.toLocaleLowerCase('en-US')}:${
          e.metadata.namespace ?? 'default'
        }/${e.metadata.name}`,
    );
  }
}
