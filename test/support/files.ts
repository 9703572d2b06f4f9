/**
 * Helpers for file-field tests: raw uploads over node:http (so a refused,
 * half-sent upload still yields the server's status), storage listings and
 * small generated images.
 */
import http from 'node:http';
import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';

export interface UploadResponse {
  status: number;
  body: any;
}

export interface UploadOptions {
  token?: string;
  /** Extra headers (cookies, CSRF); replaces the bearer token when given a Cookie. */
  headers?: Record<string, string>;
  /** Send the body as chunks without a Content-Length. */
  chunked?: boolean;
}

/** POST <url><route>?name=<name> with the raw bytes; resolves with the response even if the server stops reading. */
export function upload(url: string, route: string, name: string | null, type: string, data: Buffer, options: UploadOptions = {}): Promise<UploadResponse> {
  const target = new URL(`${url}${route}${name === null ? '' : `?name=${encodeURIComponent(name)}`}`);
  return rawUpload(target, type, data, options);
}

/** Like upload() with the query string written verbatim (for hostile encodings). */
export function rawUpload(target: URL, type: string, data: Buffer, options: UploadOptions = {}): Promise<UploadResponse> {
  const headers: Record<string, string> = { 'content-type': type, ...(options.token ? { authorization: `Bearer ${options.token}` } : {}), ...options.headers };
  if (!options.chunked) headers['content-length'] = String(data.length);
  return new Promise((resolve, reject) => {
    const req = http.request(target, { method: 'POST', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : null });
      });
      res.on('error', reject);
    });
    // The server may answer and close before the whole body is sent: that is the point of some tests.
    req.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EPIPE' && e.code !== 'ECONNRESET') reject(e);
    });
    const step = 16 * 1024;
    let offset = 0;
    const writeMore = () => {
      while (offset < data.length) {
        const ok = req.write(data.subarray(offset, offset + step));
        offset += step;
        if (!ok) return void req.once('drain', writeMore);
      }
      req.end();
    };
    writeMore();
  });
}

/** Every file under `dir`, as paths relative to it. */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

export function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

export function png(width: number, height: number, color = '#3366cc'): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: color } })
    .png()
    .toBuffer();
}

export function jpeg(width: number, height: number, color = '#cc6633'): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: color } })
    .jpeg()
    .toBuffer();
}

/** Sends the headers and part of the body of an upload, then drops the connection. */
export function abandonedUpload(url: string, route: string, token: string, total: number, sent: number): Promise<void> {
  return new Promise((resolve) => {
    const req = http.request(new URL(`${url}${route}?name=meio.png`), {
      method: 'POST',
      headers: { 'content-type': 'image/png', 'content-length': String(total), authorization: `Bearer ${token}` },
    });
    req.on('error', () => resolve());
    req.write(Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(sent - 8, 3)]), () => {
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 100);
    });
  });
}
