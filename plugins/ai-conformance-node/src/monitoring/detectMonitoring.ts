import { WorkloadFact } from '../gather/factTypes';
import { imagesMatch } from '../workloads/images';
import { MonitoringStack } from './monitoringStacks';

/** One recognised stack: its collector workloads and whether any of them runs. @public */
export interface DetectedMonitoringStack {
  stack: MonitoringStack;
  collectors: WorkloadFact[];
  /** Some collector is Available (Deployment Available, every desired pod Ready otherwise). */
  running: boolean;
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
      return { stack, collectors, running: collectors.some(c => c.available) };
    })
    .filter(d => d.collectors.length > 0);
}
