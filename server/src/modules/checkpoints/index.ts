export { registerCheckpointRoutes, registerPublicCheckpointRoutes } from './checkpoints.routes.js';
export { newCheckpointCode } from './checkpoints.service.js';
export { checkpointNameMap, findScanPlaces, firstScanBetween, listScansBetween, liveCheckpointIds } from './checkpoints.repository.js';
export {
  findCheckpoint,
  findCheckpointByCode,
  findCheckpointById,
  findCheckpointNames,
  findLiveCheckpointInZone,
  insertCheckpoint,
} from './checkpoints.repository.js';
