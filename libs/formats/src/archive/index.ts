export { gunzipBounded, type GunzipLimits } from './gzip';
export { readTar, writeTar, type TarEntry, type TarLimits } from './tar';
