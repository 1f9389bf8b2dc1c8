import net from 'node:net';

/** A TCP port on 127.0.0.1 that was free a moment ago (the caller retries if it is taken in between). */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('could not read the port of a probe socket');
  return address.port;
}
