export type * from './types.js';
export { compileAppModel, type PluginCheck } from './compileAppModel.js';
