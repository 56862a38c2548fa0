import { useState } from 'preact/hooks';
import type { Organisation } from '../../../contract/console/organisations';
import { api } from '../api';
import { CardTable, NameCell } from '../parts/card-table';
import { FormEnd, useFormSend } from '../parts/form-end';
import { Done, ErrorNotice, Loading } from '../parts/notice';
import { OrganisationSelect, useOrganisations } from '../parts/organisations';

/**
 * "Tổ chức" (issue #12): the admin's organisation and those below it; the admin adds a
 * sub-organisation (a commune under a province…), then its accounts on the Tài khoản page, and
 * renames any of them (a district become a town…).
 */
export function Organisations() {
  const list = useOrganisations();
  const [adding, setAdding] = useState(false);
  const [added, setAdded] = useState<Organisation | null>(null);
  const [renaming, setRenaming] = useState<Organisation | null>(null);
  const [renamed, setRenamed] = useState<{ from: string; to: string } | null>(null);
  const byId = new Map((list.data ?? []).map((o) => [o.id, o]));

  return (
    <>
      <div class="title-row">
        <h2>Tổ chức</h2>
        {!adding && list.data && (
          <button
            type="button"
            class="primary"
            onClick={() => {
              setAdded(null);
              setRenaming(null);
              setRenamed(null);
              setAdding(true);
            }}
          >
            Thêm tổ chức cấp dưới
          </button>
        )}
      </div>
      <p class="hint">
        Mỗi tài khoản chỉ thấy các đợt khảo sát, tài khoản và nhật ký của tổ chức mình và các tổ
        chức cấp dưới.
      </p>
      {adding && list.data && (
        <AddOrganisation
          organisations={list.data}
          onCancel={() => setAdding(false)}
          onAdded={() => {
            setAdding(false);
            list.reload();
          }}
          onMade={setAdded}
        />
      )}
      {added && (
        <Done>Đã tạo tổ chức «{added.name}». Tạo tài khoản cho tổ chức này ở mục Tài khoản.</Done>
      )}
      {renaming && (
        <RenameOrganisation
          organisation={renaming}
          onCancel={() => setRenaming(null)}
          onRenamed={(o) => {
            setRenamed({ from: renaming.name, to: o.name });
            setRenaming(null);
            list.reload();
          }}
        />
      )}
      {renamed && (
        <Done>
          Đã đổi tên «{renamed.from}» thành «{renamed.to}».
        </Done>
      )}
      {list.error !== undefined && <ErrorNotice error={list.error} onRetry={list.reload} />}
      {list.loading && !list.data && <Loading />}
      {list.data && (
        <CardTable
          class="cards organisations"
          columns={['Tên', 'Loại', 'Mã', 'Cấp trên', 'Thao tác']}
        >
          {list.data.map((o) => (
            <tr key={o.id}>
              <NameCell>
                <span style={{ paddingInlineStart: `${o.depth * 1.25}rem` }}>{o.name}</span>
                {o.depth === 0 && <small>Tổ chức của Ông/Bà</small>}
              </NameCell>
              <td data-label="Loại">{o.kind ?? '—'}</td>
              <td data-label="Mã">{o.officialCode ?? '—'}</td>
              <td data-label="Cấp trên">{(o.parentId && byId.get(o.parentId)?.name) ?? '—'}</td>
              <td class="actions-cell">
                <button
                  type="button"
                  aria-label={`Đổi tên ${o.name}`}
                  onClick={() => {
                    setAdding(false);
                    setAdded(null);
                    setRenamed(null);
                    setRenaming(o);
                  }}
                >
                  Đổi tên
                </button>
              </td>
            </tr>
          ))}
        </CardTable>
      )}
    </>
  );
}

function AddOrganisation({
  organisations,
  onAdded,
  onMade,
  onCancel,
}: {
  organisations: readonly Organisation[];
  onAdded: () => void;
  onMade: (o: Organisation) => void;
  onCancel: () => void;
}) {
  const { error, busy, submit } = useFormSend(async (text) => {
    const made = await api<Organisation>('POST', '/api/organisations', {
      name: text('name'),
      parentId: text('parentId'),
      kind: text('kind') || null,
      officialCode: text('officialCode') || null,
    });
    onMade(made);
    onAdded();
  });
  return (
    <form class="panel stack" onSubmit={submit} aria-labelledby="add-org-title">
      <h2 id="add-org-title">Thêm tổ chức cấp dưới</h2>
      <label>
        Tên tổ chức
        <input
          name="name"
          required
          maxLength={200}
          autocomplete="off"
          placeholder="UBND xã Tân Hưng"
          // biome-ignore lint/a11y/noAutofocus: the form opens on a button press, for typing
          autoFocus
        />
      </label>
      <OrganisationSelect label="Thuộc tổ chức" name="parentId" organisations={organisations} />
      <label>
        Loại (không bắt buộc)
        <input name="kind" maxLength={60} autocomplete="off" placeholder="xã, phường, sở…" />
      </label>
      <label>
        Mã đơn vị hành chính (không bắt buộc)
        <input name="officialCode" maxLength={20} autocomplete="off" inputMode="numeric" />
      </label>
      <FormEnd
        error={error}
        busy={busy}
        label="Tạo tổ chức"
        busyLabel="Đang tạo…"
        onCancel={onCancel}
      />
    </form>
  );
}

function RenameOrganisation({
  organisation,
  onRenamed,
  onCancel,
}: {
  organisation: Organisation;
  onRenamed: (o: Organisation) => void;
  onCancel: () => void;
}) {
  const { error, busy, submit } = useFormSend(async (text) => {
    onRenamed(
      await api<Organisation>(
        'PATCH',
        `/api/organisations/${encodeURIComponent(organisation.id)}`,
        {
          name: text('name'),
        },
      ),
    );
  });
  return (
    <form class="panel stack" onSubmit={submit} aria-labelledby="rename-org-title">
      <h2 id="rename-org-title">Đổi tên «{organisation.name}»</h2>
      <label>
        Tên mới
        <input
          name="name"
          required
          maxLength={200}
          autocomplete="off"
          defaultValue={organisation.name}
          // biome-ignore lint/a11y/noAutofocus: the form opens on a button press, for typing
          autoFocus
        />
      </label>
      <FormEnd
        error={error}
        busy={busy}
        label="Lưu tên mới"
        busyLabel="Đang lưu…"
        onCancel={onCancel}
      />
    </form>
  );
}
