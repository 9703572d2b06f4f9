export { buildDocumentRoutes } from './documentRoutes.js';
