import { type Agent, request } from 'node:http';
import { builtInSipasDefinition } from '../questionnaires';
import { solver } from '../survey-client/shared/pow';

/**
 * A SIPAS answer as a phone sends it (issue #14 bench): GET the questions and a challenge (the
 * server gives the device cookie), solve the proof of work, POST the answer with the cookie.
 * Used by the honest clients of bench/sipas.ts and the stuffing scripts (bench/sipas-stuffer.ts).
 */
export interface Prepared {
  cookie: string;
  body: string;
}

/** JSON over node:http (keep-alive agent), with the status, the body and the Set-Cookie. */
export function call(
  agent: Agent,
  url: string,
  method: 'GET' | 'POST',
  headers: Record<string, string>,
  body?: string,
): Promise<{ status: number; text: string; setCookie: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method,
        agent,
        timeout: 10_000,
        headers: {
          ...headers,
          ...(body === undefined
            ? {}
            : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => {
          text += d;
        });
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            text,
            setCookie: String(res.headers['set-cookie']?.[0] ?? '').split(';')[0] ?? '',
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(body);
  });
}

const definition = builtInSipasDefinition();
let serial = 0;

/**
 * A whole answer: every satisfaction question at `level`, or (an honest phone) at a level drawn
 * between 3 and 5 for each, so that two honest forms are rarely identical; a channel.
 */
export function answerBody(proof: { challenge: string; nonce: string }, level?: string) {
  serial++;
  const answers: Record<string, string | string[]> = {};
  for (const aspect of definition.aspects)
    for (const e of aspect.elements)
      answers[e.id] = level ?? String(3 + Math.floor(Math.random() * 3));
  answers.KENH = 'TRUC_TIEP';
  return JSON.stringify({
    submissionId: `bench${process.pid}x${serial}x${Date.now().toString(36)}`,
    answers,
    proof,
  });
}

export function solve(challenge: string) {
  const nonce = solver(challenge)(0, 1 << 30);
  if (nonce === null) throw new Error('unsolved');
  return { challenge, nonce };
}

/** One honest phone ready to send: its cookie and a body whose proof is solved. */
export async function prepare(agent: Agent, baseUrl: string, point: string): Promise<Prepared> {
  const view = await call(agent, `${baseUrl}/api/p/${point}`, 'GET', {});
  if (view.status !== 200) throw new Error(`GET /api/p/${point}: ${view.status} ${view.text}`);
  const { challenge } = JSON.parse(view.text) as { challenge: string };
  return { cookie: view.setCookie, body: answerBody(solve(challenge)) };
}
