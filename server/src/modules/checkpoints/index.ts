export { registerCheckpointRoutes, registerPublicCheckpointRoutes } from './checkpoints.routes.js';
export { newCheckpointCode } from './checkpoints.service.js';
export {
  findCheckpointByCode,
  findCheckpointById,
  findCheckpointNames,
  findLiveCheckpointInZone,
  insertCheckpoint,
} from './checkpoints.repository.js';
