import { afterAll } from 'vitest';
import { dropFreshDatabases } from '../db';

// vitest setupFiles: after each test file, the PostgreSQL databases it made are dropped, so a
// whole run does not leave hundreds of copies of the template on the disk. Nothing on SQLite.
afterAll(dropFreshDatabases);
