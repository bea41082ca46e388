export { registerEquipmentRoutes } from './equipment.routes.js';
export { requireAsset, toAssets, newAssetCode } from './equipment.service.js';
export { findAssetByCode, findAssetsByIds, listActiveAssetIds } from './equipment.repository.js';
export { equipmentFiguresOfPeriod } from './equipment.repository.js';
