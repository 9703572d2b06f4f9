import { pathToFileURL } from 'node:url';

/**
 * Runs a CLI's `main` only when `moduleUrl` is the script Node was started with,
 * so tests can import the CLI's function; its result becomes the exit code, and
 * a failure is its message alone, without a stack.
 */
export function runAsScript(moduleUrl: string, main: (args: readonly string[], root: string) => Promise<number>): void {
  if (!process.argv[1] || moduleUrl !== pathToFileURL(process.argv[1]).href) return;
  main(process.argv.slice(2), process.cwd()).then(
    (code) => {
      process.exitCode = code;
    },
    (error: Error) => {
      console.error(error.message);
      process.exitCode = 1;
    },
  );
}
