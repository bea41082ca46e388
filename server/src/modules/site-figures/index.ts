export { siteFiguresOfPeriod, assertFiguresRange, visitorFiguresOf, daysBetween, STAGE_ORDER } from './site-figures.service.js';
export { serviceIndexOf, companyDashboardOf } from './dashboard.service.js';
export { registerSiteFiguresRoutes } from './site-figures.routes.js';
