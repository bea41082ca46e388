export { assertSigned } from './signature.js';
