import { imageRepository } from '../workloads/images';

/* Container images compared by repository (registry, tag and digest removed, so that a mirror
   such as `harbor.example/nvcr/nvidia/k8s-device-plugin` matches the upstream repository)
   against patterns written as repository paths, `*` matching within one path segment. */

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
