import type { CoreFeature } from '../service/coreFeature.js';
import { checkLockedOnCreate, checkLockedOnUpdate } from './lockedFields.js';
import { WorkflowService } from './workflowService.js';

/** Workflows: locked fields change only through transitions, which plugins take through DataAccess too. */
export const workflowFeature: CoreFeature = {
  name: 'workflow',
  entityExtension: (services) => ({
    admitCreate: checkLockedOnCreate,
    admitUpdate: checkLockedOnUpdate,
    transition: (entity, user, request, tx) => new WorkflowService(entity, services).transition(user, request, tx),
  }),
};
