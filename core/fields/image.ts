/** An uploaded image (PNG, JPEG, GIF or WebP by default), shown with a thumbnail. */
import { fileLikeType } from './fileLike.js';
import { IMAGE_TYPES } from '../values/fileTypes.js';

export const image = fileLikeType('image', IMAGE_TYPES, true);
