// Vite build of the SPA: root is web/, output goes to web/dist (served by S3/CloudFront or the local gateway).
// In dev, set CRM_DEV_BACKEND (e.g. http://127.0.0.1:3000) to proxy /api and /config.json to a running backend.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import solid from 'vite-plugin-solid';

const root = fileURLToPath(new URL('.', import.meta.url));
const backend = process.env.CRM_DEV_BACKEND;

export default defineConfig({
  root,
  plugins: [solid()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
  },
  server: backend
    ? {
        proxy: {
          '/api': { target: backend, changeOrigin: true },
          '/config.json': { target: backend, changeOrigin: true },
        },
      }
    : undefined,
});
