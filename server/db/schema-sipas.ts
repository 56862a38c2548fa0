import type { Generated, Selectable } from 'kysely';

/**
 * SIPAS tables (issue #14, migration 0018): collection points, one-time codes, anonymous forms
 * and their counts, runs and links into the PAR index. The answer-level tables (`sipasForm`,
 * `sipasAnswer`, `sipasComment`) hold no time, no device and no address; the count tables are
 * keyed by day, hour or 10-minute slot, never by a form (docs/anonymity.md §2).
 */

/** `'par'` the PAR survey (roster, links, slips); `'sipas'` the public satisfaction survey. */
export type CampaignKind = 'par' | 'sipas';

/** How a SIPAS form arrived: a poster's QR, a one-time code, or a paper form typed in. */
export type SipasChannel = 'poster' | 'code' | 'paper';

/** A place where citizens answer, tagged with its unit (and optionally a service area). */
export interface CollectionPointTable {
  id: string;
  campaignId: string;
  /** The short public code of the poster's address `/p/<code>`. */
  code: string;
  name: string;
  unitCode: string;
  serviceArea: string | null;
  /** Opening hours, Vietnam time, 'HH:MM'. */
  opens: string;
  closes: string;
  /** Days it is open, '1,2,3,4,5' (1 = Monday … 7 = Sunday). */
  weekdays: string;
  /** Answers per device session per day; 0 = no limit. */
  dailyLimit: Generated<number>;
  position: number;
  createdAt: string;
}

export interface SipasCodeBatchTable {
  id: string;
  campaignId: string;
  pointId: string;
  size: number;
  createdAt: string;
  /** The account that made it; null from the CLI. */
  createdBy: string | null;
}

/** A one-time code: only HMAC(secret, normalised code); the code is derived, printed, not kept. */
export interface SipasCodeTable {
  codeHash: string;
  campaignId: string;
  pointId: string;
  batchId: string;
  used: Generated<number>;
}

/** An anonymous SIPAS form under a random id: no time, no device, no address. */
export interface SipasFormTable {
  id: string;
  campaignId: string;
  pointId: string;
  channel: SipasChannel;
  contentHash: string;
}

/** One chosen option (a multiple choice gives several rows). */
export interface SipasAnswerTable {
  formId: string;
  questionId: string;
  option: string;
}

/** An open comment, not linked to its form. */
export interface SipasCommentTable {
  id: string;
  campaignId: string;
  pointId: string;
  text: string;
  /** The text cleared for export; null until reviewed, '' = withheld. */
  redacted: string | null;
}

/** Answers per point × day ('YYYY-MM-DD', Vietnam time) × channel × question × option. */
export interface SipasTallyTable {
  campaignId: string;
  pointId: string;
  day: string;
  channel: SipasChannel;
  questionId: string;
  option: string;
  n: number;
}

/** Forms per point × hour ('YYYY-MM-DDTHH', Vietnam time) × channel. */
export interface SipasHourTable {
  campaignId: string;
  pointId: string;
  hour: string;
  channel: SipasChannel;
  forms: number;
  /** Forms identical to an earlier form of the same point and hour. */
  repeats: number;
  /** Forms whose every answered satisfaction element is in the scale's top levels. */
  satisfied: number;
}

/** Forms per point × 10-minute slot ('YYYY-MM-DDTHH:M0', Vietnam time). */
export interface SipasSlotTable {
  campaignId: string;
  pointId: string;
  slot: string;
  forms: number;
}

/** Ephemeral: HMAC(secret, hour + content) of this hour's forms, for repeats. */
export interface SipasRecentTable {
  pointId: string;
  hour: string;
  hash: string;
}

/** Ephemeral: answers of one device session at one point on one day (HMAC key). */
export interface SipasDeviceDayTable {
  key: string;
  day: string;
  n: number;
}

/** A spent proof-of-work challenge until it expires (0019; deleted by the minute tick). */
export interface SipasProofTable {
  id: string;
  expiresAt: string;
}

/** A receipt under HMAC(secret, point + submission id), for retries; deleted after its day. */
export interface SipasReceiptTable {
  key: string;
  receipt: string;
  day: string;
}

export interface SipasRunTable {
  id: string;
  campaignId: string;
  createdAt: string;
  createdBy: string | null;
  official: Generated<number>;
  /** JSON list of { pointId, day } left out. */
  excludedDays: string;
  /** JSON result. */
  body: string;
  fingerprint: string;
  lockedAt: string | null;
}

/** A locked SIPAS run feeding a field of a PAR campaign's total index. */
export interface SipasLinkTable {
  parCampaignId: string;
  sipasRunId: string;
  fieldCode: string;
  maxPoints: string;
  linkedAt: string;
  linkedBy: string | null;
}

export type CollectionPoint = Selectable<CollectionPointTable>;
