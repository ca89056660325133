// Builds the browser bundles into dist/client. The server reads .vite/manifest.json to link the hashed files.
import { defineConfig, type Plugin } from 'vite';
import { fileURLToPath } from 'node:url';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/**
 * The GC Design System stylesheet pulls fonts from Google and a CDN. Ensemble is self-hosted and often runs
 * on closed networks under a strict CSP, so those remote references are dropped and system fonts stand in.
 */
function dropRemoteFonts(): Plugin {
  const strip = (css: string) =>
    css
      .replace(/@import\s*(?:url\(\s*)?(["'])https?:.*?\1\s*\)?\s*;?/g, '')
      .replace(/@import\s*url\(\s*https?:[^)]*\)\s*;?/g, '')
      .replace(/@font-face\s*\{[^}]*https?:[^}]*\}/g, '');
  return {
    name: 'ensemble-drop-remote-fonts',
    // CSS pulled in by @import is inlined without passing through transform hooks, so the finished
    // stylesheets are cleaned instead.
    generateBundle(_options, bundle) {
      for (const file of Object.values(bundle)) {
        if (file.type === 'asset' && file.fileName.endsWith('.css') && typeof file.source === 'string') {
          file.source = strip(file.source);
        }
      }
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
    // Never inline assets as data: URLs: the Content-Security-Policy allows fonts and images from 'self' only.
    assetsInlineLimit: 0,
    rollupOptions: {
      // The GCDS React wrapper imports every component module, and they do not declare themselves free of
      // side effects, so all ~40 components were bundled (~450 kB). Each module only defines a class; the
      // wrapper registers the element when it is first rendered, so unused ones can be dropped safely.
      treeshake: {
        moduleSideEffects: (id) => !/[\\/]@gcds-core[\\/]components[\\/]dist[\\/]components[\\/]/.test(id),
      },
      input: {
        site: here('src/styles/site.css'),
        editor: here('src/editor/main.tsx'),
        typeahead: here('src/typeahead/main.ts'),
        catalogue: here('src/catalogue/main.tsx'),
      },
    },
  },
});
