import { WorkloadFact } from '../gather/factTypes';
import { imagesMatch } from '../workloads/images';
import { MonitoringStack } from './monitoringStacks';

/** One recognised stack: its collector workloads and whether any of them runs. @public */
export interface DetectedMonitoringStack {
  stack: MonitoringStack;
  collectors: WorkloadFact[];
  /**
   * Some collector is Available (Deployment Available, every desired pod Ready otherwise) and,
   * when operator-managed, its operator is Available too.
   */
  running: boolean;
  /** Available collectors whose operator is not running (they discover no new targets). */
  withoutOperator: WorkloadFact[];
}

function operatorManaged(w: WorkloadFact, stack: MonitoringStack): boolean {
  return Object.entries(stack.operator?.managedLabels ?? {}).some(
    ([key, values]) =>
      w.labels[key] !== undefined &&
      (values.length === 0 || values.includes(w.labels[key])),
  );
}

/**
 * The monitoring stacks whose collectors run as workloads, identified by image repository only
 * (never by a substring of a name). Pure.
 *
 * @public
 */
export function detectMonitoringStacks(
  workloads: readonly WorkloadFact[],
  stacks: readonly MonitoringStack[],
): DetectedMonitoringStack[] {
  return stacks
    .map(stack => {
      const collectors = workloads.filter(w =>
        imagesMatch(w.images, stack.collectorImages),
      );
      const operatorRunning = workloads.some(
        w =>
          w.kind === 'Deployment' &&
          w.available &&
          imagesMatch(w.images, stack.operator?.images ?? []),
      );
      const withoutOperator = collectors.filter(
        c => c.available && operatorManaged(c, stack) && !operatorRunning,
      );
      return {
        stack,
        collectors,
        withoutOperator,
        running: collectors.some(
          c => c.available && !withoutOperator.includes(c),
        ),
      };
    })
    .filter(d => d.collectors.length > 0);
}
