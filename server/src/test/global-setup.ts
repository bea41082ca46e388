import { prepareTemplate, testDialect } from './test-db.js';

export default async function setup(): Promise<void> {
  if (testDialect() === 'postgres') await prepareTemplate();
}
