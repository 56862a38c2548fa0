import {
  type Compilable,
  type CompiledQuery,
  createQueryId,
  type DialectAdapter,
  type KyselyPlugin,
} from 'kysely';
import type { Db } from '../db/connect';

type Value = string | number;
type Row = Record<string, Value>;

/**
 * Builds one multi-row statement (an INSERT, an upsert) for `rows`. It must take every value
 * from the rows, none from anywhere else: write it as a module-level function, not a closure.
 */
export type BuildRows<R extends Row> = (db: Db, rows: R[]) => Compilable;

/** The columns shared by every row, in order, and whether each holds numbers (else strings). */
interface Shape {
  key: string;
  columns: string[];
  numeric: boolean[];
}

interface Template {
  plugins: readonly KyselyPlugin[];
  compiled: CompiledQuery;
  /** For each bound parameter, in order: the row and the column its value comes from. */
  rows: number[];
  columns: string[];
}

/** Shapes kept per builder: a form's answers have one size per group, its tallies vary a little. */
const MAX_SHAPES = 64;

// Per dialect adapter (one per opened database), per builder, per shape; null: not cacheable.
const templates = new WeakMap<DialectAdapter, Map<unknown, Map<string, Template | null>>>();

/**
 * Runs `build(trx, rows)` exactly as `trx.executeQuery(build(trx, rows))` would, but has Kysely
 * build and compile each shape of it (builder, number of rows, columns) only once: for a 180-row
 * INSERT that costs more than SQLite running it, and its SQL depends on the shape, not on the
 * values. The statement is compiled once, through `trx` (so for the database's own dialect and
 * plugins), from rows of unique placeholder values, and the place of each placeholder among the
 * bound parameters is kept; a later call binds its own values at those places. Whenever that
 * cannot be proved — a bound parameter that is not a placeholder, a value that is neither a
 * string nor a finite number, rows with other columns — the statement is built and compiled for
 * these very rows instead, as it always was.
 */
export async function insertRows<R extends Row>(
  trx: Db,
  build: BuildRows<R>,
  rows: R[],
): Promise<void> {
  const shape = shapeOf(rows);
  const template = shape && templateFor(trx, build, rows.length, shape);
  if (!template) {
    await trx.executeQuery(build(trx, rows));
    return;
  }
  const parameters: Value[] = new Array(template.rows.length);
  for (let i = 0; i < parameters.length; i++) {
    parameters[i] = (rows[template.rows[i] as number] as Row)[
      template.columns[i] as string
    ] as Value;
  }
  await trx.executeQuery({
    query: template.compiled.query,
    queryId: createQueryId(),
    sql: template.compiled.sql,
    parameters,
  });
}

function shapeOf(rows: Row[]): Shape | null {
  const first = rows[0];
  if (!first) return null;
  const columns = Object.keys(first);
  const numeric = columns.map((c) => typeof first[c] === 'number');
  for (const row of rows) {
    let i = 0;
    for (const column in row) {
      if (column !== columns[i]) return null;
      const value = row[column];
      const ok = numeric[i]
        ? typeof value === 'number' && Number.isFinite(value)
        : typeof value === 'string';
      if (!ok) return null;
      i++;
    }
    if (i !== columns.length) return null;
  }
  const key = columns.map((c, i) => `${c}:${numeric[i] ? 'n' : 's'}`).join('\u0000');
  return { key, columns, numeric };
}

function templateFor<R extends Row>(
  trx: Db,
  build: BuildRows<R>,
  count: number,
  shape: Shape,
): Template | null {
  const executor = trx.getExecutor();
  let byBuilder = templates.get(executor.adapter);
  if (!byBuilder) {
    byBuilder = new Map();
    templates.set(executor.adapter, byBuilder);
  }
  let shapes = byBuilder.get(build);
  if (!shapes) {
    shapes = new Map();
    byBuilder.set(build, shapes);
  }
  const key = `${count}\u0000${shape.key}`;
  const cached = shapes.get(key);
  // Plugins change the SQL too (the camel-case one names the columns): a template is used only
  // under the very plugins it was compiled with.
  if (cached === null) return null;
  if (cached && samePlugins(cached.plugins, executor.plugins)) return cached;
  const template = compileTemplate(trx, build, count, shape, executor.plugins);
  shapes.set(key, template);
  if (shapes.size > MAX_SHAPES) shapes.delete(shapes.keys().next().value as string);
  return template;
}

function samePlugins(a: readonly KyselyPlugin[], b: readonly KyselyPlugin[]) {
  return a.length === b.length && a.every((p, i) => p === b[i]);
}

/**
 * Compiles the statement for rows of placeholders — a unique string where the rows hold
 * strings, a unique number where they hold numbers, so Kysely sees the same types — and finds
 * where each one was bound. Null unless the parameters are exactly the placeholders, each once.
 */
function compileTemplate<R extends Row>(
  trx: Db,
  build: BuildRows<R>,
  count: number,
  shape: Shape,
  plugins: readonly KyselyPlugin[],
): Template | null {
  const marker = `\u0000bulk-insert:${Math.random()}:`;
  const places = new Map<Value, [number, string]>();
  let next = 0;
  const placeholders: Row[] = [];
  for (let row = 0; row < count; row++) {
    const values: Row = {};
    shape.columns.forEach((column, i) => {
      const value = shape.numeric[i] ? Number.MIN_SAFE_INTEGER + next++ : `${marker}${next++}`;
      places.set(value, [row, column]);
      values[column] = value;
    });
    placeholders.push(values);
  }
  const compiled = build(trx, placeholders as R[]).compile();
  const rows: number[] = [];
  const columns: string[] = [];
  for (const parameter of compiled.parameters) {
    const place = places.get(parameter as Value);
    if (!place) return null;
    places.delete(parameter as Value);
    rows.push(place[0]);
    columns.push(place[1]);
  }
  if (places.size > 0) return null;
  return { plugins: [...plugins], compiled, rows, columns };
}
