import { Hono } from 'hono';
import {
  Draft,
  type QuestionnaireView,
  SubmitBody,
  type SurveyView,
} from '../../contract/respondent';
import { CLAIM_FORMAT, normaliseResumeCode, resumeCodeOf } from '../../contract/resume-code';
import type { Definition } from '../../questionnaires';
import { campaignPhase } from '../campaigns/phase';
import type { Config } from '../config';
import type { Db } from '../db/connect';
import { ApiError, notFound } from '../errors';
import { readJson } from '../http';
import {
  claimHash,
  draftKey,
  openDraft,
  resumeHash,
  sameHash,
  sealDraft,
  submitHash,
  tokenHash,
} from '../secrets';
import { canonicalSubmitBody } from './canonical';
import { campaignView, claimFirstOpen, findLink, type Link, questionnaireViews } from './link';
import {
  advanceStatus,
  findDraft,
  findInvitationByTokenHash,
  recordClaimFailure,
  saveDraft,
} from './queries';
import { criterionMap, storeSubmission } from './submit';
import { requireValidAnswers } from './validate';

const MAX_SUBMITS_IN_FLIGHT = 32;

interface Deps {
  db: Db;
  config: Pick<Config, 'secret'>;
}

/** Everything a request on a personal link needs, or 404 for an unknown token. */
async function loadLink(db: Db, token: string): Promise<Link> {
  const link = await findLink(db, token);
  if (!link) throw notFound();
  return link;
}

/** Refuses a link that is revoked, used, or outside its campaign's open window. */
function requireAnswerable({ invitation, campaign }: Link, now: Date) {
  if (invitation.status === 'revoked') throw notFound();
  if (invitation.status === 'submitted') {
    throw new ApiError(409, 'already_submitted', 'Phiếu của đường dẫn này đã được gửi trước đó.');
  }
  const phase = campaignPhase(campaign, now);
  if (phase === 'not_open') throw new ApiError(403, 'not_open', 'Đợt khảo sát chưa bắt đầu.');
  if (phase === 'closed') throw new ApiError(410, 'closed', 'Đợt khảo sát đã kết thúc.');
}

/** The header every call after the claiming GET carries: the claim, or the resume code typed. */
export const CLAIM_HEADER = 'X-Claim';

const CLAIMED_MESSAGE =
  'Đường dẫn này đã được mở trên một thiết bị khác. Nếu đó là Ông/Bà, xin nhập mã tiếp tục ' +
  'hiện trên thiết bị đó để làm tiếp. Nếu Ông/Bà chưa từng mở đường dẫn này thì đã có người ' +
  'khác mở trước: xin liên hệ cơ quan đã gửi đường dẫn để được cấp đường dẫn mới.';

/** 403 `claimed`: nothing of the campaign, the draft or any answer, whoever asks. */
const claimedError = () => new ApiError(403, 'claimed', CLAIMED_MESSAGE);

/**
 * Checks the claim a call carries (`X-Claim`: the claim itself, or the resume code as typed) and
 * returns the resume code, from which the draft key is made. Wrong ones are counted per link;
 * past the free ones, typed codes are refused for a while. The full claim (160 bits) is always
 * checked, so the device that opened the link is never locked out by someone guessing.
 */
async function requireClaim(db: Db, secret: string, link: Link, header: string | undefined) {
  const { invitation } = link;
  const sent = header?.trim().slice(0, 100);
  if (!invitation.claimHash || !sent) throw claimedError();
  const now = new Date();
  let code: string | null;
  let ok = false;
  if (CLAIM_FORMAT.test(sent)) {
    code = normaliseResumeCode(resumeCodeOf(sent));
    ok = sameHash(claimHash(secret, invitation.id, sent), invitation.claimHash);
  } else {
    code = normaliseResumeCode(sent);
    const lockedUntil = invitation.claimLockedUntil ? Date.parse(invitation.claimLockedUntil) : 0;
    if (code && lockedUntil > now.getTime()) {
      const minutes = Math.ceil((lockedUntil - now.getTime()) / 60_000);
      throw new ApiError(
        403,
        'claimed',
        `${CLAIMED_MESSAGE} Mã tiếp tục đã bị nhập sai quá nhiều lần: xin thử lại sau khoảng ${minutes} phút.`,
        { retryAfter: Math.ceil((lockedUntil - now.getTime()) / 1000) },
      );
    }
    ok = code !== null && sameHash(resumeHash(secret, invitation.id, code), invitation.resumeHash);
  }
  if (!ok || !code) {
    await recordClaimFailure(db, invitation.id, now);
    throw claimedError();
  }
  return code;
}

function demographicsAsked(definition: Definition, views: QuestionnaireView[]) {
  const asked = views.some(
    (v) => definition.questionnaires.find((q) => q.id === v.id)?.demographics,
  );
  return asked ? definition.demographics : [];
}

/** `/api/s/<token>`: the respondent's API, exactly as docs/contract.md §4–5 fixes it. */
export function respondentRoutes({ db, config }: Deps) {
  const app = new Hono();

  app.get('/:token', async (c) => {
    const token = c.req.param('token');
    const link = await loadLink(db, token);
    const { invitation, campaign, definition } = link;
    if (invitation.status === 'revoked') throw notFound();
    const now = new Date();
    const submitted = invitation.status === 'submitted';
    const checkPhase = () => {
      const phase = campaignPhase(campaign, now);
      if (phase === 'not_open') throw new ApiError(403, 'not_open', 'Đợt khảo sát chưa bắt đầu.');
      if (phase === 'closed') throw new ApiError(410, 'closed', 'Đợt khảo sát đã kết thúc.');
    };
    let claim: string | undefined;
    let code: string | undefined;
    if (invitation.claimHash) {
      code = await requireClaim(db, config.secret, link, c.req.header(CLAIM_HEADER));
      if (!submitted) checkPhase();
    } else if (!submitted) {
      // The first open of the link: it becomes this device's, whose claim is given this once.
      checkPhase();
      const first = await claimFirstOpen(db, config.secret, link, now);
      if (!first) throw claimedError();
      ({ claim, code } = first);
    }
    // An unclaimed used link (a paper stub) has nothing to protect: its status, as before.
    const views = await questionnaireViews(db, link);
    const sealed = submitted || claim || !code ? undefined : await findDraft(db, invitation.id);
    const body: SurveyView = {
      ...campaignView(link),
      status: submitted ? 'submitted' : 'open',
      ...(invitation.receipt ? { receipt: invitation.receipt } : {}),
      ...(claim ? { claim } : {}),
      questionnaires: views,
      demographics: demographicsAsked(definition, views),
      draft:
        sealed && code ? (JSON.parse(openDraft(draftKey(token, code), sealed)) as Draft) : null,
    };
    return c.json(body, 200, { 'Cache-Control': 'no-store' });
  });

  app.put('/:token/draft', async (c) => {
    const token = c.req.param('token');
    const link = await loadLink(db, token);
    if (link.invitation.status === 'revoked') throw notFound();
    const code = await requireClaim(db, config.secret, link, c.req.header(CLAIM_HEADER));
    requireAnswerable(link, new Date());
    const draft = await readJson(c.req.raw, Draft);
    const sealed = sealDraft(draftKey(token, code), JSON.stringify(draft));
    await saveDraft(db, link.invitation.id, sealed);
    await advanceStatus(db, link.invitation.id, 'in_progress', new Date().toISOString());
    return c.body(null, 204);
  });

  // Load shedding: past this many submits in flight, answer 503 at once instead of queueing
  // without bound; the form keeps the answers and retries with the same submissionId. Only
  // validated work counts (a whole, well-formed body for a known link): a client trickling its
  // body a byte at a time holds no slot, and the server's timeouts cut it off (server/listen.ts).
  let inFlight = 0;

  app.post('/:token/submit', (c) =>
    submit(c.req.param('token'), c.req.raw, c.req.header(CLAIM_HEADER), () =>
      c.header('Retry-After', '2'),
    ),
  );

  async function submit(
    token: string,
    req: Request,
    claim: string | undefined,
    retryLater: () => void,
  ) {
    // The claim before the body: whoever holds only the printed link is refused unread.
    const link = await loadLink(db, token);
    if (link.invitation.status === 'revoked') throw notFound();
    await requireClaim(db, config.secret, link, claim);
    const body = await readJson(req, SubmitBody);
    if (inFlight >= MAX_SUBMITS_IN_FLIGHT) {
      retryLater();
      throw new ApiError(
        503,
        'busy',
        'Máy chủ đang bận. Câu trả lời vẫn được giữ trên máy; phiếu sẽ tự gửi lại.',
      );
    }
    inFlight++;
    try {
      return await validatedSubmit(token, body, link);
    } finally {
      inFlight--;
    }
  }

  async function validatedSubmit(token: string, body: SubmitBody, link: Link) {
    // A retry of the same submit gets the same receipt, whatever happened since (closed, revoked).
    const hash = submitHash(config.secret, canonicalSubmitBody(body));
    const { invitation } = link;
    if (invitation.submitHash === hash && invitation.receipt)
      return Response.json({ receipt: invitation.receipt });
    const now = new Date();
    requireAnswerable(link, now);
    const views = await questionnaireViews(db, link);
    requireValidAnswers(body, views, link.definition);
    try {
      const criteria = criterionMap(link.definition);
      const { receipt } = await storeSubmission(
        db,
        invitation,
        link.groupCode,
        body,
        hash,
        criteria,
        now,
      );
      return Response.json({ receipt }, { status: 201 });
    } catch (err) {
      // Two identical submits racing: the loser answers as a retry would.
      if (err instanceof ApiError && err.code === 'already_submitted') {
        const again = await findInvitationByTokenHash(db, tokenHash(token));
        if (again?.submitHash === hash && again.receipt)
          return Response.json({ receipt: again.receipt });
      }
      throw err;
    }
  }

  return app;
}
