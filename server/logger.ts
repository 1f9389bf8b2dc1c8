// What the web tier needs from a logger. Handed in to createApp; the default writes JSON lines to
// stderr so that a process supervisor can collect them.
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export function consoleLogger(write: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): Logger {
  const log =
    (level: string) =>
    (message: string, fields: Record<string, unknown> = {}) =>
      write(JSON.stringify({ time: new Date().toISOString(), level, message, ...fields }));
  return { info: log('info'), warn: log('warn'), error: log('error') };
}

/** For tests and embedding: drops everything. */
export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };
