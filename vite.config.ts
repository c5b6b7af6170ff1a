import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The client lives in client/ and is built into client/dist, which the server serves. No source
// maps in the build: they would publish the client's whole source next to it (`vite` in
// development serves its own).
export default defineConfig({
  root: 'client',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
