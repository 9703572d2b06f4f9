import type { EntityExtensionFactory } from '../service/entityServices.js';
import { checkFileValues, withFileFacts } from './recordFiles.js';

/** File and image fields in every entity's rules: a write attaches only the writer's own uploads; rows carry their files' facts. */
export const filesExtension: EntityExtensionFactory = ({ repos }) => ({
  checkValues: (entity, user, data, previous, tx, prefix) => checkFileValues(repos, entity, user, data, previous, tx, prefix),
  decorateRows: (entity, rows, tx) => withFileFacts(repos, entity, rows, tx),
});
