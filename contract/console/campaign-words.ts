/**
 * Words about a campaign's life that the server and the console both say. Constants only, no zod:
 * the console takes them as they are.
 */

/** An end not in the future, refused by `POST …/open`, `cli campaign open --until` and the
 * console's reopen question alike. */
export const END_NOT_AHEAD = 'Thời điểm kết thúc phải sau lúc mở: hãy chọn một thời điểm sắp tới.';
