import { KubeObject } from './ClusterReader';

/** Batches decoded ahead of the consumer before the response reader waits for it. */
const MAX_PENDING_BATCHES = 16;
/**
 * Objects per batch. A chunk of a response completes about one pod; handing each chunk's objects
 * over on their own sent 50,000 one-pod batches through three async generators (list pages,
 * the gather, the fact), whose promises and iterator results were a sixth of all allocation.
 */
const DEFAULT_BATCH_SIZE = 256;

/**
 * Hands the objects decoded from a response, batch by batch while it arrives, to the consumer
 * of the list. The reader waits when the consumer is MAX_PENDING_BATCHES behind, so that a
 * slow consumer does not make the whole response pile up in memory.
 *
 * @internal
 */
export class ItemBatches {
  readonly #batchSize: number;
  #batches: KubeObject[][] = [];
  /** The batch being filled; handed over when full or at the end. */
  #filling: KubeObject[] = [];
  #ended = false;
  #cancelled = false;
  #wakeConsumer?: () => void;
  #wakeReader?: () => void;

  constructor(batchSize = DEFAULT_BATCH_SIZE) {
    this.#batchSize = batchSize;
  }

  /**
   * Adds decoded objects. Returns a promise, resolved once the consumer has room again, only when
   * the reader must wait: most chunks go on without a promise to wait for.
   */
  push(items: KubeObject[]): Promise<void> | undefined {
    if (!items.length || this.#cancelled) return undefined;
    for (const item of items) this.#filling.push(item);
    if (this.#filling.length < this.#batchSize) return undefined;
    this.#handOver();
    if (this.#batches.length < MAX_PENDING_BATCHES) return undefined;
    return new Promise<void>(resolve => {
      this.#wakeReader = resolve;
    });
  }

  /** No more objects will come (the response ended or failed). */
  end(): void {
    if (this.#filling.length && !this.#cancelled) this.#handOver();
    this.#ended = true;
    this.#wake('consumer');
  }

  /** The consumer stopped: drop what is pending and never make the reader wait again. */
  cancel(): void {
    this.#cancelled = true;
    this.#batches = [];
    this.#filling = [];
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

  #handOver() {
    this.#batches.push(this.#filling);
    this.#filling = [];
    this.#wake('consumer');
  }

  #wake(who: 'consumer' | 'reader') {
    const wake = who === 'consumer' ? this.#wakeConsumer : this.#wakeReader;
    if (who === 'consumer') this.#wakeConsumer = undefined;
    else this.#wakeReader = undefined;
    wake?.();
  }
}
