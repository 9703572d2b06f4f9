/** An uploaded file of any type the platform can check. */
import { fileLikeType } from './fileLike.js';
import { ALL_TYPES } from '../values/fileTypes.js';

export const file = fileLikeType('file', ALL_TYPES, false);
