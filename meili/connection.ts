import type { MeiliConnection } from './types.js';

/**
 * Builds a connection whose adminKey is not enumerable, so logging or serialising the connection
 * (console.log, JSON.stringify, an error reporter) does not print the key.
 */
export function makeConnection(
  fields: Omit<MeiliConnection, 'adminKey' | 'close'>,
  adminKey: string,
  close: () => Promise<void>,
): MeiliConnection {
  const connection = { host: fields.host, managed: fields.managed, close };
  Object.defineProperty(connection, 'adminKey', { value: adminKey, enumerable: false });
  return Object.freeze(connection) as MeiliConnection;
}
