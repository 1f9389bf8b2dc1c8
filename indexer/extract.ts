// From a file's bytes to its text, whatever the format: text files go through the decode stage
// (every Chinese encoding), PDF, Word, WPS and OFD files through their adapters in the format
// reader's worker. The bytes decide the reader, not the extension (sniff.ts).
import { decode } from './decode.js';
import type { FormatReader } from './formatReader.js';
import { extensionOf, sniffFormat } from './formats/sniff.js';
import { ExtractError, type SourceText } from './formats/types.js';
import { readReport, type ReportSource } from './readReport.js';
import type { Report, ReportFormat } from '../core/report.js';

export async function extractText(bytes: Uint8Array, fileName: string, reader: FormatReader): Promise<SourceText> {
  const kind = sniffFormat(bytes, fileName);
  if (kind.kind === 'unsupported') {
    throw new ExtractError('unsupported-format', `${fileName} is ${kind.what}, not a report the indexer can read`);
  }
  if (kind.kind === 'adapter') {
    const text = await reader.read(kind.format, bytes, fileName);
    return { ...text, encoding: null };
  }
  const decoded = decode(bytes, fileName);
  return {
    format: textFormatOf(fileName, decoded.isHtml),
    text: decoded.text,
    isHtml: decoded.isHtml,
    pages: null,
    sourceUrl: null,
    ocr: false,
    warnings: decoded.warnings,
    encoding: decoded.encoding,
  };
}

function textFormatOf(fileName: string, isHtml: boolean): ReportFormat {
  if (isHtml) return 'html';
  return extensionOf(fileName) === '.md' ? 'md' : 'txt';
}

/** extractText then the text stages: a file's bytes to a Report (for tools that read files outside an index run). */
export async function readReportBytes(bytes: Uint8Array, source: ReportSource, reader: FormatReader): Promise<Report> {
  return readReport(await extractText(bytes, source.fileName, reader), source);
}
