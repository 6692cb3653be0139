/// <reference types="vitest/config" />
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));

// The console's single-page app: built into dist/apps/web and served by the gateway (server/) or nginx.
export default defineConfig({
  root: resolve(here),
  plugins: [react()],
  build: { outDir: resolve(here, '../../dist/apps/web'), emptyOutDir: true, chunkSizeWarningLimit: 1200 },
  test: {
    environment: 'jsdom',
    globals: true,
    include: ['src/**/*.test.tsx', 'src/**/*.test.ts'],
    setupFiles: ['src/test/setup.ts'],
    css: false,
    // A shared 2-core machine renders slowly; the tests wait for what they assert, never for time.
    testTimeout: 30_000,
  },
});
