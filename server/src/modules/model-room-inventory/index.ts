export { registerModelRoomInventoryRoutes } from './model-room.routes.js';
export { insertModelRoomItems } from './model-room.repository.js';
