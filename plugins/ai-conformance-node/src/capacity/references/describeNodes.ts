import { parseQuantity } from '../quantity';

/** Per node and resource: allocatable and requested, as an independent tool printed them. @public */
export type NodeAllocations = Record<
  string,
  Record<string, { allocatable: number; requested: number }>
>;

/**
 * Parses `kubectl describe nodes`: the `Allocatable:` block and the `Allocated resources:` table
 * (Requests column) of every node. Extended resources print bare numbers; cpu/memory carry a
 * percentage that is ignored.
 *
 * @public
 */
export function parseDescribeNodes(text: string): NodeAllocations {
  const out: NodeAllocations = {};
  let node: string | undefined;
  let section: 'allocatable' | 'allocated' | undefined;
  for (const line of text.split('\n')) {
    const name = /^Name:\s+(\S+)/.exec(line);
    if (name) {
      node = name[1];
      out[node] = {};
      section = undefined;
      continue;
    }
    if (!node) continue;
    if (/^Allocatable:/.test(line)) {
      section = 'allocatable';
      continue;
    }
    if (/^Allocated resources:/.test(line)) {
      section = 'allocated';
      continue;
    }
    if (/^\S/.test(line)) {
      section = undefined;
      continue;
    }
    if (section === 'allocatable') {
      const m = /^\s+([^\s:]+):\s+(\S+)/.exec(line);
      if (m) {
        (out[node][m[1]] ??= { allocatable: 0, requested: 0 }).allocatable =
          parseQuantity(m[2]) ?? NaN;
      }
    } else if (section === 'allocated') {
      const m = /^\s+(\S+)\s+(\S+)(?:\s+\(\d+%\))?\s+\S+/.exec(line);
      if (
        m &&
        m[1] !== 'Resource' &&
        !m[1].startsWith('-') &&
        !m[1].startsWith('(')
      ) {
        (out[node][m[1]] ??= { allocatable: 0, requested: 0 }).requested =
          parseQuantity(m[2]) ?? NaN;
      }
    }
  }
  return out;
}
