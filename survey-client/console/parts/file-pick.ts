/**
 * On a file field's click: forget the file chosen last, so that choosing the same file again
 * (fixed in Excel and saved under the same name) is a change and is read again; a browser fires
 * no change for the file it already holds (qa9). The file already read stays with the screen.
 */
export const pickAgain = (e: Event) => {
  (e.currentTarget as HTMLInputElement).value = '';
};
