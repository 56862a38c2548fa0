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
