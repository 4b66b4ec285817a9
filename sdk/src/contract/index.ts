export * from './common.js';
export * from './ingest.js';
export * from './meta.js';
export * from './paths.js';
export * from './routes.js';
export * from './summary.js';
