/** Output kept per run: later lines win, so the end of a long log (where errors are) survives the cap. */
export const OUTPUT_CAP_CHARS = 64_000;

export class RunOutput {
  private dropped = 0;
  progress: number | null = null;
  progressMessage: string | null = null;
  /** Something changed since the last `take`. */
  dirty = false;

  /** `text`: what earlier attempts of the run left, which this attempt's lines follow. */
  constructor(private text = '') {}

  append(line: string): void {
    this.text += (this.text ? '\n' : '') + line;
    if (this.text.length > OUTPUT_CAP_CHARS) {
      const cut = this.text.length - OUTPUT_CAP_CHARS;
      this.dropped += cut;
      this.text = this.text.slice(cut);
    }
    this.dirty = true;
  }

  report(fraction: number, message?: string): void {
    this.progress = Math.round(Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0)) * 100);
    if (message !== undefined) this.progressMessage = message.slice(0, 200);
    this.dirty = true;
  }

  /** The columns to write, clearing the dirty flag. */
  take(): { output: string; progress: number | null; progress_message: string | null } {
    this.dirty = false;
    const head = this.dropped > 0 ? `[… ${this.dropped} earlier characters dropped]\n` : '';
    return { output: head + this.text, progress: this.progress, progress_message: this.progressMessage };
  }
}
