import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { configDefaults, defineConfig } from 'vitest/config';

const onPostgres = process.env.TEST_DB === 'postgres';
/** The test files the PostgreSQL pass leaves out: test/postgres/excluded.txt, with reasons. */
const notOnPostgres = onPostgres
  ? readFileSync(resolve(import.meta.dirname, 'test/postgres/excluded.txt'), 'utf8')
      .split('\n')
      .map((line) => line.replace(/#.*/, '').trim().split(/\s+/)[0] ?? '')
      .filter(Boolean)
  : [];

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
        // The public SIPAS form (issue #14): a page of its own, as light as the form's.
        sipas: resolve(import.meta.dirname, 'survey-client/sipas.html'),
      },
    },
  },
  test: {
    root: import.meta.dirname,
    include: ['test/**/*.test.{ts,tsx}'],
    exclude: [...configDefaults.exclude, ...notOnPostgres],
    pool: 'forks',
    // TEST_DB=postgres: a PostgreSQL server and a migrated template for test/db.ts.
    globalSetup: ['test/postgres/global-setup.ts'],
    setupFiles: ['test/postgres/cleanup.ts'],
    // PostgreSQL answers over a socket: the seeding of the largest fixtures takes a few times
    // longer than on SQLite in memory.
    testTimeout: onPostgres ? 60_000 : 20_000,
    hookTimeout: onPostgres ? 60_000 : 10_000,
  },
});
