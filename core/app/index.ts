export { buildAppModel, type ModelSources } from './buildAppModel.js';
export { CORE_FEATURES } from './features.js';
