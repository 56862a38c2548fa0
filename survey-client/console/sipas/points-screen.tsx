import { Fragment } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { CodeBatch, CollectionPoint } from '../../../contract/console/sipas-points';
import { api, campaignApi } from '../api';
import { count, vnDateTime } from '../format';
import { CardTable, Cell, NameCell, num } from '../parts/card-table';
import { useConfirm } from '../parts/confirm';
import { FormEnd, useFormSend } from '../parts/form-end';
import { Done, ErrorNotice, Loading } from '../parts/notice';
import { PhaseActions } from '../parts/phase-actions';
import type { CampaignProps } from '../screens/campaign';
import { fold, matchesSearch } from '../table-view';
import type { UnitInfo } from '../types';
import { useLoad } from '../use-load';
import { DAYS, hoursAndDays, readClock } from './hours';
import './sipas.css';

/** The server's limit per batch (contract/console/sipas-points.ts MAX_CODE_BATCH). */
const MAX_CODES = 2000;

/**
 * "Điểm thu thập" of a SIPAS campaign (issue #14): the places where citizens answer, each with
 * its unit, service area, opening hours and daily limit per browser; for staff, its posters (A4,
 * A5), one-time codes to hand out with dossier receipts, and the batches made so far.
 */
export function PointsScreen({ campaign, staff, onChange }: CampaignProps) {
  const points = useLoad<CollectionPoint[]>(campaignApi(campaign.id, '/points'));
  const batches = useLoad<CodeBatch[]>(staff ? campaignApi(campaign.id, '/code-batches') : null);
  const [editing, setEditing] = useState<CollectionPoint | 'new' | null>(null);
  const [done, setDone] = useState<{ text: string; sheet?: string } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const { ask, dialog } = useConfirm();
  const units = campaign.units ?? [];
  // Closed: nobody can answer, so no new point and no new codes (the server says 409
  // campaign_closed); posters and batches still print, points can still be corrected.
  const closed = campaign.phase === 'closed';
  const reload = () => {
    points.reload();
    batches.reload();
  };
  const remove = async (p: CollectionPoint) => {
    const yes = await ask({
      title: `Xóa điểm «${p.name}»?`,
      text: 'Các mã dùng một lần chưa dùng của điểm bị xóa theo. Điểm đã có phiếu trả lời thì không xóa được.',
      ok: 'Xóa điểm',
      danger: true,
    });
    if (!yes) return;
    try {
      await api('DELETE', campaignApi(campaign.id, `/points/${encodeURIComponent(p.id)}`));
      setDone({ text: `Đã xóa điểm «${p.name}».` });
    } catch (e) {
      setDone(null);
      setError(e);
    }
    reload();
  };
  const list = points.data;
  return (
    <>
      {staff && (
        <PhaseActions
          campaign={campaign}
          onChange={(c) => {
            // The notice of the last action no longer holds once the campaign opens or closes.
            setDone(null);
            setError(null);
            onChange(c);
          }}
        />
      )}
      <section class="panel sipas-points" aria-labelledby="points-title">
        <h2 id="points-title">Điểm thu thập ý kiến</h2>
        <p class="hint">
          Mỗi điểm (Bộ phận Một cửa, bàn tiếp nhận…) có áp phích mã QR riêng để người dân quét và
          góp ý; phiếu không hỏi họ tên. Mã dùng một lần phát kèm giấy tiếp nhận hồ sơ: mỗi mã một
          lần trả lời, được đếm riêng với phiếu từ áp phích.
        </p>
        {done && (
          <Done>
            {done.text}{' '}
            {done.sheet && (
              <a href={done.sheet} target="_blank" rel="noopener">
                Mở trang in mã
              </a>
            )}
          </Done>
        )}
        {error !== null && <ErrorNotice error={error} />}
        {staff && closed && (
          <p class="notice">
            Đợt khảo sát đã đóng: người dân không góp ý được nữa, nên không thêm điểm thu thập và
            không tạo mã dùng một lần được. Áp phích và các lô mã đã tạo vẫn in lại được. Mở lại đợt
            khảo sát nếu cần thu thêm ý kiến.
          </p>
        )}
        {!list ? (
          points.error !== undefined ? (
            <ErrorNotice error={points.error} onRetry={points.reload} />
          ) : (
            <Loading />
          )
        ) : list.length === 0 ? (
          <p>Chưa có điểm thu thập nào.{staff && ' Hãy thêm điểm đầu tiên.'}</p>
        ) : (
          <CardTable
            caption="Các điểm thu thập"
            columns={[
              'Điểm thu thập',
              'Đơn vị',
              'Lĩnh vực',
              'Giờ làm việc',
              num('Mỗi trình duyệt/ngày'),
              num('Mã đã tạo / đã dùng'),
              staff && 'In và phát mã',
            ]}
          >
            {list.map((p) => (
              <tr key={p.id}>
                <NameCell>
                  {p.name}
                  <PointAddress url={p.url} code={p.code} />
                </NameCell>
                <Cell label="Đơn vị">{p.unitName}</Cell>
                <Cell label="Lĩnh vực">{p.serviceArea ?? '—'}</Cell>
                <Cell label="Giờ làm việc">
                  <Unbroken parts={hoursAndDays(p)} />
                </Cell>
                <Cell label="Mỗi trình duyệt/ngày" class="num">
                  {p.dailyLimit === 0 ? 'không giới hạn' : count(p.dailyLimit)}
                </Cell>
                <Cell label="Mã đã tạo / đã dùng" class="num">
                  {count(p.codes.issued)} / {count(p.codes.used)}
                </Cell>
                {staff && (
                  <Cell label="In và phát mã" class="point-tools">
                    <div class="point-actions">
                      <a
                        href={campaignApi(
                          campaign.id,
                          `/points/${encodeURIComponent(p.id)}/poster?size=A4`,
                        )}
                        target="_blank"
                        rel="noopener"
                      >
                        Áp phích A4
                      </a>
                      <a
                        href={campaignApi(
                          campaign.id,
                          `/points/${encodeURIComponent(p.id)}/poster?size=A5`,
                        )}
                        target="_blank"
                        rel="noopener"
                      >
                        A5
                      </a>
                      {!closed && (
                        <CodesForm
                          campaignId={campaign.id}
                          point={p}
                          onMade={(b) => {
                            setError(null);
                            setDone({
                              text: `Đã tạo ${count(b.size)} mã dùng một lần cho «${b.pointName}».`,
                              sheet: b.sheet,
                            });
                            reload();
                          }}
                        />
                      )}
                      <button type="button" onClick={() => setEditing(p)}>
                        Sửa
                      </button>
                      {/* A point with answers stays (the server says 409 point_in_use). */}
                      {!p.inUse && (
                        <button type="button" onClick={() => remove(p)}>
                          Xóa
                        </button>
                      )}
                    </div>
                  </Cell>
                )}
              </tr>
            ))}
          </CardTable>
        )}
        {staff && editing === null && !closed && (
          <div class="actions">
            <button type="button" class="primary" onClick={() => setEditing('new')}>
              Thêm điểm thu thập
            </button>
          </div>
        )}
      </section>
      {staff && editing !== null && !(closed && editing === 'new') && (
        <PointForm
          key={editing === 'new' ? 'new' : editing.id}
          campaignId={campaign.id}
          units={units}
          point={editing === 'new' ? null : editing}
          unitFixed={editing !== 'new' && editing.inUse}
          onSaved={(p, made) => {
            setEditing(null);
            setError(null);
            setDone({ text: made ? `Đã thêm điểm «${p.name}».` : `Đã lưu điểm «${p.name}».` });
            reload();
          }}
          onCancel={() => setEditing(null)}
        />
      )}
      {staff && batches.data && batches.data.length > 0 && (
        <section class="panel" aria-labelledby="batches-title">
          <h2 id="batches-title">Các lô mã dùng một lần</h2>
          <p class="hint">
            Trang in có thể mở lại bất cứ lúc nào (máy in kẹt giấy): các mã giống hệt lần đầu.
          </p>
          <CardTable
            caption="Các lô mã dùng một lần"
            columns={['Điểm thu thập', 'Tạo lúc', num('Số mã'), num('Đã dùng'), 'Trang in']}
          >
            {batches.data.map((b) => (
              <tr key={b.id}>
                <NameCell>{b.pointName}</NameCell>
                <Cell label="Tạo lúc">{vnDateTime(b.createdAt)}</Cell>
                <Cell label="Số mã" class="num">
                  {count(b.size)}
                </Cell>
                <Cell label="Đã dùng" class="num">
                  {count(b.used)}
                </Cell>
                <Cell label="Trang in">
                  <a href={b.sheet} target="_blank" rel="noopener">
                    In {count(Math.ceil(b.size / 24))} trang A4
                  </a>
                </Cell>
              </tr>
            ))}
          </CardTable>
        </section>
      )}
      {dialog}
    </>
  );
}

/** Pieces that each stay on one line, «07:30–17:00» then «T2–T6»: a line breaks only between. */
function Unbroken({ parts }: { parts: readonly string[] }) {
  // One element: a phone's card lays a cell's children out side by side.
  return (
    <span>
      {parts.map((t, i) => (
        <Fragment key={t}>
          {i > 0 && ', '}
          <span class="unbroken">{t}</span>
        </Fragment>
      ))}
    </span>
  );
}

/**
 * The poster's short address as printed, «khaosat.tinh.gov.vn/p/K7QM4X»: a long host may break,
 * the point's code never (qa6: «…/p/CEACX / A»).
 */
function PointAddress({ url, code }: { url: string; code: string }) {
  const host = url.replace(/^https?:\/\//, '').slice(0, -code.length);
  return (
    <small class="point-url">
      {host}
      <wbr />
      <span class="unbroken">{code}</span>
    </small>
  );
}

/** "Tạo mã": a number of one-time codes for one point. */
function CodesForm({
  campaignId,
  point,
  onMade,
}: {
  campaignId: string;
  point: CollectionPoint;
  onMade: (b: CodeBatch) => void;
}) {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    const n = Number(new FormData(e.currentTarget as HTMLFormElement).get('count'));
    setBusy(true);
    setError(null);
    try {
      onMade(
        await api<CodeBatch>(
          'POST',
          campaignApi(campaignId, `/points/${encodeURIComponent(point.id)}/codes`),
          { count: n },
        ),
      );
    } catch (err) {
      setError(err);
    }
    setBusy(false);
  };
  return (
    <form class="codes-form" onSubmit={submit}>
      <label>
        Số mã
        <input name="count" type="number" min={1} max={MAX_CODES} step={1} value={48} required />
      </label>
      <button type="submit" disabled={busy}>
        {busy ? 'Đang tạo…' : 'Tạo mã dùng một lần'}
      </button>
      {error !== null && <ErrorNotice error={error} />}
    </form>
  );
}

/** An hour field: text, not type="time", whose look follows the browser's language. */
const CLOCK = {
  type: 'text',
  inputMode: 'decimal', // digits and a separator (a phone's numeric pad has no colon)
  autoComplete: 'off',
  maxLength: 10,
  placeholder: '07:30',
  required: true,
} as const;

/** Adding a point, or editing one. */
function PointForm({
  campaignId,
  units,
  point,
  unitFixed,
  onSaved,
  onCancel,
}: {
  campaignId: string;
  units: UnitInfo[];
  point: CollectionPoint | null;
  /** With answers: they count for this unit, so it stays (409 point_in_use). */
  unitFixed: boolean;
  onSaved: (p: CollectionPoint, made: boolean) => void;
  onCancel: () => void;
}) {
  const [days, setDays] = useState<number[]>(point?.weekdays ?? [1, 2, 3, 4, 5]);
  const [unit, setUnit] = useState(point?.unitCode ?? '');
  const [query, setQuery] = useState('');
  const [missing, setMissing] = useState(false);
  // A long list (a province's 116 units) is searched as typed, with or without diacritics; the
  // chosen unit stays in the list whatever the search.
  const shown = units.filter(
    (u) => u.code === unit || matchesSearch(u.name, query) || fold(u.code) === fold(query),
  );
  // Opened by «Thêm điểm thu thập» or «Sửa»: the keyboard starts in it, not at the page's top.
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  const { error, busy, submit } = useFormSend(async (text) => {
    // Never a silent default: a point tagged to the province by mistake gets its posters,
    // codes and results (qa6 #5).
    setMissing(!unit);
    if (!unit) return 'cancelled';
    const body = {
      name: text('name'),
      unitCode: unit,
      serviceArea: text('serviceArea') || null,
      opens: readClock(text('opens')),
      closes: readClock(text('closes')),
      weekdays: days,
      dailyLimit: Number(text('dailyLimit')),
    };
    const saved = point
      ? await api<CollectionPoint>(
          'PATCH',
          campaignApi(campaignId, `/points/${encodeURIComponent(point.id)}`),
          body,
        )
      : await api<CollectionPoint>('POST', campaignApi(campaignId, '/points'), body);
    onSaved(saved, !point);
  });
  return (
    <form class="panel stack" onSubmit={submit} aria-labelledby="point-form-title">
      <h2 id="point-form-title">{point ? `Sửa điểm «${point.name}»` : 'Thêm điểm thu thập'}</h2>
      <label>
        Tên điểm (in trên áp phích)
        <input
          ref={first}
          name="name"
          required
          maxLength={200}
          defaultValue={point?.name}
          placeholder="Bộ phận Một cửa UBND xã"
        />
      </label>
      {unitFixed && point ? (
        <div class="point-unit">
          <p>
            Đơn vị: <strong>{point.unitName}</strong>
          </p>
          <p class="hint">
            Điểm đã có phiếu trả lời: đơn vị của điểm giữ nguyên, vì các phiếu đã thu được tính cho
            đơn vị này. Nếu cần, hãy thêm một điểm mới cho đơn vị khác.
          </p>
        </div>
      ) : (
        <div class="point-unit">
          {units.length > 12 && (
            <label>
              Tìm đơn vị
              <input
                type="search"
                value={query}
                placeholder="Gõ tên, có dấu hoặc không: tu phap, tan khai…"
                onInput={(e) => setQuery(e.currentTarget.value)}
              />
            </label>
          )}
          <label>
            Đơn vị
            <select
              name="unitCode"
              aria-required="true"
              value={unit}
              aria-invalid={missing && !unit}
              onChange={(e) => {
                setUnit(e.currentTarget.value);
                setMissing(false);
              }}
            >
              <option value="">— Chọn đơn vị —</option>
              {shown.map((u) => (
                <option key={u.code} value={u.code}>
                  {u.name}
                </option>
              ))}
            </select>
          </label>
          {query && shown.length === 0 && <p class="hint">Không có đơn vị nào khớp «{query}».</p>}
          {missing && !unit && (
            <p class="notice error" role="alert">
              Hãy chọn đơn vị của điểm thu thập.
            </p>
          )}
        </div>
      )}
      <label>
        Lĩnh vực (không bắt buộc)
        <input
          name="serviceArea"
          maxLength={200}
          defaultValue={point?.serviceArea ?? ''}
          placeholder="Đất đai, hộ tịch…"
        />
      </label>
      <div class="point-hours">
        <label>
          Giờ mở cửa <span class="hint">(24 giờ, giờ:phút)</span>
          <input {...CLOCK} name="opens" defaultValue={point?.opens ?? '07:30'} />
        </label>
        <label>
          Giờ đóng cửa <span class="hint">(24 giờ, giờ:phút)</span>
          <input {...CLOCK} name="closes" defaultValue={point?.closes ?? '17:00'} />
        </label>
      </div>
      <fieldset class="weekdays">
        <legend>Ngày làm việc</legend>
        {DAYS.map((d, i) => (
          <label key={d} class="check">
            <input
              type="checkbox"
              checked={days.includes(i + 1)}
              onChange={(e) =>
                setDays((old) =>
                  e.currentTarget.checked ? [...old, i + 1].sort() : old.filter((x) => x !== i + 1),
                )
              }
            />
            {d}
          </label>
        ))}
      </fieldset>
      <label>
        Số lần góp ý mỗi ngày của một trình duyệt tại điểm này (0 = không giới hạn)
        <input
          name="dailyLimit"
          type="number"
          min={0}
          max={100}
          step={1}
          required
          defaultValue={point?.dailyLimit ?? 1}
        />
      </label>
      <FormEnd
        error={error}
        busy={busy}
        label={point ? 'Lưu' : 'Thêm điểm'}
        busyLabel="Đang lưu…"
        onCancel={onCancel}
      />
    </form>
  );
}
