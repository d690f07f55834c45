/* Decoding a protobuf list while it arrives. A list body is the magic "k8s\0", then a
   runtime.Unknown whose `raw` (field 2) holds the PodList or NodeList: its ListMeta (field 1)
   first, then one length-delimited item (field 2) per object. Each item is decoded as soon as
   its last byte has arrived and the bytes before it are dropped, so a list of any length is
   never held whole: the client decodes while the API server is still sending, and only the
   item being received is buffered. */
import { KubeObject } from '../ClusterReader';
import { ListHead } from '../listHead';
import type { ProtobufListKind } from './kubeProtobuf';
import { readNode } from './nodeWire';
import { readPod } from './podWire';
import {
  asBuffer,
  KUBE_PROTOBUF_MAGIC as MAGIC,
  lenTag,
  Reader,
  readerOf,
  stringFields,
} from './wire';

const READ_ITEM: Record<ProtobufListKind, (r: Reader) => KubeObject> = {
  Pod: readPod,
  Node: readNode,
};

/** ListMeta: resourceVersion (2) and continue (3). */
const readListMeta: (r: Reader) => ListHead = stringFields({
  2: 'resourceVersion',
  3: 'continue',
});

/** What a push that completed no object returns (never modified: frozen). */
const NO_ITEMS: KubeObject[] = Object.freeze([]) as unknown as KubeObject[];

const VARINT = 0;
const FIXED64 = 1;
const LEN = 2;
const FIXED32 = 5;

/** An item (or envelope field) larger than the stream accepts. @internal */
export class ProtobufItemTooLargeError extends Error {
  constructor(readonly bytes: number) {
    super(`a list item of ${bytes} bytes exceeds the size limit`);
  }
}

/**
 * A varint of at most 5 bytes (tags and lengths) at `pos`, or undefined when its bytes have not
 * all arrived. Lengths beyond 2^32 are not Kubernetes objects: they are rejected.
 */
function peekVarint(
  buf: Uint8Array,
  pos: number,
): { value: number; next: number } | undefined {
  let value = 0;
  for (let i = 0; i < 5; i++) {
    if (pos + i >= buf.length) return undefined;
    const byte = buf[pos + i];
    value += (byte & 0x7f) * 2 ** (7 * i);
    if (byte < 0x80) return { value, next: pos + i + 1 };
  }
  throw new RangeError(`a varint at offset ${pos} is longer than 5 bytes`);
}

/** Where the field whose value starts at `pos` ends, or undefined while unknown. */
function fieldEnd(
  buf: Uint8Array,
  tag: number,
  pos: number,
): { valueStart: number; end: number } | undefined {
  switch (tag & 7) {
    case VARINT: {
      for (let i = pos; i < Math.min(buf.length, pos + 10); i++) {
        if (buf[i] < 0x80) return { valueStart: pos, end: i + 1 };
      }
      if (buf.length >= pos + 10)
        throw new RangeError(`a varint at offset ${pos} is too long`);
      return undefined;
    }
    case FIXED64:
      return { valueStart: pos, end: pos + 8 };
    case FIXED32:
      return { valueStart: pos, end: pos + 4 };
    case LEN: {
      const length = peekVarint(buf, pos);
      return (
        length && { valueStart: length.next, end: length.next + length.value }
      );
    }
    default:
      throw new RangeError(
        `wire type ${
          tag & 7
        } at offset ${pos} is not used by Kubernetes objects`,
      );
  }
}

type Phase = 'magic' | 'envelope' | 'list';

/**
 * Decodes a protobuf PodList or NodeList fed chunk by chunk, into the same objects as
 * decodeProtobufList. Throws on bytes that are not Kubernetes protobuf, on an item over
 * `maxItemBytes` (ProtobufItemTooLargeError) and, at `end`, on a truncated body.
 *
 * @internal
 */
export class ProtobufListStream {
  readonly #readItem: (r: Reader) => KubeObject;
  readonly #maxItemBytes: number;
  #phase: Phase = 'magic';
  /** Bytes received and not yet consumed; `#buf[0]` is at offset `#base` of the body. */
  #buf: Buffer = Buffer.alloc(0);
  #base = 0;
  /**
   * Where an item that spans chunks is put together: one buffer reused for every such item
   * (decoded strings are copies, nothing keeps a view of it), grown to the largest item seen.
   * Chunks of ~1.3 KiB and pods of ~2 KiB make nearly every item span chunks; a new buffer for
   * each was 50,000 allocations and ~0.1 s at 50,000 pods.
   */
  #assembly: Buffer = Buffer.alloc(0);
  /** Chunks held back while the field being received is still incomplete. */
  #waiting: Buffer[] = [];
  #waitingBytes = 0;
  /** The body offset the field being received ends at (no decoding before it is reached). */
  #needed = 0;
  /** The body offset `raw` (the list) ends at. */
  #listEnd = 0;
  #head: ListHead | undefined;

  constructor(kind: ProtobufListKind, maxItemBytes: number) {
    this.#readItem = READ_ITEM[kind];
    this.#maxItemBytes = maxItemBytes;
  }

  /** The list metadata, once its bytes have arrived (it precedes the items). */
  get head(): ListHead | undefined {
    return this.#head;
  }

  /** Feeds the next bytes of the body; returns the items they completed. */
  push(chunk: Uint8Array): KubeObject[] {
    const bytes = asBuffer(chunk);
    const received = this.#base + this.#buf.length + this.#waitingBytes;
    if (received + bytes.length < this.#needed) {
      this.#waiting.push(bytes);
      this.#waitingBytes += bytes.length;
      return NO_ITEMS;
    }
    if (this.#buf.length || this.#waiting.length) {
      this.#buf = this.#assemble(bytes);
    } else {
      this.#buf = bytes;
    }
    this.#waiting = [];
    this.#waitingBytes = 0;
    return this.#decodeAvailable();
  }

  /** The unconsumed bytes, the chunks waiting and `chunk`, one after another in `#assembly`. */
  #assemble(chunk: Buffer): Buffer {
    const total = this.#buf.length + this.#waitingBytes + chunk.length;
    if (this.#assembly.length < total) {
      // `#buf` may be a view of the old buffer: it is copied out of it below.
      const grown = Buffer.allocUnsafe(
        Math.max(total, 2 * this.#assembly.length, 64 * 1024),
      );
      this.#buf.copy(grown, 0);
      this.#assembly = grown;
    } else {
      // Overlapping copy to the start (TypedArray.set copies the source first).
      this.#buf.copy(this.#assembly, 0);
    }
    let at = this.#buf.length;
    for (const waiting of this.#waiting) at += waiting.copy(this.#assembly, at);
    at += chunk.copy(this.#assembly, at);
    return this.#assembly.subarray(0, at);
  }

  /** The body has ended: throws unless it held one whole list. */
  end(): void {
    const left = this.#buf.length + this.#waitingBytes;
    if (this.#phase === 'magic')
      throw new Error('not a Kubernetes protobuf body');
    if (this.#phase !== 'envelope' || left > 0) {
      throw new RangeError(
        `the body ended after ${this.#base + left} bytes, inside ${
          this.#phase === 'list' ? 'the list' : 'its envelope'
        }`,
      );
    }
  }

  #decodeAvailable(): KubeObject[] {
    // Most chunks complete no object or one: no array is made for none.
    let items = NO_ITEMS;
    const buf = this.#buf;
    let pos = 0;
    let r: Reader | undefined;
    for (;;) {
      if (this.#phase === 'magic') {
        if (buf.length < MAGIC.length) break;
        if (!MAGIC.equals(buf.subarray(0, MAGIC.length)))
          throw new Error('not a Kubernetes protobuf body');
        pos = MAGIC.length;
        this.#phase = 'envelope';
        continue;
      }
      if (this.#phase === 'list' && this.#base + pos >= this.#listEnd) {
        if (this.#base + pos > this.#listEnd)
          throw new RangeError('a list item runs past the end of the list');
        this.#phase = 'envelope';
      }
      const tag = peekVarint(buf, pos);
      if (!tag) break;
      const field = fieldEnd(buf, tag.value, tag.next);
      if (!field) break;
      if (this.#phase === 'envelope' && tag.value === lenTag(2)) {
        // `raw`: the list itself, decoded field by field from here on.
        this.#listEnd = this.#base + field.end;
        this.#phase = 'list';
        pos = field.valueStart;
        continue;
      }
      const size = field.end - pos;
      if (size > this.#maxItemBytes) throw new ProtobufItemTooLargeError(size);
      if (this.#phase === 'list' && this.#base + field.end > this.#listEnd)
        throw new RangeError('a list item runs past the end of the list');
      if (field.end > buf.length) {
        this.#needed = this.#base + field.end;
        break;
      }
      if (
        this.#phase === 'list' &&
        (tag.value === lenTag(1) || tag.value === lenTag(2))
      ) {
        r ??= readerOf(buf);
        r.pos = tag.next;
        r.len = field.end;
        if (tag.value === lenTag(1)) this.#head = readListMeta(r);
        else {
          if (items === NO_ITEMS) items = [];
          items.push(this.#readItem(r));
        }
        if (r.pos !== field.end)
          throw new RangeError(
            `a list item ended at offset ${r.pos} instead of ${field.end}`,
          );
      }
      pos = field.end;
    }
    this.#base += pos;
    this.#buf = buf.subarray(pos);
    return items;
  }
}
