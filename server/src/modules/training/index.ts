export { registerTrainingRoutes } from './training.routes.js';
export { peopleWithoutPreJobTraining, PRE_JOB, assertMayBeRostered, findRosterCertificateGaps, readFactSheet } from './training.service.js';
export { registerTrainingTimers, scheduleOnJobFlag } from './training.jobs.js';
export { trainingFiguresOfPeriod, type TrainingPeriodFigures } from './training-figures.js';
export { seedTrainingDemoHistory } from './training.demo.js';
export { countSessionsOfPeriod } from './training.repository.js';
