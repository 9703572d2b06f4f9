/** A file field's form value. */
export interface FileValue {
  id: number | null;
  name: string;
  size: number | null;
  /** The current image: its thumbnail on the server, or a local preview of a new upload. */
  preview: string | null;
}

export const NO_FILE: FileValue = { id: null, name: '', size: null, preview: null };
