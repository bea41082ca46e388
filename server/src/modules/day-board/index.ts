export { registerDayBoardRoutes } from './day-board.routes.js';
