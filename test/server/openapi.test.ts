import { describe, expect, it } from 'vitest';
import { CATALOG } from '../../server/api-catalog';
import { openApiDocument } from '../../server/openapi';

/**
 * /api/openapi.json describes every body from the zod schemas the routes validate with
 * (contract/), so it stays true by construction: no operation that takes a body may describe it
 * as a bare `{ type: 'object' }`.
 */
type Operation = {
  requestBody?: { content: Record<string, { schema?: Record<string, unknown> }> };
  responses: Record<string, { content?: Record<string, { schema?: Record<string, unknown> }> }>;
};
const doc = openApiDocument('');
const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
  Object.entries(methods as Record<string, Operation>).map(([method, op]) => ({
    name: `${method.toUpperCase()} ${path}`,
    op,
  })),
);

/** The JSON schema of an operation's success (200, or 201 Created). */
const jsonOf = (op: Operation | undefined) =>
  (op?.responses['200'] ?? op?.responses['201'])?.content?.['application/json'];

/** A schema says something: properties, items, a union, a reference… not just a type. */
const real = (schema: Record<string, unknown> | undefined) =>
  !!schema && Object.keys(schema).some((k) => k !== 'type' && k !== 'description');

describe('/api/openapi.json', () => {
  it('has an operation per catalogued route', () => {
    expect(operations).toHaveLength(CATALOG.length);
  });

  const withBody = CATALOG.filter((e) => e.body !== undefined);
  it.each(withBody.map((e) => `${e.method.toUpperCase()} ${e.path}`))(
    '%s describes its request body',
    (name) => {
      const op = operations.find((o) => o.name === name)?.op;
      const schema = op?.requestBody?.content['application/json']?.schema;
      expect(real(schema), JSON.stringify(schema)).toBe(true);
      expect(schema?.properties).toBeTypeOf('object');
    },
  );

  it('every operation that takes JSON is catalogued with its schema', () => {
    expect(CATALOG.filter((e) => e.body !== undefined && !e.request)).toEqual([]);
  });

  it('every described 2xx response has a real schema, and their number only grows', () => {
    const json = operations.filter((o) => jsonOf(o.op));
    const described = json.filter((o) => real(jsonOf(o.op)?.schema));
    expect(described.length).toBeGreaterThanOrEqual(DESCRIBED_RESPONSES);
    expect(json).toHaveLength(JSON_RESPONSES);
    expect(described).toHaveLength(json.length);
  });

  const json = CATALOG.filter((e) => !e.produces && !e.noContent);
  it.each(json.map((e) => [`${e.method.toUpperCase()} ${e.path}`, e] as const))(
    '%s describes its JSON response',
    (name, e) => {
      const op = operations.find((o) => o.name === name)?.op;
      const schema = jsonOf(op)?.schema;
      expect(e.response, name).toBeDefined();
      expect(real(schema), JSON.stringify(schema)).toBe(true);
    },
  );

  it('an answer without a body is a 204, a creation a 201, the rest 200', () => {
    for (const o of operations) {
      const e = CATALOG.find((c) => `${c.method.toUpperCase()} ${c.path}` === o.name);
      expect(
        Object.keys(o.op.responses).filter((k) => k.startsWith('2')),
        o.name,
      ).toEqual(
        e?.noContent
          ? ['204']
          : e?.created === 'on-commit'
            ? ['200', '201']
            : [e?.created ? '201' : '200'],
      );
      if (e?.noContent) expect(e.response, o.name).toBeUndefined();
    }
  });

  it('the error envelope is described once and referenced', () => {
    expect(real(doc.components.schemas.Error as Record<string, unknown>)).toBe(true);
  });
});

/** JSON 2xx responses with a schema today; raise it as contract/ describes more. */
const DESCRIBED_RESPONSES = 68;
/** Every catalogued JSON 2xx answer: the described ones are all of them. */
const JSON_RESPONSES = 68;
