import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// Component tests render real MUI trees and wait for them; on a busy machine (a portal in watch
// mode beside the tests, a second install) that takes several times as long as on a quiet one.
// Give the real work headroom: a test fails on a wrong result, not on a slow core.
jest.setTimeout(60_000);
configure({ asyncUtilTimeout: 10_000 });
