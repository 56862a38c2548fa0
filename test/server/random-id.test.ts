import { parseArgs } from 'node:util';
import { describe, expect, it } from 'vitest';
import { csvCell } from '../../server/csv';
import { randomId } from '../../server/secrets';

// Ids are cited by people: a run id goes into `cli results --run <id>` and into the results CSV.
// base64url starts one id in 32 with "-" or "_": "-" made the CLI read it as an option and the
// CSV quote it as a would-be formula (the run:id row then read "'-…": a CI run failed on it).
describe('randomId', () => {
  const ids = Array.from({ length: 5000 }, randomId);

  it('is 22 URL-safe characters that begin with a letter or digit', () => {
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9][A-Za-z0-9_-]{21}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('passes as a CLI option value and stays a plain CSV cell', () => {
    for (const id of ids.slice(0, 500)) {
      const { values } = parseArgs({
        args: ['--run', id],
        options: { run: { type: 'string' } },
        strict: true,
      });
      expect(values.run).toBe(id);
      expect(csvCell(id)).toBe(id);
    }
  });
});
