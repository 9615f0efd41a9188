import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

// Builds the browser side only: web/client.ts and the stylesheet, with fixed names under
// dist/client/assets, which wrangler serves as static assets ([assets] in wrangler.toml).
export default defineConfig({
  plugins: [preact()],
  publicDir: false,
  build: {
    outDir: 'dist/client',
    emptyOutDir: true,
    target: 'es2019',
    rolldownOptions: {
      input: {
        client: 'web/client.ts',
        app: 'web/styles/app.css',
        report: 'web/styles/report.css',
        print: 'web/styles/print.css',
        'survey-enhance': 'web/survey-enhance.ts',
        survey: 'web/styles/survey.css',
        respondent: 'web/styles/respondent.css',
      },
      output: { entryFileNames: 'assets/[name].js', chunkFileNames: 'assets/[name].js', assetFileNames: 'assets/[name][extname]' },
    },
  },
});
