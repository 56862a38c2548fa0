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
