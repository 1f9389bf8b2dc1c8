#!/usr/bin/env -S node --max-old-space-size=768
// The heap cap: V8 sizes its heap from the machine's memory (about 4 GB here) and lets garbage
// pile up to it; capped, `index` peaks at 640 instead of 947 MiB on 107k sections at the same speed
// (BENCHMARKS.md). Its live set is a batch or two of documents plus jieba's dictionaries.
// Thin launcher: the compiled CLI lives in dist/ (built by `npm install` via the prepare script).
import('../dist/cli/main.js').catch((error) => {
  if (error && error.code === 'ERR_MODULE_NOT_FOUND') {
    console.error('nianbao: dist/ is missing; run `npm run build` first.');
    process.exit(2);
  }
  throw error;
});
