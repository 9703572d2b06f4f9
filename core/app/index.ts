// CORE_FEATURES (./features.js) stays out of this front door: job threads build the model through it and must not load the features' runtime.
export { buildAppModel, type ModelSources } from './buildAppModel.js';
export { platformSecrets } from './platformSecrets.js';
