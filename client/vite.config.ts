// Builds the browser bundles into dist/client. The server reads .vite/manifest.json to link the hashed files.
import { defineConfig, type Plugin } from 'vite';
import { fileURLToPath } from 'node:url';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/**
 * The GC Design System stylesheet pulls fonts from Google and a CDN. Ensemble is self-hosted and often runs
 * on closed networks under a strict CSP, so those remote references are dropped and system fonts stand in.
 */
function dropRemoteFonts(): Plugin {
  return {
    name: 'ensemble-drop-remote-fonts',
    enforce: 'pre',
    transform(code, id) {
      if (!id.includes('@gcds-core') || !id.split('?')[0].endsWith('.css')) return null;
      return code
        .replace(/@import\s+url\(["']?https?:[^)]*\)\s*;?/g, '')
        .replace(/@font-face\s*\{[^}]*https?:[^}]*\}/g, '');
    },
  };
}

export default defineConfig({
  plugins: [dropRemoteFonts()],
  root: here('.'),
  publicDir: false,
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: here('../dist/client'),
    emptyOutDir: true,
    manifest: true,
    sourcemap: true,
    target: 'es2022',
    chunkSizeWarningLimit: 2000,
    rollupOptions: {
      input: {
        site: here('src/styles/site.css'),
        editor: here('src/editor/main.tsx'),
      },
    },
  },
});
