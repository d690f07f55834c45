import { imageRepository, imagesMatch } from './images';

describe('imageRepository', () => {
  it.each([
    ['quay.io/prometheus/prometheus:v3.5.0', 'prometheus/prometheus'],
    [
      'nvcr.io/nvidia/k8s-device-plugin@sha256:0123',
      'nvidia/k8s-device-plugin',
    ],
    ['localhost:5000/team/app:1', 'team/app'],
    [
      'registry.example.com:5000/mirror/quay.io/prometheus/prometheus:v3',
      'mirror/quay.io/prometheus/prometheus',
    ],
    ['prom/prometheus', 'prom/prometheus'],
    ['busybox:1.36', 'busybox'],
  ])('%s → %s', (image, repo) => {
    expect(imageRepository(image)).toBe(repo);
  });

  it('matches on the whole repository path, never a substring', () => {
    const prometheus = [/(^|\/)prometheus\/prometheus$/];
    expect(imagesMatch(['quay.io/prometheus/prometheus:v3'], prometheus)).toBe(
      true,
    );
    expect(
      imagesMatch(['quay.io/prometheus/node-exporter:v1'], prometheus),
    ).toBe(false);
    expect(
      imagesMatch(
        ['quay.io/prometheus-operator/prometheus-config-reloader:v0.85'],
        prometheus,
      ),
    ).toBe(false);
  });
});
