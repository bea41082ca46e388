export { registerPhotoRoutes } from './photos.routes.js';
export { assertPhotoOnSite, deleteUncitedPhotos } from './photos.service.js';
