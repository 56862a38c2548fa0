import type { SubmitBody } from '../../contract/respondent';
import { canonicalJson } from '../secrets';

/**
 * `canonicalJson(body)` of a checked submit body, byte for byte — the retry check's HMAC is taken
 * over it, so a retry sent before an upgrade is still recognised after it — without the generic
 * replacer rebuilding each of the (180) answers as a sorted object. The schema fixes the keys,
 * so their sorted order is known: answers, comments, demographics, submissionId; in an answer,
 * option, questionId, questionnaireId, unitCode. The two small records go through canonicalJson
 * itself (its order also puts integer-like keys first, as JavaScript objects do).
 */
export function canonicalSubmitBody(body: SubmitBody): string {
  const answers = JSON.stringify(
    body.answers.map((a) => ({
      option: a.option,
      questionId: a.questionId,
      questionnaireId: a.questionnaireId,
      unitCode: a.unitCode,
    })),
  );
  let json = `{"answers":${answers}`;
  if (body.comments !== undefined) json += `,"comments":${canonicalJson(body.comments)}`;
  if (body.demographics !== undefined)
    json += `,"demographics":${canonicalJson(body.demographics)}`;
  return `${json},"submissionId":${JSON.stringify(body.submissionId)}}`;
}
