export type * from './types.js';
export { compileAppModel } from './compileAppModel.js';
