/**
 * What the results API answers (server/results/routes.ts): scoring runs, the contract's results
 * JSON, A–E distributions and comments. The types of contract/'s zod schemas, imported as types
 * only, so no zod reaches the bundle.
 */

import type { CommentStatus, CommentView } from '../../../contract/console/comments';
import type {
  Distribution,
  DistributionRow,
  Distributions,
  ResultsDocument,
  RunList,
  RunSummary,
} from '../../../contract/results';
import type { Definition, Method } from '../../../questionnaires';

export type {
  CriterionResult,
  FieldResult,
  GroupResult,
  UnitResult,
} from '../../../analysis/types';
export type { DefinitionReply } from '../../../contract/console/campaigns';
export type {
  CommentStatus,
  CommentView,
  Definition,
  Distribution,
  DistributionRow,
  Distributions,
  Method,
  ResultsDocument,
  RunList,
  RunSummary,
};

/** The settings a trial may change (never the small-group threshold: only raise it). */
export type TrialMethod = Pick<Method, 'scaleProfile' | 'weighting' | 'emptyCriterion'> & {
  /** Sent only when they differ from the campaign's: every group's weight, "1" where unset. */
  groupWeights?: Record<string, string>;
};
