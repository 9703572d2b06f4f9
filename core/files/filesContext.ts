import type { EntityServices } from '../service/entityServices.js';
import type { FileStore } from '../plugin/fileStore.js';

/** What serving files needs: the entity rules (who may read a record) and where the contents are. */
export interface FilesContext {
  services: EntityServices;
  store: FileStore;
}
