/** Bytes as GiB, e.g. `80 GiB`; undefined → `—`. */
export function formatMemory(bytes?: number): string {
  if (!bytes) return '—';
  const gib = bytes / 2 ** 30;
  return `${gib >= 10 ? Math.round(gib) : gib.toFixed(1)} GiB`;
}

/** A count, or `—` when it is not known. */
export function formatCount(n?: number): string {
  return n === undefined ? '—' : n.toLocaleString('en-US');
}

/** Used share in percent (0 when nothing is allocatable). */
export function utilisation(allocated: number, allocatable: number): number {
  if (allocatable <= 0) return allocated > 0 ? 100 : 0;
  return Math.min(100, Math.round((allocated / allocatable) * 100));
}

const VENDOR_NAMES: Record<string, string> = {
  nvidia: 'NVIDIA',
  amd: 'AMD',
  'intel-gpu': 'Intel GPU',
  'intel-gaudi': 'Intel Gaudi',
  'google-tpu': 'Google TPU',
  'aws-neuron': 'AWS Neuron',
  unknown: 'Unknown',
};

export function vendorName(vendor?: string): string {
  return vendor ? VENDOR_NAMES[vendor] ?? vendor : '—';
}
