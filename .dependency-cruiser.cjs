// The floors of the product and which may import which (DESIGN.md, "Floors"). `npm test` runs
// this: a cycle or an import that looks up a floor fails the build.
//
//   core     pure vocabulary and the exact rule        imports nothing of ours
//   meili    the managed Meilisearch process, and the  nothing of ours
//            errors every Meilisearch call can raise
//   index    the Meilisearch contract and client       core, meili/errors
//   config   settings and paths                        nothing of ours
//   indexer  file → report → documents → publish       core, index, meili/errors, config
//   search   query plan, verification, the adapter     core, index, meili/errors
//   server   the web tier (only the search port)       core, search/port, search/errors, config
//   cli      wires everything together                 anything in the product
// tools/ and test/ may import anything; nothing in the product imports them.
const floor = (name, mayImport) => ({
  name: `${name}-looks-down-only`,
  comment: `${name}/ may import only ${mayImport.length ? mayImport.join(', ') : 'nothing of ours'} (DESIGN.md, Floors)`,
  severity: 'error',
  from: { path: `^${name}/` },
  to: {
    path: '^(core|index|meili|config|indexer|search|server|cli|tools|test)/',
    pathNot: [`^${name}/`, ...mayImport.map((m) => `^${m}`)],
  },
});

module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      comment: 'a cycle makes two modules one: split or move what they share',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    floor('core', []),
    floor('index', ['core/', 'meili/errors\\.ts$']),
    floor('meili', []),
    floor('config', []),
    floor('indexer', ['core/', 'index/', 'meili/errors\\.ts$', 'config/']),
    floor('search', ['core/', 'index/', 'meili/errors\\.ts$']),
    floor('server', ['core/', 'search/port\\.ts$', 'search/errors\\.ts$', 'config/']),
    floor('cli', ['core/', 'index/', 'meili/', 'config/', 'indexer/', 'search/', 'server/']),
    {
      name: 'product-does-not-import-tools-or-tests',
      severity: 'error',
      from: { path: '^(core|index|meili|config|indexer|search|server|cli)/' },
      to: { path: '^(tools|test)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
      extensions: ['.ts', '.js'],
    },
  },
};
