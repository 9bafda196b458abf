// Runs the TypeScript sources directly: SWC transpiles on require, keeping the
// decorator metadata NestJS needs for dependency injection.
process.env.SWCRC = process.env.SWCRC || 'true';
require('@swc-node/register');
