/** An uploaded image: a file field with a thumbnail in its input, list cells and detail. */
import { fileFieldType } from './file.js';

export const imageField = fileFieldType(true, { cellClass: 'col-thumb' });
