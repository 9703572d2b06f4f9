export { FileInput } from './FileInput.js';
export { NO_FILE, type FileValue } from './fileValue.js';
export { FileValueView } from './FileValueView.js';
export { DocumentLinks } from './DocumentLinks.js';
export { fileUrl } from './fileUrls.js';
