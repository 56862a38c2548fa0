import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'vite';

/** The peer page's sources: one HTML entry and its script (bench/peer/client/). */
export const PEER_CLIENT_ROOT = resolve(import.meta.dirname, 'client');

/**
 * Builds the SurveyJS page as the product's form is built (vite.config.ts): the project's vite,
 * one HTML entry, target es2019, minified (vite's default), no module-preload polyfill, assets
 * hashed under /assets. Inline config only: vite.config.ts and dist/client stay untouched.
 * Returns the build's HTML file.
 */
export async function buildPeerClient(outDir: string): Promise<string> {
  await build({
    configFile: false,
    root: PEER_CLIENT_ROOT,
    base: '/',
    publicDir: false,
    logLevel: 'warn',
    build: {
      outDir,
      emptyOutDir: true,
      target: 'es2019',
      modulePreload: { polyfill: false },
      // SurveyJS is one large chunk: no need to hear about it, it is what is being measured.
      chunkSizeWarningLimit: 10_000,
      rollupOptions: { input: join(PEER_CLIENT_ROOT, 'index.html') },
    },
  });
  const html = join(outDir, 'index.html');
  if (!existsSync(html)) throw new Error(`the SurveyJS page's build wrote no ${html}`);
  return html;
}
