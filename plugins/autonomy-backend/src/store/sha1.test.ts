import { createHash } from 'crypto';

const texts = ['', 'component:default/shop', 'ç “quoted” 😀\n{"a":[1,2]}'];
const expected = texts.map(t => createHash('sha1').update(t).digest('base64'));

describe('sha1Base64', () => {
  it('gives the digest of a createHash object, with the one-shot hash', () => {
    const { sha1Base64 } = jest.requireActual('./sha1');
    expect(texts.map(sha1Base64)).toEqual(expected);
  });

  it('gives the same digests on a Node 20 without the one-shot hash', () => {
    jest.isolateModules(() => {
      jest.doMock('crypto', () => ({
        ...jest.requireActual('crypto'),
        hash: undefined,
      }));
      const { sha1Base64 } = require('./sha1');
      expect(texts.map(sha1Base64)).toEqual(expected);
    });
  });
});
