import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

// One build, several HTML entries: the respondent's form (kept tiny: it is what a phone on a
// weak network downloads) and, later, the office console, which the form never loads.
export default defineConfig({
  root: 'survey-client',
  base: '/',
  publicDir: false,
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: resolve(import.meta.dirname, 'dist/client'),
    emptyOutDir: true,
    target: 'es2019',
    modulePreload: { polyfill: false },
    rollupOptions: {
      input: {
        form: resolve(import.meta.dirname, 'survey-client/form.html'),
        console: resolve(import.meta.dirname, 'survey-client/console.html'),
      },
    },
  },
  test: {
    root: import.meta.dirname,
    include: ['test/**/*.test.{ts,tsx}'],
    pool: 'forks',
    // TEST_DB=postgres: a PostgreSQL server and a migrated template for test/db.ts.
    globalSetup: ['test/postgres/global-setup.ts'],
    // PostgreSQL answers over a socket: the seeding of the largest fixtures takes a few times
    // longer than on SQLite in memory.
    testTimeout: process.env.TEST_DB === 'postgres' ? 60_000 : 20_000,
    hookTimeout: process.env.TEST_DB === 'postgres' ? 60_000 : 10_000,
  },
});
