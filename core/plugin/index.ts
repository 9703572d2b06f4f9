export { discoverPlugins, type DiscoveredPlugin } from './discoverPlugins.js';
export * from './types.js';
