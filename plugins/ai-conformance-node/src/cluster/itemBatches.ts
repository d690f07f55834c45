import { KubeObject } from './ClusterReader';

/** Batches decoded ahead of the consumer before the response reader waits for it. */
const MAX_PENDING_BATCHES = 16;

/**
 * Hands the objects decoded from a response, batch by batch while it arrives, to the consumer
 * of the list. The reader waits when the consumer is MAX_PENDING_BATCHES behind, so that a
 * slow consumer does not make the whole response pile up in memory.
 *
 * @internal
 */
export class ItemBatches {
  #batches: KubeObject[][] = [];
  #ended = false;
  #cancelled = false;
  #wakeConsumer?: () => void;
  #wakeReader?: () => void;

  /**
   * Adds decoded objects. Returns a promise, resolved once the consumer has room again, only when
   * the reader must wait: most chunks go on without a promise to wait for.
   */
  push(items: KubeObject[]): Promise<void> | undefined {
    if (!items.length || this.#cancelled) return undefined;
    this.#batches.push(items);
    this.#wake('consumer');
    if (this.#batches.length < MAX_PENDING_BATCHES) return undefined;
    return new Promise<void>(resolve => {
      this.#wakeReader = resolve;
    });
  }

  /** No more objects will come (the response ended or failed). */
  end(): void {
    this.#ended = true;
    this.#wake('consumer');
  }

  /** The consumer stopped: drop what is pending and never make the reader wait again. */
  cancel(): void {
    this.#cancelled = true;
    this.#batches = [];
    this.#wake('reader');
  }

  /** The batches in order, until `end`. */
  async *drain(): AsyncGenerator<KubeObject[]> {
    for (;;) {
      const batch = this.#batches.shift();
      if (batch) {
        if (this.#batches.length < MAX_PENDING_BATCHES) this.#wake('reader');
        yield batch;
        continue;
      }
      if (this.#ended || this.#cancelled) return;
      await new Promise<void>(resolve => {
        this.#wakeConsumer = resolve;
      });
    }
  }

  #wake(who: 'consumer' | 'reader') {
    const wake = who === 'consumer' ? this.#wakeConsumer : this.#wakeReader;
    if (who === 'consumer') this.#wakeConsumer = undefined;
    else this.#wakeReader = undefined;
    wake?.();
  }
}
