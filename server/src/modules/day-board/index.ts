export { registerDayBoardRoutes } from './day-board.routes.js';
export { siteDayFigures, type SiteDayFigures } from './day-figures.js';
