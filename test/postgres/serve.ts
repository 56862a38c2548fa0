// A throwaway PostgreSQL for trying things by hand: `npx tsx test/postgres/serve.ts` prints its
// URL and keeps it running until Ctrl-C (then the cluster is deleted). With
// TEST_PG_URL=<that URL> the tests use it instead of starting their own.
import { startPostgres } from './server';

const server = await startPostgres();
console.log(server.url);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    server.stop();
    process.exit(0);
  });
}
setInterval(() => undefined, 1 << 30);
