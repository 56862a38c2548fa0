import { describe, expect, it } from 'vitest';
import {
  builtInDefinition,
  builtInSipasDefinition,
  DefinitionError,
  definitionKind,
  loadSipasDefinition,
} from '../../questionnaires';
import sipas2026 from '../../questionnaires/sipas-2026.json' with { type: 'json' };

type Obj = Record<string, unknown>;
/** The built-in file as a test edits it: the first items of each list are there. */
type Doc = {
  kind?: unknown;
  scales: [Obj, Obj, ...Obj[]];
  aspects: [Obj & { elements: [Obj, ...Obj[]] }, ...Obj[]];
  perceptions: [Obj, ...Obj[]];
  choices: [Obj, ...Obj[]];
  method: { burst: Obj };
};
const copy = () => structuredClone(sipas2026) as unknown as Doc;
const problemsOf = (input: unknown) => {
  try {
    loadSipasDefinition(input);
  } catch (e) {
    if (e instanceof DefinitionError) return e.problems;
    throw e;
  }
  return [];
};

describe('the built-in SIPAS 2026 definition', () => {
  const def = builtInSipasDefinition();

  it('has the five aspects of 1001/QĐ-BNV, each with satisfaction elements on the 5-level scale', () => {
    expect(def.kind).toBe('sipas');
    expect(def.aspects.map((a) => a.name)).toEqual([
      'Tiếp cận dịch vụ',
      'Thủ tục hành chính',
      'Công chức trực tiếp giải quyết công việc',
      'Kết quả giải quyết thủ tục hành chính',
      'Tiếp nhận, giải quyết góp ý, phản ánh, kiến nghị',
    ]);
    const elements = def.aspects.flatMap((a) => a.elements);
    expect(elements.length).toBeGreaterThanOrEqual(15);
    expect(elements.length).toBeLessThanOrEqual(20);
    const scale = def.scales.find((s) => s.code === 'HAI_LONG');
    expect(scale?.options.map((o) => o.label)).toEqual([
      'Rất không hài lòng',
      'Không hài lòng',
      'Bình thường',
      'Hài lòng',
      'Rất hài lòng',
    ]);
    expect(scale?.top).toBe(2);
    for (const e of elements) expect(e.scale).toBe('HAI_LONG');
  });

  it('asks the service used, the channel and at most three expectations, and a comment', () => {
    const byId = Object.fromEntries(def.choices.map((c) => [c.id, c]));
    expect(byId.KENH?.options.map((o) => o.label)).toEqual([
      'Trực tiếp tại Bộ phận Một cửa',
      'Trực tuyến trên Cổng Dịch vụ công',
      'Qua dịch vụ bưu chính công ích',
    ]);
    expect(byId.LINH_VUC?.multiple).toBe(false);
    expect(byId.MONG_DOI).toMatchObject({ multiple: true, max: 3 });
    expect(def.perceptions.length).toBeGreaterThan(0);
    expect(def.comment?.text).toMatch(/góp ý/);
  });

  it('is stored in NFC, as people type Vietnamese', () => {
    const text = JSON.stringify(sipas2026);
    expect(text).toBe(text.normalize('NFC'));
  });
});

describe('definitionKind', () => {
  it.each([
    [{ kind: 'sipas' }, 'sipas'],
    [{ code: 'x' }, 'par'],
    [null, 'par'],
    ['sipas', 'par'],
  ] as const)('%j → %s', (body, kind) => expect(definitionKind(body)).toBe(kind));

  it('tells the built-in definitions apart', () => {
    expect(definitionKind(builtInSipasDefinition())).toBe('sipas');
    expect(definitionKind(builtInDefinition())).toBe('par');
  });
});

describe('loadSipasDefinition refuses, in Vietnamese, with the path', () => {
  it.each([
    [
      'a scale whose satisfied levels are all its levels',
      (d: Doc) => {
        d.scales[0].top = 5;
      },
      'scales.HAI_LONG.top',
      /phải nhỏ hơn số mức/,
    ],
    [
      'an element on a scale that does not exist',
      (d: Doc) => {
        d.aspects[0].elements[0].scale = 'NAM_MUC';
      },
      'aspects.TIEP_CAN.elements.TC1.scale',
      /Thang đo "NAM_MUC" không tồn tại/,
    ],
    [
      'two questions with one id',
      (d: Doc) => {
        d.choices[0].id = 'TC1';
      },
      '(gốc)',
      /Trùng mã câu hỏi "TC1"/,
    ],
    [
      'a perception of an unknown aspect',
      (d: Doc) => {
        d.perceptions[0].aspect = 'KHAC';
      },
      'perceptions.ND1.aspect',
      /Khía cạnh "KHAC" không tồn tại/,
    ],
    [
      'a maximum on a single choice',
      (d: Doc) => {
        d.choices[0].max = 2;
      },
      'choices.LINH_VUC.max',
      /chọn nhiều phương án/,
    ],
    [
      'a one-level scale',
      (d: Doc) => {
        d.scales[1].options = [{ code: 'CO', label: 'Có' }];
      },
      'scales.1.options',
      /ít nhất 2 mức/,
    ],
    [
      'a weight that is a float',
      (d: Doc) => {
        d.aspects[0].weight = 0.2;
      },
      'aspects.0.weight',
      /Sai kiểu dữ liệu/,
    ],
    [
      'a burst window that is not whole 10-minute slots',
      (d: Doc) => {
        d.method.burst.minutes = 15;
      },
      'method.burst.minutes',
      /bội của 10/,
    ],
    [
      'a PAR definition',
      (d: Doc) => {
        d.kind = undefined;
      },
      'kind',
      /Giá trị không hợp lệ|Thiếu trường/,
    ],
  ])('%s', (_case, change, path, message) => {
    const d = copy();
    change(d);
    const problems = problemsOf(d);
    expect(problems.length).toBeGreaterThan(0);
    const hit = problems.find((p) => p.path === path);
    expect(hit, JSON.stringify(problems)).toBeDefined();
    expect(hit?.message).toMatch(message);
  });

  it('normalises decomposed text to NFC', () => {
    const d = copy();
    d.aspects[0].name = 'Tiếp cận dịch vụ'.normalize('NFD');
    expect(loadSipasDefinition(d).aspects[0]?.name).toBe('Tiếp cận dịch vụ');
  });
});
