// PLACEHOLDER — replaced at merge by the real layout stage (written on another branch). Only here
// so the OFD adapter builds and runs on this branch: it groups a page's runs into lines by their y
// and joins each line's runs left to right, pages one after another. Tests of the OFD adapter
// check only what a better layout also gives (phrases present once whitespace is removed).
import type { PlacedPage, PlacedText } from './types.js';

/** Placed runs of every page → text, one line per line of the page. */
export function layoutPages(pages: PlacedPage[]): string {
  return pages.map((page) => linesOf(page.items).join('\n')).join('\n');
}

function linesOf(items: readonly PlacedText[]): string[] {
  const lines: PlacedText[][] = [];
  for (const item of [...items].sort((a, b) => a.y - b.y || a.x - b.x)) {
    const line = lines[lines.length - 1];
    const first = line?.[0];
    if (line !== undefined && first !== undefined && Math.abs(first.y - item.y) <= Math.max(first.height, item.height) / 2) line.push(item);
    else lines.push([item]);
  }
  return lines.map((line) => line.sort((a, b) => a.x - b.x).map((item) => item.text).join(''));
}
