// Runs the format adapters (PDF, Word, WPS, OFD) in a worker thread, one file at a time, so that a
// hostile or huge file can neither hang nor crash the index run: each file has a time limit and the
// worker a heap limit; a worker that times out or runs out of memory is terminated and the next file
// gets a fresh one. The only owner of node:worker_threads.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { projectPath } from '../config/paths.js';
import { ExtractError, type ExtractErrorCode, type ExtractedText } from './formats/types.js';
import type { AdapterFormat, WorkerReply, WorkerRequest } from './formats/worker.js';

export interface FormatReader {
  /** The file's text, or an ExtractError saying why not. */
  read(format: AdapterFormat, bytes: Uint8Array, fileName: string): Promise<ExtractedText>;
  /** Stops the worker; reading again starts a new one. */
  close(): Promise<void>;
}

export interface FormatReaderOptions {
  /** Per-file time limit. */
  timeoutMs: number;
  /** Heap limit of the worker: a file that needs more is skipped as too large. */
  maxHeapMb: number;
  /** OCR scanned PDFs with Debian's tesseract (when installed). */
  ocr: boolean;
}

export const DEFAULT_FORMAT_READER_OPTIONS: FormatReaderOptions = { timeoutMs: 60_000, maxHeapMb: 384, ocr: false };

export function createFormatReader(options: FormatReaderOptions = DEFAULT_FORMAT_READER_OPTIONS): FormatReader {
  let worker: Worker | null = null;
  let nextId = 0;

  const stop = async (): Promise<void> => {
    const stopping = worker;
    worker = null;
    if (stopping) await stopping.terminate();
  };

  const read = (format: AdapterFormat, bytes: Uint8Array, fileName: string): Promise<ExtractedText> => {
    worker ??= startWorker(options);
    const current = worker;
    const id = nextId++;
    // A copy the worker owns, on its own ArrayBuffer (Buffer#slice would share the caller's, maybe a
    // pooled one, and transferring it would detach every view of it).
    const copy = new Uint8Array(bytes);
    return new Promise<ExtractedText>((resolve, reject) => {
      const finish = (outcome: () => void): void => {
        clearTimeout(timer);
        current.off('message', onMessage);
        current.off('error', onError);
        current.off('exit', onExit);
        outcome();
      };
      const fail = (code: ExtractErrorCode, message: string, cause?: unknown): void => {
        // The worker may be stuck or broken: the next file gets a new one.
        if (worker === current) void stop();
        finish(() => reject(new ExtractError(code, message, { cause })));
      };
      const onMessage = (reply: WorkerReply): void => {
        if (reply.id !== id) return;
        if (reply.ok) finish(() => resolve(reply.text));
        else finish(() => reject(new ExtractError(reply.code, `${fileName}: ${reply.message}`)));
      };
      const onError = (error: Error): void => {
        if ((error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY') {
          fail('too-large', `${fileName} needed more than ${options.maxHeapMb} MB of memory to read; it was skipped`, error);
        } else {
          fail('malformed', `${fileName} could not be read: ${error.message}`, error);
        }
      };
      const onExit = (): void => fail('malformed', `${fileName} stopped its reader unexpectedly; it was skipped`);
      const timer = setTimeout(
        () => fail('timeout', `${fileName} took longer than ${options.timeoutMs / 1000} s to read (raise the limit with --file-timeout)`),
        options.timeoutMs,
      );
      current.on('message', onMessage);
      current.on('error', onError);
      current.on('exit', onExit);
      const request: WorkerRequest = { id, format, bytes: copy, ocr: options.ocr };
      current.postMessage(request, [copy.buffer as ArrayBuffer]);
    });
  };

  return { read, close: stop };
}

function startWorker(options: FormatReaderOptions): Worker {
  const started = new Worker(workerUrl(), {
    resourceLimits: { maxOldGenerationSizeMb: options.maxHeapMb, maxYoungGenerationSizeMb: 32 },
    // pdf.js prints font warnings; they are not the run's output. Drained, so they cannot pile up.
    stdout: true,
    stderr: true,
  });
  started.stdout.resume();
  started.stderr.resume();
  return started;
}

// From dist/ the worker is the compiled file beside this one. Tests run the TypeScript sources,
// and a worker thread cannot load TypeScript: they use the build that `npm test` makes first.
function workerUrl(): URL {
  const here = new URL('./formats/worker.js', import.meta.url);
  if (existsSync(fileURLToPath(here))) return here;
  const built = projectPath('dist', 'indexer', 'formats', 'worker.js');
  if (!existsSync(built)) throw new Error(`the format worker is not built (${built} is missing): run \`npm run build\``);
  return new URL(`file://${built}`);
}
