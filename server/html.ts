import { pipeline, Readable } from 'node:stream';
import { createGzip } from 'node:zlib';

/** Escapes text for HTML: nothing an officer types (quotes, `<script>`) can break a page. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/**
 * The one script of the printable pages (QR slips, paper forms): their "In (A4)" button prints.
 * Inline, allowed by its hash in the Content-Security-Policy (server/static.ts), never by
 * 'unsafe-inline': an inline handler (`onclick="print()"`) would need it.
 */
export const PRINT_SCRIPT =
  "document.querySelector('[data-print]').addEventListener('click',function(){print()})";

/** The printable pages' "In (A4)" button and the script that makes it print. */
export const printButton = () =>
  `<button type="button" data-print>In (A4)</button><script>${PRINT_SCRIPT}</script>`;

/** Whether an Accept-Encoding header takes gzip (listed, or `*`, with a q above 0). */
export function acceptsGzip(header: string | undefined): boolean {
  return (header ?? '').split(',').some((part) => {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return (name === 'gzip' || name === '*') && (q === undefined || Number(q.slice(2)) > 0);
  });
}

/** The parts one after the other, letting the event loop turn between them. */
async function* paced(parts: Iterable<string>): AsyncGenerator<Buffer> {
  for (const part of parts) {
    yield Buffer.from(part);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

/**
 * A long printable page (5,000 QR slips: 12 MB) sent while it is made: each part goes out as soon
 * as it is ready, gzipped at level 1 on libuv's threads (the default level took as long as making
 * the page, for a page a third smaller), so making, compressing and sending overlap, and other
 * requests (a respondent's submit) are served between parts instead of waiting for the whole
 * page. Never stored by a browser or a proxy: the page holds personal links.
 */
export function streamHtml(
  parts: Iterable<string>,
  acceptEncoding: string | undefined,
): { body: ReadableStream; headers: Record<string, string> } {
  const source = Readable.from(paced(parts));
  const gzip = acceptsGzip(acceptEncoding);
  const body = gzip ? pipeline(source, createGzip({ level: 1 }), () => {}) : source;
  return {
    body: Readable.toWeb(body) as ReadableStream,
    headers: {
      'Content-Type': 'text/html; charset=UTF-8',
      'Cache-Control': 'no-store',
      Vary: 'Accept-Encoding',
      ...(gzip ? { 'Content-Encoding': 'gzip' } : {}),
    },
  };
}
