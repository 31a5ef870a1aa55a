// Jest 30 does not apply a project's testTimeout when it runs under the root
// config, so the lessons' beforeAll hooks (tens of probe runs) got 5 s and
// failed on a loaded machine. A setup file is applied per project.
import { jest } from '@jest/globals';

jest.setTimeout(60000);
