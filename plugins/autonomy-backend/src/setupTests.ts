// Backend tests start test backends, spec-checking proxies and analyses over SQLite and
// PostgreSQL; on a busy machine (other test runs, a portal in watch mode) that takes several times
// as long as on a quiet one. A test fails on a wrong result, not on a slow core.
jest.setTimeout(60_000);
