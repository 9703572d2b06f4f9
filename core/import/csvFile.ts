/**
 * An uploaded CSV file: the request body spooled to a temporary file (at most
 * `maxBytes`, never whole in memory), its encoding and delimiter detected, then
 * read as records with csv-parse, streaming, as often as needed (once to count
 * its rows for the progress bar, once to import them).
 *
 * Encoding: UTF-8, with or without BOM. A file that is not valid UTF-8 is read
 * as Windows-1252 (Latin-1 plus € and typographic quotes), what Excel in Brazil
 * writes for "CSV (separado por vírgulas)"; the preview names the encoding used.
 * Delimiter: `;`, `,` or tab, whichever the header line holds most of (outside quotes).
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse } from 'csv-parse';
import { ValidationError } from '../errors/index.js';

export type CsvEncoding = 'utf-8' | 'windows-1252';

export interface CsvLimits {
  maxBytes: number;
  maxRows: number;
}

export interface CsvFile {
  encoding: CsvEncoding;
  delimiter: string;
  headers: string[];
  /** Data rows (blank lines aside). */
  rows: number;
  records(): AsyncGenerator<CsvRecord>;
  remove(): Promise<void>;
}

export interface CsvRecord {
  /** The line the record starts on, counting the header as line 1: the row number a spreadsheet shows. */
  row: number;
  cells: string[];
}

const DELIMITERS = [';', ',', '\t'];

export async function receiveCsv(body: Readable, limits: CsvLimits): Promise<CsvFile> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'forja-import-'));
  const file = path.join(dir, 'upload.csv');
  const remove = () => rm(dir, { recursive: true, force: true });
  try {
    await pipeline(body, limitBytes(limits.maxBytes), createWriteStream(file));
    const encoding: CsvEncoding = (await isUtf8(file)) ? 'utf-8' : 'windows-1252';
    const delimiter = detectDelimiter(await firstLine(file, encoding));
    const read = () => readRecords(file, encoding, delimiter);
    let headers: string[] | undefined;
    let rows = 0;
    for await (const record of read()) {
      if (!headers) headers = record.cells.map((c) => c.trim());
      else if (++rows > limits.maxRows) throw new ValidationError(`The file has more than ${limits.maxRows} rows (IMPORT_MAX_ROWS); split it`);
    }
    if (!headers) throw new ValidationError('The file is empty: the first line must name the columns');
    return {
      encoding,
      delimiter,
      headers,
      rows,
      async *records() {
        let first = true;
        for await (const record of read()) {
          if (!first) yield record;
          first = false;
        }
      },
      remove,
    };
  } catch (e) {
    await remove();
    throw e;
  }
}

function limitBytes(maxBytes: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      if (seen > maxBytes) done(new ValidationError(`The file is larger than ${Math.floor(maxBytes / 1024 / 1024)} MB (IMPORT_MAX_BYTES)`));
      else done(null, chunk);
    },
  });
}

async function isUtf8(file: string): Promise<boolean> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    for await (const chunk of createReadStream(file)) decoder.decode(chunk as Buffer, { stream: true });
    decoder.decode();
    return true;
  } catch {
    return false;
  }
}

function decoded(file: string, encoding: CsvEncoding): Readable {
  // TextDecoder drops a UTF-8 BOM and keeps characters split across chunks whole.
  const decoder = new TextDecoder(encoding);
  const decode = new Transform({
    transform(chunk: Buffer, _e, done) {
      done(null, decoder.decode(chunk, { stream: true }));
    },
    flush(done) {
      done(null, decoder.decode());
    },
  });
  return createReadStream(file).pipe(decode);
}

async function firstLine(file: string, encoding: CsvEncoding): Promise<string> {
  let text = '';
  for await (const chunk of decoded(file, encoding)) {
    text += String(chunk);
    if (text.includes('\n') || text.length > 65_536) break;
  }
  return text.split('\n')[0] ?? '';
}

function detectDelimiter(header: string): string {
  const unquoted = header.replace(/"[^"]*"/g, '');
  const counts = DELIMITERS.map((d) => unquoted.split(d).length - 1);
  const best = counts.indexOf(Math.max(...counts));
  return counts[best]! > 0 ? DELIMITERS[best]! : ',';
}

async function* readRecords(file: string, encoding: CsvEncoding, delimiter: string): AsyncGenerator<CsvRecord> {
  const parser = decoded(file, encoding).pipe(parse({ delimiter, relax_column_count: true, skip_empty_lines: true, info: true }));
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      // csv-parse counts the line a record ends on; cells may hold line breaks.
      const breaks = record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0);
      if (record.every((cell) => cell.trim() === '')) continue;
      yield { row: info.lines - breaks, cells: record };
    }
  } catch (e) {
    if (e instanceof ValidationError) throw e;
    throw new ValidationError(`The file is not valid CSV: ${(e as Error).message}`);
  } finally {
    parser.destroy();
  }
}
