import type { CoreFeature } from '../service/coreFeature.js';
import { buildDocumentRoutes } from './documentRoutes.js';

/** Plugin documents: downloads generated from one record, at /documents. */
export const documentsFeature: CoreFeature = {
  name: 'documents',
  routes: [{ path: '/documents', build: ({ services, fileStore, sessions }) => buildDocumentRoutes({ services, store: fileStore }, sessions) }],
};
