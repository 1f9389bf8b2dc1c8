#!/usr/bin/env -S MALLOC_MMAP_THRESHOLD_=262144 MALLOC_TRIM_THRESHOLD_=1048576 node --max-old-space-size=768
// The heap cap: V8 sizes its heap from the machine's memory (about 4 GB here) and lets garbage
// pile up to it; capped, `index` peaks at 640 instead of 947 MiB on 107k sections at the same speed
// (BENCHMARKS.md). Its live set is a batch or two of documents plus jieba's dictionaries.
// The two malloc settings (glibc, mallopt(3); read only at a process's start, hence here): buffers
// of 256 KiB and more (request bodies of a batch, file contents, growing arrays) are mapped on their
// own and given back when freed, instead of glibc raising that threshold as it frees them and leaving
// the freed space inside its heap, and free space at the heap's top is given back from 1 MiB. At
// 107k sections `index` peaked at 557 instead of 596 MiB side by side, CPU time within the noise; at
// 1M the peak (1,249 MiB, set by the final drain) did not show it (BENCHMARKS.md, session 14).
// Thin launcher: the compiled CLI lives in dist/ (built by `npm install` via the prepare script).
import('../dist/cli/main.js').catch((error) => {
  if (error && error.code === 'ERR_MODULE_NOT_FOUND') {
    console.error('nianbao: dist/ is missing; run `npm run build` first.');
    process.exit(2);
  }
  throw error;
});
