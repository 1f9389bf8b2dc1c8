// Listening is the edge: createApp builds the app, this binds it to a port.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type express from 'express';

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

export function startServer(options: { app: express.Express; port: number; host?: string }): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  return new Promise((resolve, reject) => {
    const server: Server = options.app.listen(options.port, host);
    server.once('error', reject);
    server.once('listening', () => {
      server.off('error', reject);
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
