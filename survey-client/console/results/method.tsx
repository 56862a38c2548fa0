import { vnDateTime } from '../format';
import { EMPTY_NAMES, runStatus, WEIGHTING_NAMES } from './format';
import { groupName } from './names';
import type { Definition, ResultsDocument } from './types';

/**
 * How a run was scored, written out: what makes a published figure reproducible (docs/method.md
 * §10: against suspicion that results were adjusted). Shown on screen and printed
 * on every report.
 */
export function MethodBlock({
  doc,
  definition,
}: {
  doc: ResultsDocument;
  definition: Definition | undefined;
}) {
  const m = doc.method;
  const profile = definition?.scaleProfiles.find((p) => p.code === m.profile);
  const weights = Object.entries(m.groupWeights ?? {});
  return (
    <dl class="r-method">
      <div>
        <dt>Loại lần tính</dt>
        <dd>
          {runStatus(m)}
          {m.locked && m.lockedAt && <> ({vnDateTime(m.lockedAt)})</>}
        </dd>
      </div>
      <div>
        <dt>Thang điểm</dt>
        <dd>
          {m.profile}
          {profile && (
            <small>
              {' '}
              {(['A', 'B', 'C', 'D'] as const)
                .map((o) => `${o} ${profile.coefficients[o].replace('.', ',')}`)
                .join(' · ')}{' '}
              · E không tính
            </small>
          )}
        </dd>
      </div>
      <div>
        <dt>Cách gộp các nhóm</dt>
        <dd>{WEIGHTING_NAMES[m.weighting] ?? m.weighting}</dd>
      </div>
      {weights.length > 0 && (
        <div>
          <dt>Trọng số nhóm</dt>
          <dd>
            {weights.map(([g, w]) => `${groupName(definition, g)}: ${w}`).join('; ')} (các nhóm
            khác: 1)
          </dd>
        </div>
      )}
      <div>
        <dt>Tiêu chí không có dữ liệu</dt>
        <dd>{EMPTY_NAMES[m.emptyCriterion] ?? m.emptyCriterion}</dd>
      </div>
      <div>
        <dt>Ngưỡng nhóm nhỏ</dt>
        <dd>{m.minCellSize} phiếu</dd>
      </div>
      <div>
        <dt>Bộ chỉ số</dt>
        <dd>
          {m.definitionCode}, phiên bản {m.definitionVersion}
        </dd>
      </div>
      <div>
        <dt>Điểm tự đánh giá đã thẩm định</dt>
        <dd>
          {doc.selfAssessment
            ? `Nhập lúc ${vnDateTime(doc.selfAssessment.importedAt)}, ${doc.selfAssessment.units} đơn vị`
            : 'Chưa nhập (chưa có Chỉ số CCHC tổng)'}
        </dd>
      </div>
      {doc.selfAssessment?.sipas?.map((l) => (
        <div key={l.fieldCode} class="r-wide">
          <dt>Lĩnh vực {l.fieldCode} từ SIPAS</dt>
          <dd>{l.text}</dd>
        </div>
      ))}
      <div>
        <dt>Số phiếu đã tính</dt>
        <dd>{doc.submissionCount}</dd>
      </div>
      <div>
        <dt>Thời điểm tính</dt>
        <dd>{vnDateTime(m.createdAt)}</dd>
      </div>
      <div>
        <dt>Mã lần tính</dt>
        <dd>
          <code>{m.runId}</code>
        </dd>
      </div>
      <div class="r-wide">
        <dt>Dấu vân tay dữ liệu (SHA-256)</dt>
        <dd>
          <code class="r-fingerprint">{doc.fingerprint}</code>
        </dd>
      </div>
    </dl>
  );
}
