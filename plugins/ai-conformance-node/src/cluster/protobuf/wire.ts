/* Walking the protobuf wire format with protobufjs's Reader: the decoders of this folder read
   the fields they need straight into plain objects in the JSON shape, and skip every other field
   without decoding it (no message objects, no intermediate copies). */
import protobuf from 'protobufjs';
import { sharedString, uniqueString } from './strings';

/** @internal */
export type Reader = protobuf.Reader;

/** Wire types. */
const VARINT = 0;
const LEN = 2;

/** The tag of a field: its number and wire type. */
export const varintTag = (field: number) => (field << 3) | VARINT;
/** The tag of a length-delimited field (string, bytes, embedded message). */
export const lenTag = (field: number) => (field << 3) | LEN;

/** Every Kubernetes protobuf body starts with these four bytes ("k8s\0"), then a runtime.Unknown. */
export const KUBE_PROTOBUF_MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

/** The bytes as a Buffer (a view, no copy), whose native UTF-8 decoding the strings use. */
export function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes)
    ? bytes
    : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Creates a Reader over the bytes; its `buf` is always a Buffer (see strings.ts). */
export function readerOf(bytes: Uint8Array): Reader {
  return protobuf.Reader.create(asBuffer(bytes));
}

/**
 * Reads the length of an embedded message and returns where it ends; a length that reaches past
 * the bytes is a truncated or corrupt body.
 */
export function messageEnd(r: Reader): number {
  const length = r.uint32();
  const end = r.pos + length;
  if (end > r.len) {
    throw new RangeError(
      `a message of ${length} bytes at offset ${r.pos} runs past the end of its parent (offset ${r.len})`,
    );
  }
  return end;
}

/** Checks that a message's fields ended exactly at its declared end. */
export function expectEnd(r: Reader, end: number): void {
  if (r.pos !== end) {
    throw new RangeError(
      `a field at offset ${r.pos} runs past the end of its message (offset ${end})`,
    );
  }
}

/**
 * A string field whose values repeat across objects (see strings.ts); protobuf sends empty
 * strings that JSON omits, so '' reads as undefined.
 */
export function optionalString(r: Reader): string | undefined {
  return sharedString(r) || undefined;
}

/** A string field unique per object (a name, UID or message); '' reads as undefined. */
export function optionalUniqueString(r: Reader): string | undefined {
  return uniqueString(r) || undefined;
}

/** Skips a field this decoder does not read. */
export function skip(r: Reader, tag: number): void {
  r.skipType(tag & 7);
}

/**
 * Sets a map entry as an own property, also for a key such as `__proto__` (as `JSON.parse` does),
 * so that a hostile key cannot change the object's prototype.
 */
export function setEntry<V>(map: Record<string, V>, key: string, value: V) {
  if (key === '__proto__') {
    Object.defineProperty(map, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  } else {
    map[key] = value;
  }
}

/**
 * Reads one entry of a `map<string, V>` field (a message with the key as field 1 and the value
 * as field 2) into `map`. A missing key or value is the type's default, as in protobuf.
 */
export function readMapEntry<V>(
  r: Reader,
  map: Record<string, V>,
  readValue: (r: Reader) => V,
  missing: V,
): void {
  const end = messageEnd(r);
  let key = '';
  let value = missing;
  while (r.pos < end) {
    const tag = r.uint32();
    if (tag === lenTag(1)) key = sharedString(r);
    else if (tag === lenTag(2)) value = readValue(r);
    else skip(r, tag);
  }
  expectEnd(r, end);
  setEntry(map, key, value);
}

/** Reads a `map<string, string>` entry (labels): an empty value is kept, it is meaningful. */
export function readStringEntry(r: Reader, map: Record<string, string>) {
  readMapEntry(r, map, sharedString, '');
}

/**
 * A reader of a message of which only string fields are read, by field number → JSON name: each
 * name is present in the result, undefined when the field is absent or empty (as JSON omits it).
 */
export function stringFields<K extends string>(
  names: Record<number, K>,
): (r: Reader) => Partial<Record<K, string>> {
  const byTag = new Map<number, K>(
    Object.entries(names).map(([field, name]) => [
      lenTag(Number(field)),
      name as K,
    ]),
  );
  const keys = [...byTag.values()];
  return r => {
    const end = messageEnd(r);
    const out: Partial<Record<K, string>> = {};
    for (const key of keys) out[key] = undefined;
    while (r.pos < end) {
      const tag = r.uint32();
      const key = byTag.get(tag);
      if (key !== undefined) out[key] = optionalString(r);
      else skip(r, tag);
    }
    expectEnd(r, end);
    return out;
  };
}

/** A resource.Quantity message: its string form (field 1). */
function readQuantity(r: Reader): string {
  const end = messageEnd(r);
  let value = '';
  while (r.pos < end) {
    const tag = r.uint32();
    if (tag === lenTag(1)) value = sharedString(r);
    else skip(r, tag);
  }
  expectEnd(r, end);
  return value;
}

/** Reads a `map<string, Quantity>` entry (requests, limits, capacity…) as its JSON string. */
export function readQuantityEntry(r: Reader, map: Record<string, string>) {
  readMapEntry(r, map, readQuantity, '');
}
