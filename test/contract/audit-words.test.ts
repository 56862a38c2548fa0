import { describe, expect, it } from 'vitest';
import { describeDetails } from '../../contract/console/audit-words';

const dateTime = (iso: string) => `lúc ${iso}`;

/** Issue #13.11: what the audit log says of an action reaches a person with no key or code. */
describe('the audit log in words', () => {
  it('says a scoring run’s settings in Vietnamese, not as the method’s keys and codes (qa8)', () => {
    const text = describeDetails(
      'scoring_run_created',
      {
        official: false,
        settings: {
          scaleProfile: 'YB4',
          weighting: 'EQUAL_GROUP',
          groupWeights: { HDND: '2' },
          emptyCriterion: 'RESCALE',
          minCellSize: 3,
        },
      },
      dateTime,
    );
    expect(text).toBe(
      'Chính thức: không; Thiết lập: (Thang điểm: YB4; Cách gộp các nhóm: bình quân các nhóm đối tượng; Trọng số các nhóm: (HDND: 2); Tiêu chí không ai trả lời: bỏ tiêu chí, quy đổi lại theo tổng điểm; Ngưỡng nhóm nhỏ (phiếu): 3)',
    );
    expect(
      describeDetails(
        'scoring_run_created',
        { settings: { weighting: 'POOLED', emptyCriterion: 'ZERO' } },
        dateTime,
      ),
    ).toBe(
      'Thiết lập: (Cách gộp các nhóm: gộp mọi câu trả lời hợp lệ; Tiêu chí không ai trả lời: tính 0 điểm, ghi "không đủ dữ liệu")',
    );
  });
});
