// Handlebars templates, loaded once when the app is built. Pages (views/pages/*.hbs) wrap
// themselves in the layout with a partial block, so the page body is never a string that has to be
// inserted unescaped. Only `…Html` fields, built by highlight.ts, use triple braces.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';

export type PageName = 'search' | 'report' | 'trend' | 'kwic' | 'stats' | 'compare' | 'coverage' | 'index' | 'error';

export interface Views {
  render(page: PageName, model: object): string;
}

/** views/ sits at the project root: one level up from server/, two from dist/server/. */
export function defaultViewsDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [resolve(here, '../views'), resolve(here, '../../views')];
  const found = candidates.find((dir) => existsSync(join(dir, 'layouts')));
  if (!found) throw new Error(`views/ not found next to ${here}; expected one of ${candidates.join(', ')}`);
  return found;
}

function templatesIn(dir: string): Array<[name: string, source: string]> {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((file) => file.endsWith('.hbs'))
    .sort()
    .map((file) => [file.slice(0, -'.hbs'.length), readFileSync(join(dir, file), 'utf8')]);
}

export function loadViews(viewsDir: string): Views {
  const handlebars = Handlebars.create();
  for (const [name, source] of templatesIn(join(viewsDir, 'layouts'))) {
    handlebars.registerPartial(`layouts/${name}`, source);
  }
  for (const [name, source] of templatesIn(join(viewsDir, 'partials'))) {
    handlebars.registerPartial(name, source);
  }
  const pages = new Map(templatesIn(join(viewsDir, 'pages')).map(([name, source]) => [name, handlebars.compile(source)]));
  return {
    render(page, model) {
      const template = pages.get(page);
      if (!template) throw new Error(`no template views/pages/${page}.hbs`);
      return template(model);
    },
  };
}
