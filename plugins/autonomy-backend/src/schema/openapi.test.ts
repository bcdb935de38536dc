import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

describe('openapi.yaml', () => {
  it('is what the committed generated code was generated from', () => {
    // Fails, naming the stale files, until `yarn generate` is run after a change to the spec.
    expect(() =>
      execFileSync(
        process.execPath,
        [resolve(__dirname, '../../scripts/generate-openapi.mjs'), '--check'],
        { stdio: 'pipe' },
      ),
    ).not.toThrow();
  });
});
