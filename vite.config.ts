import { defineConfig } from 'vite';

// The web app (src/web) builds into dist/web, which the server serves. No React plugin:
// Vite's own transform handles TSX with the automatic JSX runtime.
export default defineConfig({
  root: 'src/web',
  base: '/',
  publicDir: false,
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
    sourcemap: false,
  },
  oxc: { jsx: { runtime: 'automatic' } },
  server: { port: 5173, proxy: { '/api': 'http://localhost:3000' } },
});
