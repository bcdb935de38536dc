module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  overrides: [
    {
      // Browser tests run in Node (Playwright), not in the browser: reading a download is fine.
      files: ['e2e-tests/**'],
      rules: { 'no-restricted-imports': 'off' },
    },
  ],
});
