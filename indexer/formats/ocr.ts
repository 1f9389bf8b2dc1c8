// OCR of a scanned PDF (pages of images, no text layer), only when the user asks with --ocr: pages
// are rendered by poppler's pdftoppm and read by tesseract with the simplified-Chinese model, both
// Debian packages. OCR text is not exact, so the report is marked as OCR text everywhere it is shown.
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ExtractError, type ExtractedText } from './types.js';

const run = promisify(execFile);
const RESOLUTION_DPI = 200;
const HAN = '\\p{Script=Han}';
// tesseract puts a space between every two Chinese characters it recognises.
const SPACE_BETWEEN_HAN = new RegExp(`(?<=[${HAN}，。、；：！？（）])[ \\t]+(?=[${HAN}，。、；：！？（）])`, 'gu');

export async function ocrPdf(bytes: Uint8Array): Promise<ExtractedText> {
  const dir = await mkdtemp(join(tmpdir(), 'nianbao-ocr-'));
  try {
    await writeFile(join(dir, 'in.pdf'), bytes);
    try {
      await run('pdftoppm', ['-r', String(RESOLUTION_DPI), '-gray', '-png', join(dir, 'in.pdf'), join(dir, 'page')]);
    } catch (error) {
      throw missingTool('pdftoppm (Debian package poppler-utils)', error);
    }
    const images = (await readdir(dir)).filter((f) => f.startsWith('page') && f.endsWith('.png')).sort();
    const pages: string[] = [];
    for (const image of images) {
      try {
        const { stdout } = await run('tesseract', [join(dir, image), 'stdout', '-l', 'chi_sim', '--psm', '4'], {
          maxBuffer: 64 * 1024 * 1024,
        });
        pages.push(stdout.replace(SPACE_BETWEEN_HAN, '').replace(/\f/g, '').trim());
      } catch (error) {
        throw missingTool('tesseract with the chi_sim model (Debian packages tesseract-ocr, tesseract-ocr-chi-sim)', error);
      }
    }
    const text = pages.join('\n\n');
    if (text.replace(/\s/g, '').length === 0) {
      throw new ExtractError('no-text-layer', `a scanned PDF of ${images.length} page(s) in which OCR found no text`);
    }
    return {
      format: 'pdf',
      text,
      isHtml: false,
      pages: images.length,
      sourceUrl: null,
      ocr: true,
      warnings: ['text read by OCR: it may contain recognition errors'],
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function missingTool(tool: string, error: unknown): ExtractError {
  const notFound = (error as NodeJS.ErrnoException).code === 'ENOENT';
  return new ExtractError(
    'no-text-layer',
    notFound
      ? `a scanned PDF (no text layer); --ocr needs ${tool}, which is not installed`
      : `a scanned PDF (no text layer); OCR failed: ${error instanceof Error ? error.message : String(error)}`,
    { cause: error },
  );
}
