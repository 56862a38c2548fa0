import { Hono } from 'hono';
import type { Definition } from '../../questionnaires';
import { campaignPhase } from '../campaigns/phase';
import { findCampaign, findDefinition, listUnits } from '../campaigns/queries';
import type { Config } from '../config';
import type { Db } from '../db/connect';
import { ApiError, notFound } from '../errors';
import { readJson } from '../http';
import { canonicalJson, openDraft, sealDraft, submitHash, tokenHash } from '../secrets';
import { Draft, type QuestionnaireView, SubmitBody, type SurveyView } from './contract';
import {
  advanceStatus,
  findDraft,
  findInvitationByTokenHash,
  findRespondentGroup,
  saveDraft,
} from './queries';
import { storeSubmission } from './submit';
import { checkAnswers } from './validate';
import { questionnairesFor } from './view';

interface Deps {
  db: Db;
  config: Pick<Config, 'secret'>;
}

/** Everything a request on a personal link needs, or 404 for an unknown token. */
async function loadLink(db: Db, token: string) {
  const invitation = await findInvitationByTokenHash(db, tokenHash(token));
  if (!invitation) throw notFound();
  const campaign = await findCampaign(db, invitation.campaignId);
  const respondent = await findRespondentGroup(db, invitation.respondentId);
  const definition = campaign && (await findDefinition(db, campaign.definitionId));
  if (!campaign || !respondent || !definition) throw notFound();
  return { invitation, campaign, definition, groupCode: respondent.groupCode };
}

type Link = Awaited<ReturnType<typeof loadLink>>;

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

async function questionnaireViews(db: Db, link: Link): Promise<QuestionnaireView[]> {
  const units = await listUnits(db, link.campaign.unitSetId);
  return questionnairesFor(link.definition, link.groupCode, units);
}

function demographicsAsked(definition: Definition, views: QuestionnaireView[]) {
  const asked = views.some(
    (v) => definition.questionnaires.find((q) => q.id === v.id)?.demographics,
  );
  return asked ? definition.demographics : [];
}

/** `/api/s/<token>`: the respondent's API, exactly as `shared/contract.md` fixes it. */
export function respondentRoutes({ db, config }: Deps) {
  const app = new Hono();

  app.get('/:token', async (c) => {
    const token = c.req.param('token');
    const link = await loadLink(db, token);
    const { invitation, campaign, definition } = link;
    if (invitation.status === 'revoked') throw notFound();
    const now = new Date();
    if (invitation.status !== 'submitted') {
      const phase = campaignPhase(campaign, now);
      if (phase === 'not_open') throw new ApiError(403, 'not_open', 'Đợt khảo sát chưa bắt đầu.');
      if (phase === 'closed') throw new ApiError(410, 'closed', 'Đợt khảo sát đã kết thúc.');
      await advanceStatus(db, invitation.id, 'opened', now.toISOString());
    }
    const views = await questionnaireViews(db, link);
    const sealed =
      invitation.status === 'submitted' ? undefined : await findDraft(db, invitation.id);
    const group = definition.groups.find((g) => g.code === link.groupCode);
    const body: SurveyView = {
      campaign: {
        id: campaign.id,
        name: campaign.name,
        closesAt: campaign.closesAt,
        contact:
          campaign.contactPhone || campaign.contactName
            ? { name: campaign.contactName ?? '', phone: campaign.contactPhone ?? '' }
            : null,
      },
      group: { code: link.groupCode, name: group?.name ?? link.groupCode },
      status: invitation.status === 'submitted' ? 'submitted' : 'open',
      ...(invitation.receipt ? { receipt: invitation.receipt } : {}),
      questionnaires: views,
      demographics: demographicsAsked(definition, views),
      draft: sealed ? (JSON.parse(openDraft(token, sealed)) as Draft) : null,
    };
    return c.json(body, 200, { 'Cache-Control': 'no-store' });
  });

  app.put('/:token/draft', async (c) => {
    const token = c.req.param('token');
    const link = await loadLink(db, token);
    requireAnswerable(link, new Date());
    const draft = await readJson(c.req.raw, Draft);
    await saveDraft(db, link.invitation.id, sealDraft(token, JSON.stringify(draft)));
    await advanceStatus(db, link.invitation.id, 'in_progress', new Date().toISOString());
    return c.body(null, 204);
  });

  app.post('/:token/submit', async (c) => {
    const token = c.req.param('token');
    const body = await readJson(c.req.raw, SubmitBody);
    const invitation = await findInvitationByTokenHash(db, tokenHash(token));
    if (!invitation) throw notFound();
    // A retry of the same submit gets the same receipt, whatever happened since (closed, revoked).
    const hash = submitHash(config.secret, canonicalJson(body));
    if (invitation.submitHash === hash && invitation.receipt)
      return c.json({ receipt: invitation.receipt }, 200);
    const link = await loadLink(db, token);
    const now = new Date();
    requireAnswerable(link, now);
    const views = await questionnaireViews(db, link);
    const problems = checkAnswers(body, views, link.definition);
    if (problems.length > 0) {
      throw new ApiError(
        422,
        'invalid_answers',
        `Phiếu còn ${problems.length} chỗ chưa hợp lệ.`,
        problems,
      );
    }
    try {
      const { receipt } = await storeSubmission(
        db,
        link.invitation,
        link.groupCode,
        body,
        hash,
        now,
      );
      return c.json({ receipt }, 201);
    } catch (err) {
      // Two identical submits racing: the loser answers as a retry would.
      if (err instanceof ApiError && err.code === 'already_submitted') {
        const again = await findInvitationByTokenHash(db, tokenHash(token));
        if (again?.submitHash === hash && again.receipt)
          return c.json({ receipt: again.receipt }, 200);
      }
      throw err;
    }
  });

  return app;
}
