/**
 * What the results API answers (server/results/routes.ts): scoring runs, the contract's results
 * JSON, A–E distributions and comments. Shapes come from the server as types only, so nothing
 * of the server reaches the bundle.
 */

import type { CommentStatus, CommentView } from '../../../contract/console/comments';
import type { Distribution, ResultsDocument } from '../../../contract/results';
import type { Definition, Method } from '../../../questionnaires';

export type {
  CriterionResult,
  FieldResult,
  GroupResult,
  UnitResult,
} from '../../../analysis/types';
export type { CommentStatus, CommentView, Definition, Distribution, Method, ResultsDocument };

/** One row of GET runs: a run without its results. */
export interface RunSummary {
  id: string;
  createdAt: string;
  createdBy: string | null;
  definitionCode: string;
  definitionVersion: number;
  settings: Method;
  official: boolean;
  trial: boolean;
  locked: boolean;
  lockedAt: string | null;
  lockedBy: string | null;
  fingerprint: string;
  submissionCount: number;
  /** The run's submissions are still the campaign's (nothing arrived or changed since). */
  current: boolean;
}

export interface RunList {
  /** The fingerprint of the campaign's submissions now. */
  fingerprint: string;
  submissionCount: number;
  /** Newest first. */
  runs: RunSummary[];
}

export interface DistributionRow extends Distribution {
  unitName: string;
  questionText: string;
  /** "ẩn (dưới k phiếu)" where hidden. */
  note: string | null;
}

export interface Distributions {
  runId: string;
  minCellSize: number;
  rows: DistributionRow[];
}

/** GET /api/campaigns/{id}/definition. */
export interface DefinitionReply {
  editable: boolean;
  definition: Definition;
}

/** The settings a trial may change (never the small-group threshold: only raise it). */
export type TrialMethod = Pick<Method, 'scaleProfile' | 'weighting' | 'emptyCriterion'> & {
  /** Sent only when they differ from the campaign's: every group's weight, "1" where unset. */
  groupWeights?: Record<string, string>;
};
