import { defineConfig } from 'vitest/config';

// Node-side tests of the .xlsx files (issue 21): the Worker bundle runs under workerd through miniflare
// (bench/lib/worker.ts) on a generated database (bench/gen), and a real spreadsheet library that needs
// Node — exceljs — reads every exported workbook and writes the workbooks that are imported.
export default defineConfig({
  test: {
    include: ['test/node/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    fileParallelism: false,
  },
});
