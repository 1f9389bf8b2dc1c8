// A request whose client has left stops its work at its next check instead of finishing for nobody.
// Why: it keeps its place in the admission gate until its work ends (admission.ts), so a concordance
// still reading up to 20,000 occurrences for a client who gave up keeps a client who is waiting out.
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
