// Listening is the edge: createApp builds the app, this binds it to a port.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type express from 'express';

/** The port is taken by another program: a message a person can act on, not a stack trace. */
export class PortInUseError extends Error {
  override readonly name = 'PortInUseError';
  constructor(
    readonly port: number,
    host: string,
    options?: { cause?: unknown },
  ) {
    super(
      `port ${port} on ${host} is already in use (another nianbao serve?): stop that program, or choose another port with --port or PORT`,
      options,
    );
  }
}

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

export function startServer(options: { app: express.Express; port: number; host?: string }): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  return new Promise((resolve, reject) => {
    const server: Server = options.app.listen(options.port, host);
    const refused = (error: NodeJS.ErrnoException): void =>
      reject(error.code === 'EADDRINUSE' ? new PortInUseError(options.port, host, { cause: error }) : error);
    server.once('error', refused);
    server.once('listening', () => {
      server.off('error', refused);
      const { port } = server.address() as AddressInfo;
      const shownHost = host.includes(':') ? `[${host}]` : host;
      resolve({
        url: `http://${shownHost === '0.0.0.0' ? '127.0.0.1' : shownHost}:${port}`,
        close: () =>
          new Promise<void>((done, fail) => {
            server.close((error) => (error ? fail(error) : done()));
            // Keep-alive sockets would hold close() open until they time out.
            server.closeAllConnections();
          }),
      });
    });
  });
}
