import { z } from 'zod';
import { Answer } from '../respondent';

/** Paper forms: a returned stub, and the answers read off a returned sheet. */
export const Stub = z.strictObject({ code: z.string().min(1).max(40) });
export type Stub = z.infer<typeof Stub>;

const Texts = z.record(z.string().max(64), z.string().max(4000));
/** The answers read off a paper form, as an online submit sends them, under the sheets' serial. */
export const PaperEntry = z.strictObject({
  serial: z.string().min(1).max(40),
  answers: z.array(Answer).max(2000),
  comments: Texts.optional(),
  demographics: Texts.optional(),
});
export type PaperEntry = z.infer<typeof PaperEntry>;

/** `POST /api/campaigns/:id/paper/stubs`: who the stub was; their link now counts as submitted. */
export const StubReply = z.object({
  id: z.string(),
  name: z.string(),
  group: z.string(),
  unit: z.string(),
  status: z.literal('submitted'),
  receipt: z.string(),
});
export type StubReply = z.infer<typeof StubReply>;

/** A printed serial and its sheets' group; nothing of any answer. */
export const PrintedSerial = z.object({
  serial: z.string(),
  groupCode: z.string(),
  group: z.string(),
});
export type PrintedSerial = z.infer<typeof PrintedSerial>;

/** `GET /api/campaigns/:id/paper/serials/:serial`: whether it was already entered. */
export const SerialLookup = PrintedSerial.extend({ entered: z.boolean() });
export type SerialLookup = z.infer<typeof SerialLookup>;

/** `POST /api/campaigns/:id/paper/entries` (201): the entered serial. */
export const EntryReply = PrintedSerial;
export type EntryReply = PrintedSerial;
