/** Samples the heap every few milliseconds and keeps the peak (used heap, RSS). */
export class HeapSampler {
  peakHeapBytes = 0;
  peakRssBytes = 0;
  #timer: NodeJS.Timeout | undefined;

  start(intervalMs = 10) {
    this.sample();
    this.#timer = setInterval(() => this.sample(), intervalMs);
    this.#timer.unref();
  }

  sample() {
    const usage = process.memoryUsage();
    this.peakHeapBytes = Math.max(this.peakHeapBytes, usage.heapUsed);
    this.peakRssBytes = Math.max(this.peakRssBytes, usage.rss);
  }

  stop() {
    clearInterval(this.#timer);
    this.sample();
  }
}
