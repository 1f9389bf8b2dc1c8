// The normalised copy of a text that metadata matching works on: half-width ASCII and simplified
// characters. What the stages return keeps the report's own characters; only comparisons use this.
import * as OpenCC from 'opencc-js';

let converter: ((text: string) => string) | undefined;

/** The text in simplified characters (OpenCC t→cn); the converter is built on first use. */
export function toSimplified(text: string): string {
  const convert = converter ?? OpenCC.Converter({ from: 't', to: 'cn' });
  converter = convert;
  return convert(text);
}

/** Full-width ASCII → half-width and ideographic space → space: one character for one, so offsets
 *  into the result are offsets into the input. */
export function toHalfWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E\u3000]/g, (c) => (c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0)));
}

/** Half-width and simplified: the form place names and key words are matched in. */
export function toMatchable(text: string): string {
  return toSimplified(toHalfWidth(text));
}
