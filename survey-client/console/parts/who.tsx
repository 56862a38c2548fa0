/** Whose row a repeated button acts on, for screen readers ("Thu hồi — Nguyễn Văn An"). */
export const Who = ({ name }: { name: string }) => <span class="sr-only"> — {name}</span>;
