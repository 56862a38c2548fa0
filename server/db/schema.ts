import type { Generated, Insertable, Selectable } from 'kysely';
import type { Person } from '../../contract/console/roster';
import type {
  AuditLogTable,
  LoginAttemptTable,
  OrganisationTable,
  PaperSerialTable,
  ReminderTable,
  ScoringRunTable,
  SelfAssessmentTable,
  SessionTable,
  UserTable,
} from './schema-office';
import type {
  CampaignKind,
  CollectionPointTable,
  SipasAnswerTable,
  SipasCodeBatchTable,
  SipasCodeTable,
  SipasCommentTable,
  SipasDeviceDayTable,
  SipasFormTable,
  SipasHourTable,
  SipasLinkTable,
  SipasProofTable,
  SipasReceiptTable,
  SipasRecentTable,
  SipasRunTable,
  SipasSlotTable,
  SipasTallyTable,
} from './schema-sipas';

export * from './schema-office';
export * from './schema-sipas';

/**
 * The database as the application sees it (snake_case tables, camelCase via CamelCasePlugin).
 *
 * Anonymity rule (docs/anonymity.md §1–2): nothing on `submission`, `answer`,
 * `demographic`, `comment` or the tallies refers to an invitation or a respondent, and none of them keeps a
 * time or a sequence. Those tables are WITHOUT ROWID with random keys on SQLite, so their
 * physical order is random too. test/server/anonymity.test.ts inspects the schema for this.
 */
export interface Database {
  definition: DefinitionTable;
  unitSet: UnitSetTable;
  unit: UnitTable;
  campaign: CampaignTable;
  campaignReopening: CampaignReopeningTable;
  respondent: RespondentTable;
  invitation: InvitationTable;
  invitationEvent: InvitationEventTable;
  draft: DraftTable;
  submission: SubmissionTable;
  answer: AnswerTable;
  demographic: DemographicTable;
  comment: CommentTable;
  answerTally: AnswerTallyTable;
  formTally: FormTallyTable;
  user: UserTable;
  session: SessionTable;
  loginAttempt: LoginAttemptTable;
  auditLog: AuditLogTable;
  organisation: OrganisationTable;
  paperSerial: PaperSerialTable;
  reminder: ReminderTable;
  scoringRun: ScoringRunTable;
  selfAssessment: SelfAssessmentTable;
  pageRewrite: PageRewriteTable;
  collectionPoint: CollectionPointTable;
  sipasCodeBatch: SipasCodeBatchTable;
  sipasCode: SipasCodeTable;
  sipasForm: SipasFormTable;
  sipasAnswer: SipasAnswerTable;
  sipasComment: SipasCommentTable;
  sipasTally: SipasTallyTable;
  sipasHour: SipasHourTable;
  sipasSlot: SipasSlotTable;
  sipasRecent: SipasRecentTable;
  sipasDeviceDay: SipasDeviceDayTable;
  sipasProof: SipasProofTable;
  sipasReceipt: SipasReceiptTable;
  sipasRun: SipasRunTable;
  sipasLink: SipasLinkTable;
}

/** The last rebuild of the file in key order (server/db/rewrite.ts); one row, id 1. */
export interface PageRewriteTable {
  id: number;
  rewrittenAt: string;
  submissions: number;
  tookMs: number;
}

export interface DefinitionTable {
  id: string;
  code: string;
  version: number;
  name: string;
  /** The whole definition as JSON; rows are never changed once a campaign uses them. */
  body: string;
  createdAt: string;
}

export interface UnitSetTable {
  id: string;
  code: string;
  name: string;
  validFrom: string;
}

export interface UnitTable {
  unitSetId: string;
  code: string;
  name: string;
  kind: string;
  parentCode: string | null;
  /** The General Statistics Office's code, when the unit has one. */
  officialCode: string | null;
  /** The former district ("Huyện Hớn Quản (cũ)") the form groups the unit by. */
  area: string | null;
  /** Order in which the office lists its units. */
  position: number;
}

export interface CampaignTable {
  id: string;
  name: string;
  definitionId: string;
  unitSetId: string;
  /** ISO 8601 UTC; the campaign is open from `opensAt` until `closesAt`. */
  opensAt: string | null;
  closesAt: string | null;
  contactName: string | null;
  contactPhone: string | null;
  createdAt: string;
  /** Response-rate target, percent, shown against each group × unit. */
  targetRate: number | null;
  /** When the roster's names, phones and e-mails were erased; counts and statuses stay. */
  personalDataPurgedAt: string | null;
  /** The organisation it belongs to (issue #12); the root's when made before organisations. */
  organisationId: Generated<string>;
  /** When a closed campaign was archived: hidden from the default list (issue #13.14). */
  archivedAt: string | null;
  /** `'par'` (roster, links, PAR scoring) or `'sipas'` (public, collection points; issue #14). */
  kind: Generated<CampaignKind>;
}

/**
 * A closed campaign opened again: when, and the end it replaced. `campaign.opensAt` stays the
 * first opening, so the periods it was open are opensAt → first closedAt, reopenedAt → next…
 */
export interface CampaignReopeningTable {
  campaignId: string;
  reopenedAt: string;
  closedAt: string;
}

export type InvitationStatus = 'not_opened' | 'opened' | 'in_progress' | 'submitted' | 'revoked';

/** A person of the roster: the fields of contract/console/roster.ts `Person`, and where and when. */
export interface RespondentTable extends Person {
  id: string;
  campaignId: string;
  createdAt: string;
}

export interface InvitationTable {
  id: string;
  campaignId: string;
  respondentId: string;
  /** Random; the link's token is HMAC(APP_SECRET, nonce), so the database alone cannot make it. */
  tokenNonce: string;
  /** SHA-256 of the token: how a request finds its invitation. */
  tokenHash: string;
  status: InvitationStatus;
  /** Status changes (response-over-time charts come from here, never from submissions). */
  openedAt: string | null;
  startedAt: string | null;
  submittedAt: string | null;
  revokedAt: string | null;
  /** Proof of arrival given to the respondent; random, says nothing of the answers. */
  receipt: string | null;
  /** HMAC of the submitted body with its submissionId: recognises a retried submit. */
  submitHash: string | null;
  createdAt: string;
  /** HMAC of the short code typed on the home page instead of scanning (derived like the token). */
  shortCodeHash: string | null;
  /**
   * HMACs of the claim given to the first device that opened the link, and of its resume code;
   * null until the link is opened (and again after a reissue). Without one, no call is answered.
   */
  claimHash: Generated<string | null>;
  resumeHash: Generated<string | null>;
  /** Wrong claims sent on this link, ever (reset by a reissue): guessing is slowed per link. */
  claimFailures: Generated<number>;
  /** Typed resume codes are refused until then, after too many wrong ones. */
  claimLockedUntil: Generated<string | null>;
}

export interface InvitationEventTable {
  id: Generated<number>;
  invitationId: string;
  status: InvitationStatus;
  at: string;
}

export interface DraftTable {
  invitationId: string;
  /** AES-256-GCM under a key derived from the link's token and its resume code (HKDF). */
  iv: string;
  ciphertext: string;
}

export interface SubmissionTable {
  id: string;
  campaignId: string;
  groupCode: string;
  /** SHA-256 over the submission's id and answers: what scoring-run fingerprints are made of. */
  contentHash: string;
}

export interface AnswerTable {
  submissionId: string;
  campaignId: string;
  groupCode: string;
  questionnaireId: string;
  questionId: string;
  unitCode: string;
  option: string;
}

export interface DemographicTable {
  submissionId: string;
  key: string;
  value: string;
}

/** Running count of answers per unit × question × group × option, kept on submit. */
export interface AnswerTallyTable {
  campaignId: string;
  unitCode: string;
  questionnaireId: string;
  questionId: string;
  groupCode: string;
  option: string;
  n: number;
  /** Which part of the count (0–15 on PostgreSQL, always 0 on SQLite): readers sum the parts. */
  part: Generated<number>;
}

/** Running count of forms with a valid answer per unit × criterion × group, kept on submit. */
export interface FormTallyTable {
  campaignId: string;
  unitCode: string;
  criterionCode: string;
  groupCode: string;
  n: number;
  /** As `AnswerTallyTable.part`. */
  part: Generated<number>;
}

/** Free text is kept apart from the answers, with no link to the submission. */
export interface CommentTable {
  id: string;
  campaignId: string;
  groupCode: string;
  questionnaireId: string;
  text: string;
  /** The text an analyst cleared for export, names blanked; null until reviewed, '' = withheld. */
  redactedText: string | null;
}

export type Campaign = Selectable<CampaignTable>;
export type Invitation = Selectable<InvitationTable>;
export type Respondent = Selectable<RespondentTable>;
export type NewRespondent = Insertable<RespondentTable>;
