import { questionnairesFor } from '../../contract/questionnaires-for';
import type { QuestionnaireView, SurveyView } from '../../contract/respondent';
import { normaliseResumeCode, resumeCodeOf } from '../../contract/resume-code';
import { findCampaign, findDefinition, listUnits } from '../campaigns/queries';
import type { Db } from '../db/connect';
import { claimHash, newClaim, resumeHash, tokenHash } from '../secrets';
import {
  advanceStatus,
  claimInvitation,
  findInvitationByTokenHash,
  findRespondentGroup,
} from './queries';

/** Everything a request on a personal link needs, or null for an unknown token. */
export async function findLink(db: Db, token: string) {
  const invitation = await findInvitationByTokenHash(db, tokenHash(token));
  if (!invitation) return null;
  const campaign = await findCampaign(db, invitation.campaignId);
  const respondent = await findRespondentGroup(db, invitation.respondentId);
  const definition = campaign && (await findDefinition(db, campaign.definitionId));
  if (!campaign || !respondent || !definition) return null;
  return { invitation, campaign, definition, groupCode: respondent.groupCode };
}

export type Link = NonNullable<Awaited<ReturnType<typeof findLink>>>;

// Definitions and unit sets never change once stored, so the views built from them can be kept.
const viewCache = new Map<string, QuestionnaireView[]>();

/** The questionnaires of the link's group, built from the pinned definition and unit set. */
export async function questionnaireViews(db: Db, link: Link): Promise<QuestionnaireView[]> {
  const key = `${link.campaign.definitionId}\u0000${link.campaign.unitSetId}\u0000${link.groupCode}`;
  let views = viewCache.get(key);
  if (!views) {
    views = questionnairesFor(
      link.definition,
      link.groupCode,
      await listUnits(db, link.campaign.unitSetId),
    );
    viewCache.set(key, views);
  }
  return views;
}

/** The campaign and group as the respondent sees them. */
export function campaignView({ campaign, definition, groupCode }: Link) {
  const group = definition.groups.find((g) => g.code === groupCode);
  return {
    campaign: {
      id: campaign.id,
      name: campaign.name,
      closesAt: campaign.closesAt,
      contact:
        campaign.contactPhone || campaign.contactName
          ? { name: campaign.contactName ?? '', phone: campaign.contactPhone ?? '' }
          : null,
    },
    group: { code: groupCode, name: group?.name ?? groupCode },
  } satisfies Pick<SurveyView, 'campaign' | 'group'>;
}

/**
 * The first open of a link never opened (the caller checked it is unclaimed, not submitted and
 * its campaign open): it becomes the opener's, whose claim is given this once (docs/contract.md
 * §5); only HMACs of the claim and of its resume code are stored. Null when another open won.
 */
export async function claimFirstOpen(db: Db, secret: string, link: Link, now: Date) {
  const { invitation } = link;
  const claim = newClaim();
  const code = normaliseResumeCode(resumeCodeOf(claim)) ?? '';
  const won = await claimInvitation(db, invitation.id, {
    claimHash: claimHash(secret, invitation.id, claim),
    resumeHash: resumeHash(secret, invitation.id, code),
  });
  if (!won) return null;
  await advanceStatus(db, invitation.id, 'opened', now.toISOString());
  return { claim, code };
}
