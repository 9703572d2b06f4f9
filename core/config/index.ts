export { loadConfig, ConfigError, type Config, type S3StoreSettings } from './loadConfig.js';
