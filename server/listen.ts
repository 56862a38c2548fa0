import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';

/**
 * How long the server waits on a client. Node's defaults (300 s for a request, 60 s for its
 * headers, checked every 30 s) let a few hundred sockets that trickle their headers or body a
 * byte at a time stay open for five minutes each. A phone on 3G sends a 20 KB submit in well
 * under a second; 60 s for the whole request (REQUEST_TIMEOUT) leaves a wide margin for a bad
 * connection and for an office's roster upload. Slow clients hold no submit slot meanwhile
 * (respondent/routes.ts counts only validated work); behind nginx they never reach Node at all.
 */
export interface Timeouts {
  /** The request line and headers must arrive within this (408 otherwise). */
  headersMs: number;
  /** The whole request, body included, must arrive within this (408 otherwise). */
  requestMs: number;
  /** An idle keep-alive connection is closed after this. */
  keepAliveMs: number;
  /** How often Node looks for requests past their timeouts. */
  checkEveryMs: number;
}

export const TIMEOUTS: Timeouts = {
  headersMs: 10_000,
  requestMs: 60_000,
  keepAliveMs: 5_000,
  checkEveryMs: 1_000,
};

type Fetch = Parameters<typeof serve>[0]['fetch'];

/** Serves `fetch` over HTTP with the timeouts above; resolves once listening. */
export function listen(
  fetch: Fetch,
  options: { port: number; hostname?: string; timeouts?: Partial<Timeouts> },
) {
  const t = { ...TIMEOUTS, ...options.timeouts };
  return new Promise<{ server: Server; port: number }>((ok) => {
    const server = serve(
      {
        fetch,
        port: options.port,
        ...(options.hostname ? { hostname: options.hostname } : {}),
        serverOptions: {
          headersTimeout: t.headersMs,
          requestTimeout: t.requestMs,
          keepAliveTimeout: t.keepAliveMs,
          connectionsCheckingInterval: t.checkEveryMs,
        },
      },
      (info: AddressInfo) => ok({ server: server as Server, port: info.port }),
    );
    // Not every Node 20 release reads this one from the options: set it on the server too.
    (server as Server).keepAliveTimeout = t.keepAliveMs;
  });
}
