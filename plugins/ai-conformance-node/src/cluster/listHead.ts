/* A list response is `{"kind":…,"apiVersion":…,"metadata":{…,"continue":"…"},"items":[…]}`: the
   API server writes the list metadata before the items. Reading the continue token from the
   first bytes lets the next page be requested while this one is still being transferred. */

const ITEMS_KEY = Buffer.from('"items":');

/** How far into a response the metadata is looked for; list metadata is a few hundred bytes. */
export const LIST_HEAD_MAX_BYTES = 64 * 1024;

/** The list metadata that precedes the items. @internal */
export interface ListHead {
  continue?: string;
  resourceVersion?: string;
}

/**
 * Reads the list metadata from the beginning of a JSON list response. Returns undefined while
 * the items have not started yet, or when the beginning is not a list whose metadata comes
 * first (then the caller waits for the whole body).
 *
 * @internal
 */
export function readListHead(start: Buffer): ListHead | undefined {
  const at = start.indexOf(ITEMS_KEY);
  if (at < 0) return undefined;
  let prefix = start.subarray(0, at).toString('utf8').trimEnd();
  if (!prefix.endsWith(',')) return undefined;
  prefix = `${prefix.slice(0, -1)}}`;
  try {
    const parsed = JSON.parse(prefix) as { metadata?: ListHead };
    if (!parsed || typeof parsed !== 'object' || !parsed.metadata)
      return undefined;
    const { continue: token, resourceVersion } = parsed.metadata;
    return {
      continue: typeof token === 'string' && token ? token : undefined,
      resourceVersion:
        typeof resourceVersion === 'string' ? resourceVersion : undefined,
    };
  } catch {
    // `"items":` inside a string of some other document, or pretty-printed nesting: not a head.
    return undefined;
  }
}
