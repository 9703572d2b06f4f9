import type { CoreFeature } from '../service/coreFeature.js';
import { filesFeature } from '../files/index.js';
import { workflowFeature } from '../workflow/index.js';
import { documentsFeature } from '../documents/index.js';

/**
 * The optional parts of the core the server plugs in through CoreFeature.
 * The scheduler adds its checks to the model (buildAppModel) and is started
 * by the server; realtime follows the service's change feed.
 */
export const CORE_FEATURES: readonly CoreFeature[] = [filesFeature, workflowFeature, documentsFeature];
