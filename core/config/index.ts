export { loadConfig, ConfigError, type Config } from './loadConfig.js';
