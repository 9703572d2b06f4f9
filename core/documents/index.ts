export { buildDocumentRoutes } from './documentRoutes.js';
export { documentsFeature } from './documentsFeature.js';
