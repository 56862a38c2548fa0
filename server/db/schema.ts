import type { Generated, Insertable, Selectable } from 'kysely';

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
  paperSerial: PaperSerialTable;
  reminder: ReminderTable;
  scoringRun: ScoringRunTable;
  selfAssessment: SelfAssessmentTable;
  pageRewrite: PageRewriteTable;
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
}

export type InvitationStatus = 'not_opened' | 'opened' | 'in_progress' | 'submitted' | 'revoked';

export interface RespondentTable {
  id: string;
  campaignId: string;
  name: string;
  groupCode: string;
  /** The unit the response rate is tracked against (offices, communes); null for free text. */
  unitCode: string | null;
  workplace: string | null;
  position: string | null;
  phone: string | null;
  email: string | null;
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
}

/** Running count of forms with a valid answer per unit × criterion × group, kept on submit. */
export interface FormTallyTable {
  campaignId: string;
  unitCode: string;
  criterionCode: string;
  groupCode: string;
  n: number;
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

export type Role = 'admin' | 'officer' | 'analyst';

export interface UserTable {
  id: string;
  email: string;
  name: string;
  role: Role;
  /** scrypt, with its parameters and salt: `scrypt$N$r$p$salt$hash`. */
  passwordHash: string;
  createdAt: string;
  passwordChangedAt: string;
  disabledAt: string | null;
}

export interface SessionTable {
  /** SHA-256 of the cookie's value: a copy of the database cannot be used to sign in. */
  idHash: string;
  userId: string;
  csrfToken: string;
  createdAt: string;
  expiresAt: string;
}

/** A sign-in or short-code attempt, reserved before it is evaluated (server/auth/attempts.ts). */
export interface LoginAttemptTable {
  /** Random, or `pow:<challenge id>` when a proof of work paid for it (so it is spent once). */
  id: string;
  /** 'account' | 'device' | 'code', or 'ok' once the attempt succeeded (no longer counted). */
  scope: string;
  /** The e-mail typed, a device cookie's id, or 'all' for short codes. */
  key: string;
  at: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  userId: string | null;
  userEmail: string | null;
  action: string;
  campaignId: string | null;
  target: string | null;
  /** JSON; never answers, never tokens. */
  details: string | null;
  ip: string | null;
}

export type User = Selectable<UserTable>;

export interface ReminderTable {
  id: Generated<number>;
  invitationId: string;
  /** phone | zalo | sms | email | other */
  channel: string;
  userId: string | null;
  at: string;
}

/**
 * A paper form's serial (printed on its answer sheets, never on the stub). Anonymous like
 * `submission`: keyed by an HMAC of the serial, no link to a person, an invitation or a
 * submission, no time; WITHOUT ROWID, so its physical order is that of the keys.
 */
export interface PaperSerialTable {
  serialHash: string;
  campaignId: string;
  groupCode: string;
  /** 0 until the sheets are entered, then 1: a serial is entered once. */
  entered: Generated<number>;
}

/**
 * A scoring run (server/results/runs.ts): the definition version and settings it scored with, a
 * fingerprint of the submissions it used, and its output kept whole so a locked run re-exports
 * identically. Aggregates only.
 */
export interface ScoringRunTable {
  id: string;
  campaignId: string;
  createdAt: string;
  /** The user who ran it; null from the CLI. */
  createdBy: string | null;
  definitionId: string;
  definitionCode: string;
  definitionVersion: number;
  /** JSON: the method used (the definition's, with any trial overrides applied). */
  settings: string;
  /** 1 when the settings are the campaign's own (step 9), 0 for a trial. */
  official: number;
  /** SHA-256 (hex) over the sorted content hashes of the campaign's submissions. */
  fingerprint: string;
  submissionCount: number;
  /** JSON: UnitResult[] as scoreUnits gave them. */
  results: string;
  /** JSON: A–E counts per questionnaire × question × unit, small cells already hidden. */
  distributions: string;
  lockedAt: string | null;
  lockedBy: string | null;
  /**
   * JSON: the self-assessment import the run's totals were computed with (`importedAt`,
   * `fingerprint`, `units`), or null when none was imported (server/results/self-assessment.ts).
   */
  selfAssessment: string | null;
  /**
   * JSON: the units a trial left out ({ code, name, index }[]), because it weighs the groups
   * otherwise than the campaign's method and the unit has a group under the small-group
   * threshold; null when none (server/results/runs.ts).
   */
  withheld: string | null;
}

export type ScoringRun = Selectable<ScoringRunTable>;

/**
 * The appraised self-assessment of an evaluated unit (docs/method.md §9), as
 * imported from the appraisal council's sheet: `fieldCode` '' is the unit's total, LV1…LV8 the
 * fields where the office has them. `points` is decimal text ("60.50"): never a binary float.
 */
export interface SelfAssessmentTable {
  campaignId: string;
  unitCode: string;
  fieldCode: string;
  points: string;
  importedAt: string;
  /** The user who imported it; null from the CLI. */
  importedBy: string | null;
}

export type SelfAssessmentRow = Selectable<SelfAssessmentTable>;
