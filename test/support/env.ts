/** Entities in the test database: enough for paging and filters, small enough to be quick. */
export const TEST_ENTITY_COUNT = 400;

export function databaseUrlFor(serverUrl: string, database: string): string {
  const u = new URL(serverUrl);
  u.pathname = `/${database}`;
  return u.toString();
}
