import { z } from 'zod';
import { ErrorBody } from '../contract/errors';
import { CATALOG } from './api-catalog';
import type { Endpoint } from './catalog/kit';

/** A zod schema of contract/ as JSON Schema (draft 2020-12, OpenAPI 3.1's dialect), as sent. */
export function jsonSchemaOf(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
  return rest;
}

const ERROR = { $ref: '#/components/schemas/Error' };

/** An endpoint's 2xx answers: 204 without a body, else 200 and/or 201 with its schema. */
function success(e: Endpoint) {
  if (e.noContent) return { '204': { description: 'Thành công (không có nội dung)' } };
  const content = {
    [e.produces ?? 'application/json']: e.response ? { schema: jsonSchemaOf(e.response) } : {},
  };
  const ok = { '200': { description: 'Thành công', content } };
  const created = { '201': { description: 'Đã tạo', content } };
  if (e.created === 'on-commit') {
    return {
      '200': { description: 'Xem trước (chưa ghi)', content },
      '201': { description: 'Đã ghi', content },
    };
  }
  return e.created ? created : ok;
}

/** The console's API as OpenAPI 3.1, built from the catalog the role test checks. */
export function openApiDocument(publicUrl: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const e of CATALOG) {
    const params = [...e.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    const roles = e.roles.length ? e.roles.join(', ') : 'không cần đăng nhập';
    paths[e.path] = {
      ...paths[e.path],
      [e.method]: {
        tags: [e.tag],
        summary: e.summary,
        description: `Vai trò được phép: ${roles}.${e.method === 'get' ? '' : ' Cần header X-CSRF-Token (trừ đăng nhập).'}`,
        parameters: params,
        ...(e.request
          ? {
              requestBody: {
                required: true,
                content: {
                  'application/json': { schema: jsonSchemaOf(e.request), example: e.body },
                },
              },
            }
          : {}),
        responses: {
          ...success(e),
          '400': {
            description: 'Dữ liệu không hợp lệ (invalid_request)',
            content: { 'application/json': { schema: ERROR } },
          },
          '401': {
            description: 'Chưa đăng nhập (unauthenticated)',
            content: { 'application/json': { schema: ERROR } },
          },
          '403': {
            description: 'Không có quyền (forbidden) hoặc thiếu CSRF (csrf)',
            content: { 'application/json': { schema: ERROR } },
          },
        },
        security: e.roles.length ? [{ session: [] }] : [],
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'cchc-survey — API của cơ quan nội vụ',
      version: '1',
      description:
        'Đăng nhập bằng POST /api/auth/login (đặt cookie phiên); mọi thao tác thay đổi dữ liệu gửi kèm header X-CSRF-Token lấy từ kết quả đăng nhập. Lỗi: { error: { code, message, details? } }. API của người trả lời (/api/s/…) xem docs/contract.md: lần mở đầu tiên một đường dẫn trả về claim, mọi lệnh gọi sau đó gửi kèm header X-Claim (claim hoặc mã tiếp tục), thiếu hoặc sai thì 403 claimed.',
    },
    servers: [{ url: publicUrl || '/' }],
    components: {
      securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'cchc_session' } },
      schemas: { Error: jsonSchemaOf(ErrorBody) },
    },
    paths,
  };
}
