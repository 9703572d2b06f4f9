export { documentsFeature } from './documentsFeature.js';
