import { build } from 'esbuild';
import { chromium } from 'playwright-core';

/**
 * What the SIPAS proof of work costs a phone (issue #14.3): the form's own solver
 * (survey-client/shared/pow.ts) in Debian's Chromium with the CPU slowed four times (DevTools'
 * "low-end mobile"), against `subtle.digest` a nonce at a time (what the console's sign-in used).
 * Solving time is geometric (mean 2^bits tries), so the rate is measured and the mean and the
 * 90th percentile (ln 10 × mean) are derived from it.
 */
export interface PowCost {
  throttle: number;
  /** Tries a second: the form's solver, and Web Crypto a nonce at a time. */
  rate: number;
  webCryptoRate: number;
  byBits: { bits: number; meanS: number; p90S: number }[];
}

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function measurePow(throttle = 4, tries = 200_000): Promise<PowCost> {
  const bundle = await build({
    entryPoints: [new URL('../survey-client/shared/pow.ts', import.meta.url).pathname],
    bundle: true,
    write: false,
    format: 'iife',
    globalName: 'pow',
    target: 'es2019',
  });
  const code = bundle.outputFiles[0]?.text ?? '';
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    const page = await browser.newPage();
    // A secure context (Web Crypto needs one): localhost, answered here without a server.
    await page.route('http://localhost/pow', (route) =>
      route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>pow</title>' }),
    );
    await page.goto('http://localhost/pow');
    await page.addScriptTag({ content: code });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
    // A challenge of the real length (server/auth/proof.ts), at a difficulty never met.
    const challenge = `v1.sipas.${'a'.repeat(16)}.60.${Date.now() + 600_000}.${'b'.repeat(16)}.${'c'.repeat(43)}`;
    // As the form runs it: chunks of tries with a yield to the browser between them.
    const rate = await page.evaluate(
      async ([ch, n]) => {
        const w = window as unknown as {
          pow: { solver: (c: string) => (f: number, k: number) => string | null };
        };
        const t = w.pow.solver(ch as string);
        t(0, 5000);
        const start = performance.now();
        for (let from = 5000; from < 5000 + (n as number); from += 2048) {
          t(from, 2048);
          await new Promise((ok) => setTimeout(ok, 0));
        }
        return (n as number) / ((performance.now() - start) / 1000);
      },
      [challenge, tries] as const,
    );
    const webCryptoRate = await page.evaluate(async (ch) => {
      const enc = new TextEncoder();
      const n = 4096;
      const start = performance.now();
      for (let i = 0; i < n; i += 256) {
        await Promise.all(
          Array.from({ length: 256 }, (_, j) =>
            crypto.subtle.digest('SHA-256', enc.encode(`${ch}:${(i + j).toString(36)}`)),
          ),
        );
      }
      return n / ((performance.now() - start) / 1000);
    }, challenge);
    const byBits = [12, 13, 14, 15, 16, 17].map((bits) => ({
      bits,
      meanS: 2 ** bits / rate,
      p90S: (Math.LN10 * 2 ** bits) / rate,
    }));
    return { throttle, rate, webCryptoRate, byBits };
  } finally {
    await browser.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const cost = await measurePow(Number(process.env.THROTTLE ?? 4));
  console.log(JSON.stringify(cost, null, 2));
}
