// A request whose client has left stops its work at the next step instead of finishing for nobody.
// Why: the admission gate (admission.ts) gives a place to the next request as soon as a client
// leaves, so a concordance still reading its 20,000 occurrences for a client that gave up holds its
// pages beside eight others; under 50 clients at 1M sections, where clients give up, that is how the
// server reached 667 MiB (BENCHMARKS.md).
import type { Response } from 'express';

/** The client closed the connection before its answer was sent: nothing to answer, nothing to report. */
export class ClientGoneError extends Error {
  override readonly name = 'ClientGoneError';
  constructor() {
    super('the client closed the connection before its answer was sent');
  }
}

/** Aborted, with a ClientGoneError as its reason, when the response closes before it has been sent. */
export function clientSignal(response: Response): AbortSignal {
  const controller = new AbortController();
  response.once('close', () => {
    if (!response.writableFinished) controller.abort(new ClientGoneError());
  });
  return controller.signal;
}
