export { ChangeFeed, type ChangeEvent } from './changeFeed.js';
