// Templates a new page can start from. The blank page is the only built-in one so far.
import type { SeedBlock } from '../render/docSeeder.js';

export interface PageTemplate {
  name: string;
  blocks: SeedBlock[];
}

const builtIn: PageTemplate[] = [{ name: 'blank', blocks: [] }];

export function findTemplate(name: string): PageTemplate | undefined {
  return builtIn.find((t) => t.name === name.toLowerCase());
}
