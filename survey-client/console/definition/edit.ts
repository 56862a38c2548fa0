import type { Definition } from '../../../questionnaires/schema';

/** What every part of the definition editor gets. */
export interface EditProps {
  def: Definition;
  /** False once the campaign has opened: everything is shown as text. */
  editable: boolean;
  /** Changes the draft (a copy is made first: the loaded definition is never touched). */
  edit: (change: (d: Definition) => void) => void;
  /** The server's messages for a place (see paths.ts: locate). */
  problemsAt: (key: string) => string[];
}

/** A deep copy of plain JSON (the definition is JSON end to end). */
export const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** "Phiếu số 01: Dành cho …" → "Phiếu số 01". */
export const shortTitle = (title: string) => title.split(':')[0]?.trim() || title;
