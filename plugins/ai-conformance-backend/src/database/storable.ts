import { truncateChars } from '@internal/plugin-ai-conformance-node';

/** Column sizes of the schema (migrations); longer values are cut to fit. @internal */
export const COLUMN_LIMITS = {
  ref: 255,
  trigger: 255,
  kubernetesVersion: 64,
  checklistVersion: 16,
  /** `text` columns have no limit, but a message is a sentence, not a dump. */
  message: 4000,
} as const;

/**
 * A string from a cluster, a catalog or a user made storable in a column of `max` characters on
 * SQLite and PostgreSQL alike: NUL characters (which PostgreSQL rejects in text) become spaces,
 * and the value is cut to `max` characters, so that an odd value never costs the whole run.
 *
 * @internal
 */
export function storable(value: string, max: number): string;
export function storable(
  value: string | undefined | null,
  max: number,
): string | null;
export function storable(
  value: string | undefined | null,
  max: number,
): string | null {
  if (value === undefined || value === null) return null;
  // eslint-disable-next-line no-control-regex
  return truncateChars(String(value).replace(/\u0000/g, ' '), max);
}
