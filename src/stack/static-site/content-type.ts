// The Content-Type a site file is uploaded with, from its extension. CloudFront serves what S3 stores, so a
// stylesheet stored as application/octet-stream would be downloaded by browsers instead of applied.

const UTF8 = '; charset=utf-8';

const TYPES: Record<string, string> = {
  html: `text/html${UTF8}`,
  htm: `text/html${UTF8}`,
  css: `text/css${UTF8}`,
  js: `text/javascript${UTF8}`,
  mjs: `text/javascript${UTF8}`,
  cjs: `text/javascript${UTF8}`,
  json: 'application/json',
  map: 'application/json',
  webmanifest: 'application/manifest+json',
  xml: `text/xml${UTF8}`,
  txt: `text/plain${UTF8}`,
  md: `text/markdown${UTF8}`,
  csv: `text/csv${UTF8}`,
  yaml: `application/yaml`,
  yml: `application/yaml`,
  svg: 'image/svg+xml',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  ico: 'image/vnd.microsoft.icon',
  bmp: 'image/bmp',
  tif: 'image/tiff',
  tiff: 'image/tiff',
  woff: 'font/woff',
  woff2: 'font/woff2',
  ttf: 'font/ttf',
  otf: 'font/otf',
  eot: 'application/vnd.ms-fontobject',
  wasm: 'application/wasm',
  pdf: 'application/pdf',
  zip: 'application/zip',
  gz: 'application/gzip',
  mp3: 'audio/mpeg',
  wav: 'audio/wav',
  ogg: 'audio/ogg',
  mp4: 'video/mp4',
  webm: 'video/webm',
};

/** What S3 itself stores when it is told nothing. */
export const DEFAULT_CONTENT_TYPE = 'application/octet-stream';

export function contentType(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  if (dot <= 0) return DEFAULT_CONTENT_TYPE;
  return TYPES[fileName.slice(dot + 1).toLowerCase()] ?? DEFAULT_CONTENT_TYPE;
}
