import { throwIfInvalid } from './kindValidation';

const entity = {
  apiVersion: 'aligned-autonomy.io/v1alpha1',
  kind: 'Mission',
  metadata: { name: 'north-star' },
  spec: {},
};

describe('throwIfInvalid', () => {
  it('checks the envelope only once the kind found nothing, and names every problem', () => {
    const envelope = jest.fn(() => {
      throw new Error('metadata.name is bad');
    });
    expect(() =>
      throwIfInvalid('Mission', entity, ['spec.owner is required'], envelope),
    ).toThrow(
      new TypeError('Mission north-star is invalid: spec.owner is required'),
    );
    expect(envelope).not.toHaveBeenCalled();

    expect(() => throwIfInvalid('Mission', entity, [], envelope)).toThrow(
      new TypeError('Mission north-star is invalid: metadata.name is bad'),
    );
    expect(envelope).toHaveBeenCalledWith(entity);
  });

  it('returns when the kind and the envelope found nothing', () => {
    const envelope = jest.fn(() => entity);
    expect(throwIfInvalid('Mission', entity, [], envelope)).toBeUndefined();
    expect(envelope).toHaveBeenCalledTimes(1);
  });
});
