export { registerSurveyRoutes, registerPublicSurveyRoutes } from './surveys.routes.js';
export { surveyFiguresOfPeriod, satisfactionOfPeoplePeriod, type SurveyPeriodFigures } from './surveys.service.js';
export { satisfactionShare } from './surveys.rules.js';
