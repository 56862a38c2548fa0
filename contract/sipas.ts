import { z } from 'zod';
import { MAX_SIPAS_ANSWERS, MAX_SIPAS_COMMENT, type SipasSubmit } from './sipas-view';

/** The SIPAS form's bodies checked at the edge (the types: contract/sipas-view.ts). */
export * from './sipas-view';

const OptionCode = z.string().min(1).max(16);

export const SipasSubmitBody = z
  .object({
    /** Made by the form once per answer: a retry with it is recognised and counted once. */
    submissionId: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
    /** question id → the option chosen, or the options of a multiple choice. */
    answers: z
      .record(z.string().min(1).max(64), z.union([OptionCode, z.array(OptionCode).max(20)]))
      .refine((a) => Object.keys(a).length <= MAX_SIPAS_ANSWERS, {
        message: `Tối đa ${MAX_SIPAS_ANSWERS} câu trả lời.`,
      }),
    comment: z.string().max(MAX_SIPAS_COMMENT).optional(),
    /** The solved challenge; without it the answer is refused (400 `proof_required`). */
    proof: z.object({ challenge: z.string().max(400), nonce: z.string().max(40) }).optional(),
    /** A one-time code handed out with a dossier's receipt (`ABCD-EFGH`). */
    code: z.string().max(40).optional(),
  })
  .strict();
export type SipasSubmitBody = z.infer<typeof SipasSubmitBody>;

/** The zod-free type the form builds its body with is this very shape (checked by tsc). */
type Same<T extends true> = T;
export type SubmitShapesAgree = Same<SipasSubmitBody extends SipasSubmit ? true : false>;

export const SipasReceipt = z.object({ receipt: z.string() });
export type SipasReceipt = z.infer<typeof SipasReceipt>;
