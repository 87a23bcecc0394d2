// Upload bodies for API tests: multipart/form-data built by hand, so a test controls every
// byte the route reads (file name, content type, field order), for Client.post(url, body, headers).
import crypto from 'node:crypto';

/** The file part; without a content type or field name it goes as a generic file named "file". */
export interface FormFile {
  name: string;
  content: Buffer;
  contentType?: string;
  field?: string;
}

/**
 * A multipart/form-data body: the text fields, in their order, then the file. Fields come
 * first because the upload routes read them before the file stream (and refuse them after it).
 */
export function multipartForm(file: FormFile, fields: Record<string, string> = {}): { body: Buffer; headers: Record<string, string> } {
  const boundary = `----hrl${crypto.randomBytes(8).toString('hex')}`;
  const fieldParts = Object.entries(fields).map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
  const fileHead = `--${boundary}\r\nContent-Disposition: form-data; name="${file.field ?? 'file'}"; filename="${file.name}"\r\n`
    + `Content-Type: ${file.contentType ?? 'application/octet-stream'}\r\n\r\n`;
  return {
    body: Buffer.concat([Buffer.from(fieldParts.join('') + fileHead, 'utf8'), file.content, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}
