import { ConfigReader } from '@backstage/config';
import { readModelServerProviderConfig } from './readModelServerConfig';

/** A config block as YAML gives it. */
type Block = NonNullable<ConstructorParameters<typeof ConfigReader>[0]>;

const read = (block: Block) =>
  readModelServerProviderConfig(
    new ConfigReader({
      catalog: { providers: { aiConformanceModelServers: block } },
    }),
  );

describe('readModelServerProviderConfig', () => {
  it('is undefined without the block: the provider is not installed', () => {
    expect(readModelServerProviderConfig(new ConfigReader({}))).toBeUndefined();
  });

  it('reads the enabled clusters, the refresh interval, the owner mapping and the system', () => {
    const config = read({
      clusters: ['resource:default/gpu-east', 'lab'],
      schedule: { frequency: { minutes: 2 }, timeout: { seconds: 90 } },
      namespace: 'serving',
      lifecycle: 'experimental',
      owner: {
        keys: ['owner'],
        mapping: { 'ml-platform': 'ml-team' },
        default: 'platform',
      },
      system: { default: 'inference' },
    })!;
    expect(config.enabledClusters).toEqual([
      'resource:default/gpu-east',
      'lab',
    ]);
    expect(config.schedule).toMatchObject({
      frequency: { minutes: 2 },
      timeout: { seconds: 90 },
    });
    expect(config.entityOptions).toMatchObject({
      namespace: 'serving',
      lifecycle: 'experimental',
      rules: {
        ownerKeys: ['owner'],
        ownerMapping: { 'ml-platform': 'group:default/ml-team' },
        defaultOwner: 'group:default/platform',
        defaultSystem: 'inference',
      },
    });
  });

  it('refreshes every 5 minutes and reads no cluster unless told otherwise', () => {
    const config = read({})!;
    expect(config.schedule.frequency).toEqual({ minutes: 5 });
    expect(config.enabledClusters).toEqual([]);
  });

  it('names the key to fix when a mapped owner is not an entity ref', () => {
    expect(() => read({ owner: { mapping: { x: 'user:' } } })).toThrow(
      /catalog\.providers\.aiConformanceModelServers\.owner\.mapping\.x: "user:" is not an entity ref/,
    );
  });
});
