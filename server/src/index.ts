export { buildApp } from './app.js';
export { loadConfig, type Config } from './config.js';
export { openDatabase, migrateToLatest, type Database } from './db/create-db.js';
