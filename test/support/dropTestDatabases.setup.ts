/** vitest setup file: no server database a test file made outlives that file. */
import { afterAll } from 'vitest';
import { releaseAllTestDatabases } from './testDatabase.js';

afterAll(releaseAllTestDatabases);
