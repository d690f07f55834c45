import {
  DeviceClassFact,
  ResourceSliceFact,
  SliceDeviceFact,
} from '../gather/factTypes';

/* A small, honest evaluator for the CEL selectors DeviceClasses use in practice: a conjunction
   (`&&`) of `device.driver == '…'`, `device.attributes['domain'].name == / != literal` and
   `….matches('regex')`. Anything else cannot be evaluated here, and then the class is never
   taken as proof that it selects devices. */

type Literal = string | number | boolean;
type Term = (driver: string, device: SliceDeviceFact) => boolean;

const STRING = /^(['"])(.*)\1$/;

function literal(text: string): Literal | undefined {
  const t = text.trim();
  const s = STRING.exec(t);
  if (s) return s[2];
  if (t === 'true' || t === 'false') return t === 'true';
  if (/^-?\d+$/.test(t)) return Number(t);
  return undefined;
}

/** The attribute as the scheduler resolves it: qualified name, or bare when the domain is the driver's. */
function attribute(
  driver: string,
  device: SliceDeviceFact,
  domain: string,
  name: string,
): Literal | undefined {
  const qualified = device.attributes[`${domain}/${name}`];
  if (qualified !== undefined) return qualified;
  return domain === driver ? device.attributes[name] : undefined;
}

function splitConjunction(expression: string): string[] | undefined {
  const parts: string[] = [];
  let quote: string | undefined;
  let depth = 0;
  let start = 0;
  for (let i = 0; i < expression.length; i++) {
    const ch = expression[i];
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = undefined;
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (depth === 0 && expression.startsWith('||', i)) return undefined;
    else if (depth === 0 && expression.startsWith('&&', i)) {
      parts.push(expression.slice(start, i));
      start = i + 2;
      i++;
    }
  }
  parts.push(expression.slice(start));
  return parts.map(p =>
    p
      .trim()
      .replace(/^\((.*)\)$/s, '$1')
      .trim(),
  );
}

const DRIVER_TERM = /^device\.driver\s*(==|!=)\s*(.+)$/;
const ATTRIBUTE = /^device\.attributes\[(['"])([^'"]+)\1\]\.([A-Za-z_]\w*)/;

function parseTerm(text: string): Term | undefined {
  const d = DRIVER_TERM.exec(text);
  if (d) {
    const value = literal(d[2]);
    if (typeof value !== 'string') return undefined;
    return driver => (d[1] === '==') === (driver === value);
  }
  const a = ATTRIBUTE.exec(text);
  if (!a) return undefined;
  const [, , domain, name] = a;
  const rest = text.slice(a[0].length).trim();
  const matches = /^\.matches\((['"])(.*)\1\)$/.exec(rest);
  if (matches) {
    let re: RegExp;
    try {
      re = new RegExp(matches[2]);
    } catch {
      return undefined;
    }
    return (driver, device) => {
      const v = attribute(driver, device, domain, name);
      return typeof v === 'string' && re.test(v);
    };
  }
  const cmp = /^(==|!=)\s*(.+)$/.exec(rest);
  if (!cmp) return undefined;
  const value = literal(cmp[2]);
  if (value === undefined) return undefined;
  return (driver, device) => {
    const v = attribute(driver, device, domain, name);
    if (v === undefined) return false; // CEL errors on a missing attribute: not selected
    return (cmp[1] === '==') === (v === value);
  };
}

/**
 * Compiles a selector expression into a predicate, or undefined when it uses anything beyond
 * the supported subset.
 *
 * @public
 */
export function compileSelector(
  expression: string,
): ((driver: string, device: SliceDeviceFact) => boolean) | undefined {
  const parts = splitConjunction(expression);
  if (!parts || parts.some(p => !p)) return undefined;
  const terms = parts.map(parseTerm);
  if (terms.some(t => !t)) return undefined;
  return (driver, device) => terms.every(t => t!(driver, device));
}

/**
 * The published devices a DeviceClass selects (every selector must hold), or undefined when a
 * selector cannot be evaluated here.
 *
 * @public
 */
export function devicesSelectedBy(
  deviceClass: DeviceClassFact,
  slices: readonly ResourceSliceFact[],
): Array<{ slice: ResourceSliceFact; device: SliceDeviceFact }> | undefined {
  const predicates = deviceClass.selectors.map(compileSelector);
  if (predicates.some(p => !p)) return undefined;
  return slices.flatMap(slice =>
    slice.devices
      .filter(device => predicates.every(p => p!(slice.driver, device)))
      .map(device => ({ slice, device })),
  );
}
