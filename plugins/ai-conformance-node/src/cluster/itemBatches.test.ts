import { KubeObject } from './ClusterReader';
import { ItemBatches } from './itemBatches';

const pod = (name: string): KubeObject => ({ metadata: { name } });

async function collect(batches: ItemBatches) {
  const names: string[] = [];
  for await (const batch of batches.drain()) {
    names.push(...batch.map(o => o.metadata?.name ?? ''));
  }
  return names;
}

describe('ItemBatches', () => {
  it('hands the batches over in order, also those pushed before the consumer started', async () => {
    const batches = new ItemBatches();
    await batches.push([pod('a'), pod('b')]);
    const drained = collect(batches);
    await batches.push([]);
    await batches.push([pod('c')]);
    batches.end();
    await expect(drained).resolves.toEqual(['a', 'b', 'c']);
  });

  it('makes the reader wait while the consumer is 16 batches behind', async () => {
    const batches = new ItemBatches(1);
    let pushed = 0;
    const reader = (async () => {
      for (let i = 0; i < 20; i++) {
        await batches.push([pod(`p${i}`)]);
        pushed++;
      }
      batches.end();
    })();
    await new Promise(resolve => setImmediate(resolve));
    // The 16th push waits for the consumer.
    expect(pushed).toBe(15);
    const names = await collect(batches);
    await reader;
    expect(names).toHaveLength(20);
    expect(pushed).toBe(20);
  });

  it('releases a waiting reader and ends the consumer when cancelled', async () => {
    const batches = new ItemBatches(1);
    const reader = (async () => {
      for (let i = 0; i < 40; i++) await batches.push([pod(`p${i}`)]);
      return 'done';
    })();
    await new Promise(resolve => setImmediate(resolve));
    batches.cancel();
    await expect(reader).resolves.toBe('done');
    await expect(collect(batches)).resolves.toEqual([]);
  });

  it('hands objects over in batches of its size, and the rest at the end', async () => {
    const batches = new ItemBatches(3);
    const sizes: number[] = [];
    const drained = (async () => {
      for await (const batch of batches.drain()) sizes.push(batch.length);
    })();
    for (let i = 0; i < 4; i++) await batches.push([pod(`a${i}`)]);
    await batches.push([pod('b'), pod('c'), pod('d')]);
    await batches.push([pod('e')]);
    await new Promise(resolve => setImmediate(resolve));
    // Eight objects: a batch of 3, one of 4 (a push is never split), one object still batched.
    expect(sizes).toEqual([3, 4]);
    batches.end();
    await drained;
    expect(sizes).toEqual([3, 4, 1]);
  });
});
