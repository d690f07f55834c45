import protobuf from 'protobufjs';
import { sharedString, uniqueString } from './strings';
import { readerOf } from './wire';

/** A body of length-delimited strings, as a Reader positioned at the first length. */
function stringsBody(...values: string[]) {
  const w = protobuf.Writer.create();
  for (const value of values) w.string(value);
  return readerOf(w.finish());
}

describe('sharedString', () => {
  it('decodes every string as UTF-8 decoding would and moves past it', () => {
    const values = [
      'nvidia.com/gpu',
      '',
      'Ünïcödé-label',
      'gpu.nvidia.com/🚀',
      'x'.repeat(65),
      'kubernetes.io/hostname',
    ];
    const r = stringsBody(...values);
    expect(values.map(() => sharedString(r))).toEqual(values);
    expect(r.pos).toBe(r.len);
  });

  it('keeps its own copy of the bytes: a body reused for other bytes does not change matches', () => {
    // The stream decoder reuses one buffer for objects that span chunks. These two hash alike
    // (same length, same ends), so only the bytes kept with the first tell them apart.
    const first = 'nvidia.com/gpu.deploy.dcgm-exporter.enabled';
    const second = 'nvidia.com/gpu.deploy.node-exporter.enabled';
    const bytes = protobuf.Writer.create().string(first).finish();
    expect(sharedString(readerOf(bytes))).toBe(first);
    bytes.set(protobuf.Writer.create().string(second).finish());
    expect(sharedString(stringsBody(second))).toBe(second);
    expect(sharedString(stringsBody(first))).toBe(first);
  });

  it('shares strings that are not ASCII too, and tells apart those whose ends are alike', () => {
    const first = 'gpu.example.com/modèle-ñ-Ω';
    const second = 'gpu.example.com/modèle-ü-Ω';
    const r = stringsBody(first, second, first, second);
    expect([1, 2, 3, 4].map(() => sharedString(r))).toEqual([
      first,
      second,
      first,
      second,
    ]);
  });

  it('returns the string seen before when it repeats at another offset of another body', () => {
    expect(sharedString(stringsBody('ml-team'))).toBe('ml-team');
    const r = stringsBody('other', 'ml-team', 'ml-teas');
    expect([sharedString(r), sharedString(r), sharedString(r)]).toEqual([
      'other',
      'ml-team',
      'ml-teas',
    ]);
  });

  it('decodes both strings of a hash collision (same length, same FNV-1a hash)', () => {
    // Found by search: these two hash alike, so the second must not get the first's slot.
    const r = stringsBody(
      'gpu-0001ya8',
      'gpu-000yki6',
      'gpu-0001ya8',
      'gpu-000yki6',
    );
    expect([1, 2, 3, 4].map(() => sharedString(r))).toEqual([
      'gpu-0001ya8',
      'gpu-000yki6',
      'gpu-0001ya8',
      'gpu-000yki6',
    ]);
  });

  it('decodes both of two longer strings that differ only in the middle (they hash alike)', () => {
    // Beyond 16 bytes only the length and 8 bytes at each end are hashed.
    const first = 'nvidia.com/gpu.deploy.dcgm-exporter.enabled';
    const second = 'nvidia.com/gpu.deploy.node-exporter.enabled';
    expect(second).toHaveLength(first.length);
    const r = stringsBody(first, second, first, second);
    const decoded = [1, 2, 3, 4].map(() => sharedString(r));
    expect(decoded).toEqual([first, second, first, second]);
  });

  it('keeps strings of the same length apart (no false sharing)', () => {
    const candidates = Array.from(
      { length: 5000 },
      (_, i) => `node-${String(i).padStart(5, '0')}`,
    );
    const r = stringsBody(...candidates, ...candidates);
    const decoded = [...candidates, ...candidates].map(() => sharedString(r));
    expect(decoded).toEqual([...candidates, ...candidates]);
  });

  it('stays correct after the table is emptied at its size limit', () => {
    const many = Array.from({ length: 70_000 }, (_, i) => `label-${i}`);
    const r = stringsBody(...many, 'label-3', 'label-69999');
    for (const value of many) expect(sharedString(r)).toBe(value);
    expect(sharedString(r)).toBe('label-3');
    expect(sharedString(r)).toBe('label-69999');
  });

  it('rejects a string that runs past the end of the body', () => {
    const whole = protobuf.Writer.create().string('accelerator').finish();
    const r = readerOf(whole.subarray(0, 6));
    expect(() => sharedString(r)).toThrow(
      /a string of 11 bytes at offset 1 runs past the end of its message \(offset 6\)/,
    );
  });

  it('reads bytes that are not a Buffer (a Uint8Array view into a larger array)', () => {
    const bytes = protobuf.Writer.create()
      .string('pad')
      .string('tpu-v5')
      .finish();
    const copy = new Uint8Array(bytes.length + 3);
    copy.set(bytes, 3);
    const r = readerOf(copy.subarray(3));
    expect(sharedString(r)).toBe('pad');
    expect(sharedString(r)).toBe('tpu-v5');
  });
});

describe('uniqueString', () => {
  it('decodes names and messages of any length', () => {
    const message = `0/5000 nodes are available: ${'Insufficient nvidia.com/gpu. '.repeat(
      8,
    )}`;
    const r = stringsBody('trainer-0', message, '');
    expect(uniqueString(r)).toBe('trainer-0');
    expect(uniqueString(r)).toBe(message);
    expect(uniqueString(r)).toBe('');
  });

  it('rejects a string that runs past the end of the body', () => {
    const whole = protobuf.Writer.create().string('uid-1234').finish();
    expect(() => uniqueString(readerOf(whole.subarray(0, 4)))).toThrow(
      RangeError,
    );
  });
});
