import type { CoreFeature } from '../service/coreFeature.js';
import { filesFeature } from '../files/index.js';
import { workflowFeature } from '../workflow/index.js';
import { documentsFeature } from '../documents/index.js';
import { pluginRoutesFeature } from '../api/index.js';
import { csvImportFeature } from '../import/index.js';

/**
 * The optional parts of the core the server plugs in through CoreFeature.
 * The scheduler is one too, made per platform (schedulerFeature: it holds that
 * platform's running scheduler) and adds its checks to the model
 * (buildAppModel); realtime follows the service's change feed.
 */
export const CORE_FEATURES: readonly CoreFeature[] = [filesFeature, workflowFeature, documentsFeature, pluginRoutesFeature, csvImportFeature];
