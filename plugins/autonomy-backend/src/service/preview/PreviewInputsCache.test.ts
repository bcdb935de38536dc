import type { PreviewInput } from '../../domain/guardrails/preview/previewInputs';
import { PreviewInputsCache } from './PreviewInputsCache';

const input = (ref: string, kind: string): PreviewInput => ({
  ref,
  kind,
  title: ref,
  linkCount: 0,
});

/** A store whose version and inputs the test sets, counting full reads. */
function fakeStore(options?: { keepWarm?: boolean }) {
  const state = {
    version: undefined as string | undefined,
    inputs: [] as PreviewInput[],
    reads: 0,
    fail: false,
  };
  const store = {
    inputsVersion: async () => state.version,
    readInputs: async (kinds?: string[]) => {
      state.reads++;
      if (state.fail) throw new Error('database gone');
      return kinds
        ? state.inputs.filter(i => kinds.includes(i.kind))
        : state.inputs;
    },
  };
  return { state, cache: new PreviewInputsCache(store, options) };
}

describe('PreviewInputsCache', () => {
  it('reads the inputs once per version and filters kinds from its copy', async () => {
    const { state, cache } = fakeStore();
    state.version = 'v1';
    state.inputs = [
      input('api:default/a', 'api'),
      input('component:default/b', 'component'),
    ];
    expect(await cache.read(['component'])).toEqual([state.inputs[1]]);
    expect(await cache.read()).toEqual(state.inputs);
    // The same kinds are filtered once per version.
    expect(await cache.read(['component'])).toBe(
      await cache.read(['component']),
    );
    expect(state.reads).toBe(1);

    state.version = 'v2';
    state.inputs = [input('component:default/c', 'component')];
    expect(await cache.read(['component'])).toEqual(state.inputs);
    expect(state.reads).toBe(2);
  });

  it('keeps a copy current after a run, once a preview made one, and holds none before', async () => {
    const { state, cache } = fakeStore();
    state.version = 'v1';
    state.inputs = [input('component:default/b', 'component')];
    await cache.refresh();
    expect(state.reads).toBe(0);

    await cache.read();
    state.version = 'v2';
    state.inputs = [input('component:default/c', 'component')];
    await cache.refresh();
    expect(state.reads).toBe(2);
    // The next preview finds the new inputs already read.
    expect(await cache.read()).toEqual(state.inputs);
    expect(state.reads).toBe(2);
  });

  it('kept warm, makes its copy as soon as a run stored inputs, so the first preview reads none', async () => {
    const { state, cache } = fakeStore({ keepWarm: true });
    // Before any run there is nothing to copy.
    await cache.refresh();
    expect(state.reads).toBe(0);

    state.version = 'v1';
    state.inputs = [input('component:default/b', 'component')];
    await cache.refresh();
    expect(state.reads).toBe(1);
    await cache.refresh();
    expect(state.reads).toBe(1);
    expect(await cache.read(['component'])).toEqual(state.inputs);
    expect(state.reads).toBe(1);

    state.version = 'v2';
    state.inputs = [input('component:default/c', 'component')];
    await cache.refresh();
    expect(state.reads).toBe(2);
    expect(await cache.read()).toEqual(state.inputs);
    expect(state.reads).toBe(2);
  });

  it('kept warm, tells of a failed refresh and tries again at the next one', async () => {
    const { state, cache } = fakeStore({ keepWarm: true });
    state.version = 'v1';
    state.fail = true;
    await expect(cache.refresh()).rejects.toThrow('database gone');
    state.fail = false;
    state.inputs = [input('component:default/b', 'component')];
    await cache.refresh();
    expect(state.reads).toBe(2);
    expect(await cache.read()).toEqual(state.inputs);
    expect(state.reads).toBe(2);
  });

  it('shares one read between concurrent previews', async () => {
    const { state, cache } = fakeStore();
    state.version = 'v1';
    state.inputs = [input('component:default/b', 'component')];
    const answers = await Promise.all([
      cache.read(),
      cache.read(),
      cache.read(),
    ]);
    expect(answers).toEqual([state.inputs, state.inputs, state.inputs]);
    expect(state.reads).toBe(1);
  });

  it('reads the database every time while the inputs have no version', async () => {
    const { state, cache } = fakeStore();
    state.inputs = [input('component:default/b', 'component')];
    await cache.read();
    await cache.read();
    expect(state.reads).toBe(2);
  });

  it('does not keep a failed read', async () => {
    const { state, cache } = fakeStore();
    state.version = 'v1';
    state.fail = true;
    await expect(cache.read()).rejects.toThrow('database gone');
    state.fail = false;
    state.inputs = [input('component:default/b', 'component')];
    expect(await cache.read()).toEqual(state.inputs);
    expect(state.reads).toBe(2);
  });
});
