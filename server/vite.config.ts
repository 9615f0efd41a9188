import { defineConfig } from 'vite';

// The self-hosting server as one Node module (dist/server/main.js): the Worker's code is TSX with
// bundler-style imports, which Node cannot load as it is. Packages stay external (node_modules), the
// app's own code and #respondent-inline (dist/respondent-inline.js, from `vite build`) are bundled.
export default defineConfig({
  publicDir: false,
  build: {
    ssr: 'server/main.ts',
    outDir: 'dist/server',
    emptyOutDir: true,
    target: 'node22',
    minify: false,
    rolldownOptions: { output: { entryFileNames: 'main.js' } },
  },
});
