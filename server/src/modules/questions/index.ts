export { registerQuestionRoutes } from './questions.routes.js';
