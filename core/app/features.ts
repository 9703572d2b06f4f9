import type { CoreFeature } from '../service/coreFeature.js';
import { filesFeature } from '../files/index.js';
import { workflowFeature } from '../workflow/index.js';
import { schedulerFeature } from '../scheduler/index.js';
import { documentsFeature } from '../documents/index.js';

/** The optional parts of the core, each plugged in through the extension points of CoreFeature. */
export const CORE_FEATURES: readonly CoreFeature[] = [filesFeature, workflowFeature, schedulerFeature, documentsFeature];
