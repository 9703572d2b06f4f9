import type { CoreFeature } from '../service/coreFeature.js';
import { checkFileValues, withFileFacts } from './recordFiles.js';
import { buildFileRoutes } from './fileRoutes.js';
import { pluginFiles, serverFileHost } from './pluginFiles.js';

/**
 * File and image fields: a write attaches only the writer's own uploads for
 * that field, rows carry their files' facts (`_files`), /files uploads and
 * serves them, and plugin code attaches and reads them through `ctx.files`.
 */
export const filesFeature: CoreFeature = {
  name: 'files',
  entityExtension: (services) => ({
    checkValues: (entity, user, data, previous, tx, prefix) => checkFileValues(services.repos, entity, user, data, previous, tx, prefix),
    decorateRows: (entity, rows, tx) => withFileFacts(services.repos, entity, rows, tx),
    pluginFiles: (module, user, tx) => pluginFiles(services.model, services.fileStore, module, user, serverFileHost(services, user, tx)),
  }),
  routes: [{ path: '/files', rawBody: true, build: ({ services, fileStore, sessions }) => buildFileRoutes({ services, store: fileStore }, sessions) }],
};
