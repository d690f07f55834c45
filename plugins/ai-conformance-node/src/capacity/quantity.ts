/* Kubernetes resource quantities (k8s.io/apimachinery resource.Quantity): a decimal number with
   a binary (Ki…Ei), decimal (n, u, m, k, M…E) or exponent (e3, E-2) suffix. Written here because
   client-node's quantityToScalar rejects valid forms such as `1.5Gi` and `1e3`. */

const BINARY: Record<string, number> = {
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};
const DECIMAL: Record<string, number> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
};

const QUANTITY =
  /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?\d+)?$/;

/**
 * The value of a quantity string, or undefined when it is not a valid quantity.
 *
 * @public
 */
export function parseQuantity(value: string | undefined): number | undefined {
  if (typeof value !== 'string') return undefined;
  const m = QUANTITY.exec(value.trim());
  if (!m) return undefined;
  const number = Number(m[1]);
  const suffix = m[2] ?? '';
  if (suffix in BINARY) return number * BINARY[suffix];
  if (suffix in DECIMAL) return number * DECIMAL[suffix];
  return number * 10 ** Number(suffix.slice(1));
}

/** Rounds away floating-point noise of sums of decimal quantities (0.1 + 0.2). */
export function roundQuantity(n: number): number {
  return Math.round(n * 1e9) / 1e9;
}
