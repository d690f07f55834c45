/* String fields of protobuf bodies. Most strings of a large list repeat from object to object:
   label keys and values, namespaces, images, container and resource names, quantities, node
   names, condition types. Decoding each occurrence allocates a new string that the facts then
   keep, so 50,000 pods meant millions of retained duplicates for the garbage collector to copy,
   and every fresh label key or resource name had to be internalised again when used as a
   property key. Short ASCII strings are therefore looked up by a hash of their bytes and the
   string decoded the first time is returned, without decoding or allocating again. */
import type { Reader } from './wire';

/** Longer strings (messages, tokens) rarely repeat: they are decoded every time. */
const MAX_SHARED_BYTES = 64;
/** The table is emptied when it reaches this size, which bounds its memory (~4 MB). */
const MAX_SHARED_STRINGS = 1 << 16;

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** Hash of the bytes → the string first decoded from them (ASCII only, see sameAscii). */
const shared = new Map<number, string>();

function sameAscii(s: string, buf: Uint8Array, start: number): boolean {
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) !== buf[start + i]) return false;
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

/**
 * A string field that is likely to repeat across the objects of a list. Equal strings come back
 * as the same string; the value is the same as a plain UTF-8 decode.
 */
export function sharedString(r: Reader): string {
  const end = stringEnd(r);
  const start = r.pos;
  const buf = r.buf;
  r.pos = end;
  const length = end - start;
  if (length > MAX_SHARED_BYTES) return decodeUtf8(buf, start, end);
  let hash = FNV_OFFSET ^ length;
  let ascii = true;
  for (let i = start; i < end; i++) {
    const byte = buf[i];
    if (byte >= 0x80) ascii = false;
    hash = Math.imul(hash ^ byte, FNV_PRIME);
  }
  if (!ascii) return decodeUtf8(buf, start, end);
  const known = shared.get(hash);
  if (known !== undefined && known.length === length) {
    if (sameAscii(known, buf, start)) return known;
    // A hash collision: the first string keeps the slot.
    return decodeUtf8(buf, start, end);
  }
  const decoded = decodeUtf8(buf, start, end);
  if (known === undefined) {
    if (shared.size >= MAX_SHARED_STRINGS) shared.clear();
    shared.set(hash, decoded);
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
