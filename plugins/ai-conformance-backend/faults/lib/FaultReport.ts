/* eslint-disable no-console */

/**
 * The suite's ledger: checks (passed/failed), faults injected and survived, and the figures the
 * suite prints at the end (peak heap, leftovers, canary hits, redirects followed).
 */
export class FaultReport {
  passed = 0;
  failed = 0;
  injected = 0;
  survived = 0;
  leftovers = 0;
  canaryHits = 0;
  /** Requests that reached a redirect's target (a followed redirect). */
  redirectsFollowed = 0;
  peakHeapBytes = 0;
  readonly figures: Array<[string, string]> = [];
  readonly failures: string[] = [];
  readonly faultNames: string[] = [];

  /** Runs one check; a throw is a failure with its message, never the end of the suite. */
  async check(name: string, fn: () => Promise<void> | void): Promise<boolean> {
    const started = Date.now();
    const took = () => `(${((Date.now() - started) / 1000).toFixed(1)} s)`;
    try {
      await fn();
      this.passed++;
      console.log(`  ok    ${name} ${took()}`);
      return true;
    } catch (error) {
      this.failed++;
      const message = (error as Error)?.message ?? String(error);
      this.failures.push(`${name}: ${message}`);
      console.log(`  FAIL  ${name} ${took()}: ${message}`);
      return false;
    }
  }

  /** Counts a fault as injected; `survived` is called once the system is shown to have coped. */
  fault(name: string): { survived(): void } {
    this.injected++;
    this.faultNames.push(name);
    let counted = false;
    return {
      survived: () => {
        if (!counted) {
          counted = true;
          this.survived++;
        }
      },
    };
  }

  figure(name: string, value: string | number) {
    this.figures.push([name, String(value)]);
  }

  print(totalMs: number) {
    console.log('');
    console.log('Fault-injection figures');
    const rows: Array<[string, string]> = [
      ['faults injected', String(this.injected)],
      ['faults survived', String(this.survived)],
      ['peak heap (MiB)', (this.peakHeapBytes / 1024 / 1024).toFixed(1)],
      ['leftovers after sweep', String(this.leftovers)],
      ['canary hits', String(this.canaryHits)],
      ['redirects followed', String(this.redirectsFollowed)],
      ...this.figures,
      ['runtime (s)', (totalMs / 1000).toFixed(1)],
    ];
    const width = Math.max(...rows.map(([k]) => k.length));
    for (const [key, value] of rows)
      console.log(`  ${key.padEnd(width)}  ${value}`);
    if (this.failures.length) {
      console.log('');
      console.log('Failures');
      for (const f of this.failures) console.log(`  - ${f}`);
    }
    console.log('');
    console.log(`${this.passed} passed, ${this.failed} failed`);
  }
}

/** Throws with `message` unless `condition` holds. */
export function expectThat(
  condition: unknown,
  message: string,
): asserts condition {
  if (!condition) throw new Error(message);
}
