import { NodeFact } from '../gather/factTypes';
import {
  ACCELERATOR_LABEL_SOURCES,
  AcceleratorLabelSource,
  MANUFACTURER_VENDORS,
} from '../vendors/acceleratorLabels';
import { parseQuantity } from './quantity';

/** What a node's labels say about one vendor's accelerators. @public */
export interface LabelledAccelerators {
  vendor: string;
  model?: string;
  /** Physical devices, when a count label gives it. */
  count?: number;
  memoryBytes?: number;
  /** Label keys the figures come from. */
  sources: string[];
  /** Labels present but unreadable (e.g. a count that is not a number). */
  malformed: Array<{ label: string; value: string }>;
}

function nonEmpty(value: string | undefined): value is string {
  return value !== undefined && value.trim() !== '';
}

function vendorOf(
  source: AcceleratorLabelSource,
  labels: Record<string, string>,
  model: string,
): string | undefined {
  if (source.vendor) return source.vendor;
  if (source.manufacturerLabel) {
    const manufacturer = labels[source.manufacturerLabel]?.toLowerCase();
    return manufacturer ? MANUFACTURER_VENDORS[manufacturer] : undefined;
  }
  return source.vendorFromModel?.find(v => v.pattern.test(model))?.vendor;
}

function memoryBytes(
  value: string,
  unit: AcceleratorLabelSource['memoryUnit'],
): number | undefined {
  if (unit === 'MiB') {
    const n = Number(value);
    return Number.isFinite(n) && n > 0 ? n * 2 ** 20 : undefined;
  }
  if (unit === 'GiB-suffix') {
    // the AMD labeller writes `192G` for 192 GiB of VRAM
    const m = /^(\d+(?:\.\d+)?)\s*G[Bi]?$/i.exec(value.trim());
    if (m) return Number(m[1]) * 2 ** 30;
  }
  const n = parseQuantity(value);
  return n !== undefined && n > 0 ? n : undefined;
}

function count(value: string): number | undefined {
  const n = Number(value);
  return Number.isInteger(n) && n >= 0 ? n : undefined;
}

/**
 * Reads accelerator model, count and memory from a node's labels, per vendor. The first source
 * naming a model for a vendor gives the model; later sources fill in a missing count or memory.
 *
 * @public
 */
export function readAcceleratorLabels(
  node: NodeFact,
  sources: readonly AcceleratorLabelSource[] = ACCELERATOR_LABEL_SOURCES,
): Map<string, LabelledAccelerators> {
  const out = new Map<string, LabelledAccelerators>();
  const labels = node.labels;
  for (const source of sources) {
    const model = labels[source.modelLabel];
    if (!nonEmpty(model)) continue;
    const vendor = vendorOf(source, labels, model);
    if (!vendor) continue;
    const entry = out.get(vendor) ?? { vendor, sources: [], malformed: [] };
    if (!entry.model) {
      entry.model = model;
      entry.sources.push(source.modelLabel);
    }
    const countValue = source.countLabel && labels[source.countLabel];
    if (entry.count === undefined && nonEmpty(countValue || undefined)) {
      const n = count(countValue as string);
      if (n === undefined) {
        entry.malformed.push({
          label: source.countLabel!,
          value: countValue as string,
        });
      } else {
        entry.count = n;
        entry.sources.push(source.countLabel!);
      }
    }
    const memoryValue = source.memoryLabel && labels[source.memoryLabel];
    if (entry.memoryBytes === undefined && nonEmpty(memoryValue || undefined)) {
      const bytes = memoryBytes(memoryValue as string, source.memoryUnit);
      if (bytes === undefined) {
        entry.malformed.push({
          label: source.memoryLabel!,
          value: memoryValue as string,
        });
      } else {
        entry.memoryBytes = bytes;
        entry.sources.push(source.memoryLabel!);
      }
    }
    out.set(vendor, entry);
  }
  return out;
}

/** The first non-empty label among `keys`. */
export function firstLabel(
  labels: Record<string, string>,
  keys: readonly string[],
): string | undefined {
  for (const key of keys) if (nonEmpty(labels[key])) return labels[key];
  return undefined;
}
