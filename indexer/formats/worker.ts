// The worker thread behind formatReader.ts: reads one file at a time with the adapter its format
// needs. Each adapter is loaded on first use (pdf.js alone is a few MB of code). An adapter's
// ExtractError goes back as a code and message; any other error means the file broke the library,
// which for the user is a damaged file.
import { parentPort } from 'node:worker_threads';
import { ExtractError, type ExtractErrorCode, type ExtractedText } from './types.js';
import type { ReportFormat } from '../../core/report.js';

export type AdapterFormat = Exclude<ReportFormat, 'txt' | 'md' | 'html'>;

export interface WorkerRequest {
  id: number;
  format: AdapterFormat;
  bytes: Uint8Array;
  ocr: boolean;
}

export type WorkerReply =
  | { id: number; ok: true; text: ExtractedText }
  | { id: number; ok: false; code: ExtractErrorCode; message: string };

type Adapter = (bytes: Uint8Array, request: WorkerRequest) => Promise<ExtractedText>;

const ADAPTERS: Record<AdapterFormat, () => Promise<Adapter>> = {
  pdf: async () => {
    const { extractPdf } = await import('./pdf.js');
    const { ocrPdf } = await import('./ocr.js');
    return async (bytes, request) => {
      try {
        return await extractPdf(bytes);
      } catch (error) {
        if (request.ocr && error instanceof ExtractError && error.code === 'no-text-layer') return ocrPdf(bytes);
        throw error;
      }
    };
  },
  docx: async () => (await import('./docx.js')).extractDocx,
  doc: async () => {
    const { extractDoc } = await import('./doc.js');
    return (bytes) => extractDoc(bytes, 'doc');
  },
  wps: async () => {
    const { extractDoc } = await import('./doc.js');
    return (bytes) => extractDoc(bytes, 'wps');
  },
  ofd: async () => (await import('./ofd.js')).extractOfd,
};

const loaded = new Map<AdapterFormat, Promise<Adapter>>();

async function handle(request: WorkerRequest): Promise<WorkerReply> {
  try {
    let adapter = loaded.get(request.format);
    if (!adapter) {
      adapter = ADAPTERS[request.format]();
      loaded.set(request.format, adapter);
    }
    const text = await (await adapter)(request.bytes, request);
    return { id: request.id, ok: true, text };
  } catch (error) {
    if (error instanceof ExtractError) return { id: request.id, ok: false, code: error.code, message: error.message };
    const detail = error instanceof Error ? error.message : String(error);
    return {
      id: request.id,
      ok: false,
      code: 'malformed',
      message: `the file is damaged or not a valid ${request.format.toUpperCase()} file (${detail})`,
    };
  }
}

parentPort?.on('message', (request: WorkerRequest) => {
  void handle(request).then((reply) => parentPort?.postMessage(reply));
});
