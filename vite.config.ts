import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The client lives in client/ and is built into client/dist, which the server serves.
export default defineConfig({
  root: 'client',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
