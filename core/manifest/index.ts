export { loadManifests, type LoadedManifest } from './loadManifests.js';
export { ManifestError, formatManifestIssues, type ManifestIssue } from './issues.js';
export { SYSTEM_COLUMNS, BUILT_IN_GRANTS, type ManifestCheck } from './crossCheck.js';
export { ANY_STATE } from './checkWorkflows.js';
export type * from './types.js';
