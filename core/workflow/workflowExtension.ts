import type { EntityExtensionFactory } from '../service/entityServices.js';
import { checkLockedOnCreate, checkLockedOnUpdate } from './lockedFields.js';
import { WorkflowService } from './workflowService.js';

/** Workflows in every entity's rules: locked fields change only through transitions, which DataAccess can take. */
export const workflowExtension: EntityExtensionFactory = (services) => ({
  admitCreate: checkLockedOnCreate,
  admitUpdate: checkLockedOnUpdate,
  transition: (entity, user, request, tx) => new WorkflowService(entity, services).transition(user, request, tx),
});
