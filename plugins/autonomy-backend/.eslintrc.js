module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  rules: {
    // Property tests assert through fast-check, which fails the test with the smallest counterexample.
    'jest/expect-expect': [
      'warn',
      { assertFunctionNames: ['expect', 'fc.assert', 'request.**.expect'] },
    ],
  },
});
