/* Container images compared by repository: registry, tag and digest removed, so that a mirror
   (`harbor.example/nvcr/nvidia/k8s-device-plugin`) matches the upstream repository. */

/**
 * The repository path of an image reference, lower case, without registry host, tag or digest:
 * `nvcr.io/nvidia/k8s-device-plugin:v0.18.0` → `nvidia/k8s-device-plugin`.
 *
 * @public
 */
export function imageRepository(image: string): string {
  let ref = image.trim().split('@')[0];
  const colon = ref.lastIndexOf(':');
  if (colon > ref.lastIndexOf('/')) ref = ref.slice(0, colon);
  const parts = ref.split('/').filter(Boolean);
  const first = parts[0] ?? '';
  if (
    parts.length > 1 &&
    (first.includes('.') || first.includes(':') || first === 'localhost')
  ) {
    parts.shift();
  }
  if (parts.length === 2 && parts[0] === 'library') parts.shift();
  return parts.join('/').toLowerCase();
}

function patternRegExp(pattern: string): RegExp {
  const body = pattern
    .toLowerCase()
    .split('*')
    .map(s => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('[^/]*');
  return new RegExp(`(^|/)${body}$`);
}

const compiled = new Map<string, RegExp>();

/**
 * The first pattern the image's repository ends with, whole path segments only (`*` matches
 * within one segment), or undefined.
 *
 * @public
 */
export function matchImage(
  image: string,
  patterns: readonly string[],
): string | undefined {
  const repository = imageRepository(image);
  if (!repository) return undefined;
  return patterns.find(p => {
    let re = compiled.get(p);
    if (!re) {
      re = patternRegExp(p);
      compiled.set(p, re);
    }
    return re.test(repository);
  });
}

/** The last path segment of an image's repository (`longhornio/longhorn-manager` → `longhorn-manager`). @internal */
export function imageName(pattern: string): string {
  const segments = pattern.split('/');
  return segments[segments.length - 1];
}
