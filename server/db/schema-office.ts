import type { Generated, Selectable } from 'kysely';

/**
 * The office's tables (server/db/schema.ts holds the survey's): accounts and sessions, guessing
 * budgets, the audit log, reminders, paper serials, scoring runs and the imported
 * self-assessment. Nothing here refers to an answer (docs/anonymity.md §2).
 */

export type Role = 'admin' | 'officer' | 'analyst';

/** The organisation the migration made: every campaign, account and audit row before issue #12. */
export const ROOT_ORGANISATION = 'root';

/**
 * An office of the deployment (issue #12): the Ministry, a province, a commune. A tree: an
 * account reaches its organisation's campaigns, accounts and audit rows and those below it.
 */
export interface OrganisationTable {
  id: string;
  name: string;
  /** null for the root only. */
  parentId: string | null;
  /** The official code of the province or commune, when it is one. */
  officialCode: string | null;
  /** A free word for what it is ("tỉnh", "xã"…), shown beside the name. */
  kind: string | null;
  createdAt: string;
}

export type Organisation = Selectable<OrganisationTable>;

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
  /** 1 when the password was set by someone else (a reset, the first admin): change it first. */
  mustChangePassword: number;
  /** The organisation it belongs to; its role applies to that organisation's subtree. */
  organisationId: Generated<string>;
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
  /** The organisation the row concerns: its campaign's, else the account's (root from the CLI). */
  organisationId: Generated<string>;
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
 * A scoring run (server/results/service.ts): the definition version and settings it scored with, a
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
   * threshold; null when none (server/results/method-policy.ts).
   */
  withheld: string | null;
  /** Paper sheets still awaited when the run was made (stubs received, sheets not typed). */
  paperWaiting: number | null;
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
