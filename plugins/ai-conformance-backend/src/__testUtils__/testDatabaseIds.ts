import { TestDatabaseId } from '@backstage/backend-test-utils';

const POSTGRES_IDS: TestDatabaseId[] = [
  'POSTGRES_18',
  'POSTGRES_17',
  'POSTGRES_16',
  'POSTGRES_15',
  'POSTGRES_14',
  'POSTGRES_13',
];

/**
 * SQLite, plus every PostgreSQL version for which the environment provides a connection string
 * (`BACKSTAGE_TEST_DATABASE_POSTGRES<N>_CONNECTION_STRING`). Listing only those keeps Docker out
 * of the picture even when `CI` is set. With `AI_CONFORMANCE_TEST_POSTGRES=required` a missing
 * PostgreSQL is an error instead of a silent SQLite-only run.
 *
 * @internal
 */
export function testDatabaseIds(): TestDatabaseId[] {
  const postgres = POSTGRES_IDS.filter(
    id =>
      process.env[
        `BACKSTAGE_TEST_DATABASE_${id.replace('_', '')}_CONNECTION_STRING`
      ],
  );
  if (
    postgres.length === 0 &&
    process.env.AI_CONFORMANCE_TEST_POSTGRES === 'required'
  ) {
    throw new Error(
      'AI_CONFORMANCE_TEST_POSTGRES=required but no BACKSTAGE_TEST_DATABASE_POSTGRES<N>_CONNECTION_STRING is set',
    );
  }
  return ['SQLITE_3', ...postgres];
}
