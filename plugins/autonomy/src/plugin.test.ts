import { autonomyPlugin } from './plugin';

describe('autonomyPlugin', () => {
  it('has the id autonomy', () => {
    expect(autonomyPlugin.getId()).toBe('autonomy');
  });
});
