export { registerPhotoRoutes } from './photos.routes.js';
export { assertPhotoOnSite } from './photos.service.js';
export { deletePhotoRows } from './photos.repository.js';
