// Finds the hashed browser bundles that `vite build` wrote, through its manifest.
import fs from 'node:fs';
import path from 'node:path';
import { clientDistDir } from '../paths.js';

export interface EntryAssets {
  scripts: string[];
  styles: string[];
}

interface ManifestChunk {
  file: string;
  css?: string[];
  isEntry?: boolean;
  name?: string;
  src?: string;
}

export class ClientAssets {
  private readonly entries = new Map<string, EntryAssets>();

  constructor(private readonly dir = clientDistDir) {
    const manifestFile = path.join(dir, '.vite', 'manifest.json');
    if (!fs.existsSync(manifestFile)) return;
    const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as Record<string, ManifestChunk>;
    for (const chunk of Object.values(manifest)) {
      if (!chunk.isEntry || !chunk.name) continue;
      const isCss = chunk.file.endsWith('.css');
      this.entries.set(chunk.name, {
        scripts: isCss ? [] : [`/${chunk.file}`],
        styles: isCss ? [`/${chunk.file}`] : (chunk.css ?? []).map((f) => `/${f}`),
      });
    }
  }

  get built(): boolean {
    return this.entries.size > 0;
  }

  get directory(): string {
    return this.dir;
  }

  entry(name: string): EntryAssets {
    return this.entries.get(name) ?? { scripts: [], styles: [] };
  }
}
