import { readListHead } from './listHead';

describe('readListHead', () => {
  it('reads the continue token before the items have arrived', () => {
    const start = Buffer.from(
      '{"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"42","continue":"abc","remainingItemCount":7},"items":[{"metadata":{"na',
    );
    expect(readListHead(start)).toEqual({
      continue: 'abc',
      resourceVersion: '42',
    });
  });

  it('reads pretty-printed metadata and a last page without a token', () => {
    const start = Buffer.from(
      '{\n  "kind": "NodeList",\n  "apiVersion": "v1",\n  "metadata": {\n    "resourceVersion": "9"\n  },\n  "items": [\n',
    );
    expect(readListHead(start)).toEqual({
      continue: undefined,
      resourceVersion: '9',
    });
  });

  it('waits while the items have not started and ignores documents that are not lists', () => {
    expect(
      readListHead(Buffer.from('{"kind":"PodList","metadata":{"continue":"ab')),
    ).toBeUndefined();
    expect(
      readListHead(
        Buffer.from(
          '{"kind":"Status","message":"no \\"items\\": here","items":',
        ),
      ),
    ).toBeUndefined();
    expect(
      readListHead(Buffer.from('{"a":{"b":"c"},"items":[]}')),
    ).toBeUndefined();
  });
});
