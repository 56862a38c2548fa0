/** Escapes text for HTML: nothing an officer types (quotes, `<script>`) can break a page. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
