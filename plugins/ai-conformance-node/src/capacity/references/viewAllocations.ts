import { NodeAllocations } from './describeNodes';

/**
 * Parses `kubectl-view-allocations -g resource,node -o csv`: the rows of Kind `node` give, per
 * node and resource, Requested and Allocatable (plain decimals).
 *
 * @public
 */
export function parseViewAllocationsCsv(csv: string): NodeAllocations {
  const [header, ...rows] = csv.trim().split('\n');
  const columns = header.split(',');
  const col = (name: string) => {
    const i = columns.indexOf(name);
    if (i < 0)
      throw new Error(
        `kubectl-view-allocations CSV has no ${name} column: ${header}`,
      );
    return i;
  };
  const kind = col('Kind');
  const resource = col('resource');
  const node = col('node');
  const requested = col('Requested');
  const allocatable = col('Allocatable');
  const out: NodeAllocations = {};
  for (const row of rows) {
    const cells = row.split(',');
    if (cells[kind] !== 'node') continue;
    (out[cells[node]] ??= {})[cells[resource]] = {
      requested: cells[requested] === '' ? 0 : Number(cells[requested]),
      allocatable: cells[allocatable] === '' ? 0 : Number(cells[allocatable]),
    };
  }
  return out;
}
