/** A multipart/form-data body for `app.inject`, built by hand: the files with the names and types the client claims. */
import { randomUUID } from 'node:crypto';

export interface FormFile {
  name: string;
  bytes: Buffer;
  /** The client's claim; the server never trusts it. */
  contentType?: string;
  /** The form field; `files` unless a test sends something else. */
  field?: string;
}

export function multipartBody(files: readonly FormFile[], fields: Record<string, string> = {}): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----yixian-${randomUUID()}`;
  const chunks: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  for (const file of files) {
    chunks.push(Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${file.field ?? 'files'}"; filename="${file.name}"\r\n`
      + `Content-Type: ${file.contentType ?? 'application/octet-stream'}\r\n\r\n`,
    ));
    chunks.push(file.bytes, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
