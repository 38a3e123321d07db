import { defineConfig } from 'vite';

/**
 * The admin UI: `ui/` is the root, the build goes to `ui/dist`, which `nem serve` serves at `/`.
 * In development (`npx vite --config ui/vite.config.ts`) the API is proxied from a running `nem serve`
 * (NEM_API, default http://127.0.0.1:3210), so the browser sees one origin as it does in production.
 */
const api = process.env.NEM_API ?? 'http://127.0.0.1:3210';
const proxy = { '/api': { target: api, changeOrigin: false } };

export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // Chart.js is loaded only on the meter pages, in its own chunk.
    chunkSizeWarningLimit: 600,
  },
  server: { proxy },
  preview: { proxy },
});
