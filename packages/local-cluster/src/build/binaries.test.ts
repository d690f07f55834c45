import { stagingReplaces } from './binaries';
import { resolveVersions, supportedMinors } from '../versions';

describe('stagingReplaces', () => {
  it('pins every staging module to the matching v0 version', () => {
    const goMod = `module k8s.io/kubernetes\n\nreplace (\n\tk8s.io/api => ./staging/src/k8s.io/api\n\tk8s.io/client-go => ./staging/src/k8s.io/client-go\n\tgithub.com/x/y => github.com/x/y v1.0.0\n)\n`;
    expect(
      stagingReplaces(
        goMod,
        /^\s+(k8s\.io\/[\w.-]+) => \.\/staging\//,
        'v0.37.2',
      ),
    ).toEqual([
      '\tk8s.io/api => k8s.io/api v0.37.2',
      '\tk8s.io/client-go => k8s.io/client-go v0.37.2',
    ]);
  });
});

describe('versions.json', () => {
  it('pins 1.34 to 1.37 with matching Kubernetes minors', () => {
    expect(supportedMinors()).toEqual(
      expect.arrayContaining(['1.34', '1.35', '1.36', '1.37']),
    );
    for (const minor of supportedMinors()) {
      expect(resolveVersions(minor).kubernetes.startsWith(`v${minor}.`)).toBe(
        true,
      );
    }
    expect(resolveVersions('v1.36.9').minor).toBe('1.36');
    expect(() => resolveVersions('1.20')).toThrow('not pinned');
  });
});
