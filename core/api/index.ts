export { buildAppRouter } from './buildAppRouter.js';
export { createContextFactory, type ApiContext } from './trpc.js';
export { MAX_PAGE_SIZE } from './entitySchemas.js';
export { singleCallHandler } from './singleCallHandler.js';
export { buildCsvExport } from './csvExport.js';
export { pluginRoutesFeature } from './pluginRoutes.js';
