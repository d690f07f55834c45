/* String fields of protobuf bodies. Most strings of a large list repeat from object to object:
   label keys and values, namespaces, images, container and resource names, quantities, node
   names, condition types. Decoding each occurrence allocates a new string that the facts then
   keep, so 50,000 pods meant millions of retained duplicates for the garbage collector to copy,
   and every fresh label key or resource name had to be internalised again when used as a
   property key. Short strings are therefore looked up by a hash of their bytes and the
   string decoded the first time is returned, without decoding or allocating again. */
import type { Reader } from './wire';

/** Longer strings (messages, tokens) rarely repeat: they are decoded every time. */
const MAX_SHARED_BYTES = 64;
/** The table is emptied when it reaches this size, which bounds its memory (~4 MB). */
const MAX_SHARED_STRINGS = 1 << 16;

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** A string of the table, with a copy of the bytes it was decoded from. */
interface SharedEntry {
  text: string;
  bytes: Uint8Array;
}

/** Hash of the bytes → the string first decoded from them. */
const shared = new Map<number, SharedEntry>();

/**
 * Whether the bytes from `start` equal `bytes`. Bytes are compared, not the string's characters:
 * on the 5,000-node list of `yarn bench:capacity` this took node decoding from ~170 to ~100 ms
 * once warm (label keys, once used as property keys, are read through V8's internalized copy).
 */
function sameBytes(bytes: Uint8Array, buf: Uint8Array, start: number): boolean {
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] !== buf[start + i]) return false;
  }
  return true;
}

/** Reads the length of a string field and returns where its bytes end. */
function stringEnd(r: Reader): number {
  const length = r.uint32();
  const end = r.pos + length;
  if (end > r.len) {
    throw new RangeError(
      `a string of ${length} bytes at offset ${r.pos} runs past the end of its message (offset ${r.len})`,
    );
  }
  return end;
}

/** `readerOf` makes every Reader's bytes a Buffer. */
function decodeUtf8(buf: Uint8Array, start: number, end: number): string {
  return (buf as Buffer).toString('utf8', start, end);
}

/** Bytes hashed at each end of a longer string (see sharedString). */
const HASHED_END_BYTES = 8;

/**
 * A string field that is likely to repeat across the objects of a list. Equal strings come back
 * as the same string; the value is the same as a plain UTF-8 decode.
 *
 * Only the length and the first and last bytes are hashed: every candidate is compared byte for
 * byte anyway, so the hash only has to tell most strings apart, and label keys and values differ
 * at their ends (`…gpu.product`, `…-00042`). Strings that share both ends and their length
 * collide; the first keeps the slot and the others are decoded each time, which is only slower.
 */
export function sharedString(r: Reader): string {
  const end = stringEnd(r);
  const start = r.pos;
  const buf = r.buf;
  r.pos = end;
  const length = end - start;
  if (length > MAX_SHARED_BYTES) return decodeUtf8(buf, start, end);
  let hash = FNV_OFFSET ^ length;
  if (length <= 2 * HASHED_END_BYTES) {
    for (let i = start; i < end; i++)
      hash = Math.imul(hash ^ buf[i], FNV_PRIME);
  } else {
    for (let i = start; i < start + HASHED_END_BYTES; i++)
      hash = Math.imul(hash ^ buf[i], FNV_PRIME);
    for (let i = end - HASHED_END_BYTES; i < end; i++)
      hash = Math.imul(hash ^ buf[i], FNV_PRIME);
  }
  const known = shared.get(hash);
  if (known !== undefined && known.bytes.length === length) {
    if (sameBytes(known.bytes, buf, start)) return known.text;
    // A hash collision: the first string keeps the slot.
    return decodeUtf8(buf, start, end);
  }
  const decoded = decodeUtf8(buf, start, end);
  if (known === undefined) {
    if (shared.size >= MAX_SHARED_STRINGS) shared.clear();
    // A copy: `buf` is a response chunk or a buffer that is reused.
    shared.set(hash, {
      text: decoded,
      bytes: new Uint8Array(buf.subarray(start, end)),
    });
  }
  return decoded;
}

/** A string field that is unique per object (names, UIDs, messages): decoded every time. */
export function uniqueString(r: Reader): string {
  const end = stringEnd(r);
  const start = r.pos;
  r.pos = end;
  return decodeUtf8(r.buf, start, end);
}
