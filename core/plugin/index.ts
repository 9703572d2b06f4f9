export { discoverPlugins, type DiscoveredPlugin } from './discoverPlugins.js';
export * from './types.js';
export { moduleSettings, type ModuleSettings } from './moduleSettings.js';
