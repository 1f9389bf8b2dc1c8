// Text → the bytes of a file in one of the encodings reports are found in. iconv-lite does the
// legacy encodings (the decoder in indexer/decode.ts reads them back with the same library).
import iconv from 'iconv-lite';

export type OutputEncoding = 'utf-8' | 'gb18030' | 'big5';

/**
 * The bytes of `text` in `encoding`, or null when Big5 cannot hold every character (rare place
 * names are outside Big5; iconv-lite would silently write "?" for them).
 */
export function encodeText(text: string, encoding: OutputEncoding): Buffer | null {
  if (encoding === 'utf-8') return Buffer.from(text, 'utf8');
  const bytes = iconv.encode(text, encoding);
  if (encoding === 'big5' && iconv.decode(bytes, 'big5') !== text) return null;
  return bytes;
}
