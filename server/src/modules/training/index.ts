export { registerTrainingRoutes } from './training.routes.js';
export { peopleWithoutPreJobTraining, PRE_JOB } from './training.service.js';
export { trainingFiguresOfPeriod, type TrainingPeriodFigures } from './training-figures.js';
