import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = path.dirname(fileURLToPath(import.meta.url));

/**
 * The browser app. Entry, router and layout in src/app; the kit in src/web;
 * pages in src/features/<feature>/ui. Built into dist/web, which the server serves.
 * Vite 8's oxc transform handles TSX, so no React plugin is needed.
 */
export default defineConfig({
  root: path.join(root, 'src/app'),
  publicDir: false,
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: path.join(root, 'dist/web'),
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      // Two entries: the staff app, and the public directory's page frame with its own small script (the map), far from the app's bundle.
      input: { main: path.join(root, 'src/app/index.html'), aanbod: path.join(root, 'src/app/aanbod.html') },
      onwarn(warning, warn) {
        // react-query marks its hooks "use client" for server-component bundlers; meaningless in a SPA.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  server: {
    port: 5173,
    proxy: { '/api': 'http://localhost:3000' },
  },
});
