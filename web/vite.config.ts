import { defineConfig } from 'vite';

// `npm run dev` serves the pages with hot reload and forwards the API to a running Markaz.
// The Origin header is rewritten because the server accepts WebSocket upgrades only from its
// own origin (docs/api.md, WebSocket).
const markaz = process.env.MARKAZ_URL ?? 'http://127.0.0.1:8080';
const forward = { target: markaz, changeOrigin: true, headers: { origin: markaz } };

export default defineConfig({
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The server's Content-Security-Policy allows no inline script; the polyfill would be one.
    modulePreload: { polyfill: false },
    // ECharts is loaded only by the console, as its own chunk; it is large by nature.
    chunkSizeWarningLimit: 1200,
  },
  server: {
    proxy: {
      '/api/v1/events': { ...forward, ws: true },
      '/api': forward,
      '/metrics': forward,
      '/healthz': forward,
      '/readyz': forward,
    },
  },
});
