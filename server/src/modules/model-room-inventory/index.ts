export { registerModelRoomInventoryRoutes } from './model-room.routes.js';
