// Tests that start a backend wait for it: give them time on a machine other work keeps busy.
jest.setTimeout(60_000);
