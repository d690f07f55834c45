/**
 * The repository path of a container image without registry, tag or digest:
 * `quay.io/prometheus/prometheus:v3.5.0` → `prometheus/prometheus`,
 * `nvcr.io/nvidia/k8s-device-plugin@sha256:…` → `nvidia/k8s-device-plugin`,
 * `busybox` → `busybox`. Components are matched on this path so that mirrors and private
 * registries match too, and never on a substring of a workload's name.
 *
 * @public
 */
export function imageRepository(image: string): string {
  let rest = image.trim().split('@')[0];
  const lastSlash = rest.lastIndexOf('/');
  const tagColon = rest.indexOf(':', lastSlash + 1);
  if (tagColon >= 0) rest = rest.slice(0, tagColon);
  const parts = rest.split('/');
  // A first component with a dot or a port, or `localhost`, is a registry host.
  if (parts.length > 1 && /[.:]|^localhost$/.test(parts[0])) parts.shift();
  return parts.join('/').toLowerCase();
}

/** True when one of the images' repositories matches one of the patterns. @public */
export function imagesMatch(
  images: readonly string[],
  patterns: readonly RegExp[],
): boolean {
  return images.some(i => {
    const repo = imageRepository(i);
    return patterns.some(p => p.test(repo));
  });
}
