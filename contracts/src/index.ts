export * from './domain.js';
export * from './errors.js';
export * from './events.js';
export * from './api.js';
export * from './standards.js';
export * from './rules.js';
export * from './visits.js';
export * from './site-care.js';
