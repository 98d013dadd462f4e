import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The console's single-page app: built into apps/console/dist, which the console server serves.
export default defineConfig({
  root: __dirname,
  plugins: [react()],
  build: { outDir: path.join(__dirname, 'dist'), emptyOutDir: true, sourcemap: false },
  logLevel: 'warn',
});
