/**
 * The React shell: `npm run build:ui` writes ui/dist (served by the API server
 * at /), `npm run dev` serves it with hot reload and proxies the API on :3000.
 */
import path from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const uiDir = import.meta.dirname;
const repoRoot = path.resolve(uiDir, '..');
const apiTarget = process.env.FORJA_API ?? 'http://localhost:3000';

export default defineConfig({
  root: uiDir,
  plugins: [react()],
  build: {
    outDir: path.join(uiDir, 'dist'),
    emptyOutDir: true,
    reportCompressedSize: true,
    chunkSizeWarningLimit: 700,
    rolldownOptions: {
      output: {
        // One long-cached chunk for the libraries every screen needs; form, detail and plugin pages load on first use.
        codeSplitting: {
          groups: [
            {
              name: 'framework',
              test: /node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom|@tanstack[\\/]react-query|@tanstack[\\/]query-core|@trpc)[\\/]/,
            },
          ],
        },
      },
    },
  },
  server: {
    port: 5173,
    // Plugin pages live in plugins/*/ui, outside the Vite root.
    fs: { allow: [repoRoot] },
    proxy: {
      '/trpc': apiTarget,
      '/auth': apiTarget,
      '/health': apiTarget,
      '/export': apiTarget,
      '/socket.io': { target: apiTarget, ws: true },
    },
  },
});
