/** Plugins import core as `#core` and the shell as `#ui-plugin`, nothing else of either. */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { forbiddenPluginImports } from './support/pluginImports.js';
import { ROOT } from './support/testPlatform.js';

describe('what plugins import', () => {
  const made: string[] = [];
  afterAll(() => Promise.all(made.map((d) => rm(d, { recursive: true, force: true }))));

  it('every plugin reaches core and the shell through #core and #ui-plugin only', async () => {
    expect(await forbiddenPluginImports(path.join(ROOT, 'plugins'))).toEqual([]);
  });

  it('a relative path into core or ui, or the other room, is caught', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'forja-imports-'));
    made.push(dir);
    await mkdir(path.join(dir, 'demo', 'ui'), { recursive: true });
    await writeFile(
      path.join(dir, 'demo', 'index.ts'),
      "import { definePlugin } from '#core';\nimport { EntityService } from '../../core/service/entityService.js';\nimport { x } from '#ui-plugin';\nimport { y } from './own.js';\n",
    );
    await writeFile(
      path.join(dir, 'demo', 'ui', 'index.tsx'),
      "import { formatDecimal } from '#ui-plugin';\nimport { callQuery } from '../../../ui/src/api/apiClient.js';\nconst p = import('../../other/index.js');\n",
    );
    expect(await forbiddenPluginImports(dir)).toEqual([
      { file: path.join('demo', 'index.ts'), specifier: '../../core/service/entityService.js' },
      { file: path.join('demo', 'index.ts'), specifier: '#ui-plugin' },
      { file: path.join('demo', 'ui', 'index.tsx'), specifier: '../../../ui/src/api/apiClient.js' },
      { file: path.join('demo', 'ui', 'index.tsx'), specifier: '../../other/index.js' },
    ]);
  });
});
