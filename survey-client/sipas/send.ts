import type { SipasReceiptBody, SipasSubmit } from '../../contract/sipas-view';
import type { Proof } from '../shared/pow';
import { call, isTransient, type Reply, retryDelay, sipasPath } from './api';

/** The server refused the proof (expired while the person answered, spent, or from another page). */
const STALE_PROOF = new Set(['proof_expired', 'proof_used', 'proof_invalid', 'proof_required']);

/**
 * Sends one answer until the server gives a definite reply: on no network or 5xx the same body
 * again (the same submissionId: counted once), after a backoff; on a stale proof once more with
 * a fresh one (`proofFor(true)` fetches a new challenge and solves it).
 */
export async function sendAnswer(
  pointCode: string,
  body: Omit<SipasSubmit, 'proof'>,
  proofFor: (fresh: boolean) => Promise<Proof>,
  onWaiting: () => void,
  wait = (ms: number) => new Promise<void>((ok) => setTimeout(ok, ms)),
): Promise<Reply<SipasReceiptBody>> {
  let proof = await proofFor(false);
  let renewed = false;
  for (let attempt = 0; ; ) {
    const reply = await call<SipasReceiptBody>('POST', sipasPath(pointCode, '/submit'), {
      ...body,
      proof,
    });
    if (reply.status === 400 && STALE_PROOF.has(reply.error?.code ?? '') && !renewed) {
      renewed = true;
      proof = await proofFor(true);
      continue;
    }
    if (!isTransient(reply.status) || reply.error?.code === 'device_limit') return reply;
    onWaiting();
    await wait(retryDelay(attempt++));
  }
}
