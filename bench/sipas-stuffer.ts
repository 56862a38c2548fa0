import { Agent } from 'node:http';
import { answerBody, call, solve } from './sipas-client';

/**
 * A stuffing script (issue #14 bench), run as its own process: for `seconds`, as fast as one
 * core allows, GET a challenge, solve it, POST a wholly satisfied answer to `point`. `one`
 * keeps one device cookie (one session); `many` drops it every time (a new session per answer).
 * Prints `{ sent, byStatus, solveMs }` as JSON.
 */
const [baseUrl = '', point = '', mode = 'one', seconds = '60'] = process.argv.slice(2);
const agent = new Agent({ keepAlive: true, maxSockets: 4 });
const deadline = Date.now() + Number(seconds) * 1000;
const byStatus: Record<string, number> = {};
let sent = 0;
let solveMs = 0;
let cookie = '';
while (Date.now() < deadline) {
  try {
    const view = await call(agent, `${baseUrl}/api/p/${point}`, 'GET', cookie ? { cookie } : {});
    if (view.setCookie && (mode === 'many' || !cookie)) cookie = view.setCookie;
    if (view.status !== 200) {
      byStatus[`GET ${view.status}`] = (byStatus[`GET ${view.status}`] ?? 0) + 1;
      continue;
    }
    const { challenge } = JSON.parse(view.text) as { challenge: string };
    const t = performance.now();
    const proof = solve(challenge);
    solveMs += performance.now() - t;
    const res = await call(
      agent,
      `${baseUrl}/api/p/${point}/submit`,
      'POST',
      { cookie },
      answerBody(proof, '5'),
    );
    sent++;
    byStatus[res.status] = (byStatus[res.status] ?? 0) + 1;
    if (mode === 'many') cookie = '';
  } catch {
    byStatus.error = (byStatus.error ?? 0) + 1;
  }
}
agent.destroy();
console.log(JSON.stringify({ mode, sent, byStatus, solveMs }));
