// Static Site: the stack (bucket, origin access control, distribution) and the list of files the deploy uploads.
export { buildStaticSiteStack } from './stack';
export { listSiteFiles, localDirectories } from './files';
export type { DirectoryReader, SiteFile } from './files';
export { contentType } from './content-type';
