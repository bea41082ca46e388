export { registerQuestionRoutes } from './questions.routes.js';
export { blankQuestionTexts } from './questions.repository.js';
export { listQuestionTimesOfPeriod } from './questions.repository.js';
