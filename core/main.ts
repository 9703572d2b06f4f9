/** `npm start`: configuration from the environment, then the platform; clean exit on SIGTERM/SIGINT. */
import { loadConfig, ConfigError } from './config/index.js';
import { ManifestError } from './manifest/index.js';
import { startPlatform } from './server/startPlatform.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const platform = await startPlatform(config);
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      platform.logger.info({ signal }, 'shutting down: finishing in-flight requests');
      void platform.stop().then(() => process.exit(0));
    });
  }
}

main().catch((e: unknown) => {
  // Known start-up problems get their message, not a stack trace.
  const known = e instanceof ConfigError || e instanceof ManifestError;
  process.stderr.write(`\nForja did not start.\n${known ? (e as Error).message : ((e as Error).stack ?? String(e))}\n`);
  process.exit(1);
});
