import type { TestProject } from 'vitest/node';
import { dropTemplate, newTemplateName, prepareTemplate, testDialect } from './test-db.js';

declare module 'vitest' {
  interface ProvidedContext {
    pgTemplate: string;
  }
}

/**
 * One migrated PostgreSQL template per run, under a name of its own, so two runs on the same
 * machine (a developer's and CI's) never drop each other's template.
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  if (testDialect() !== 'postgres') return undefined;
  const name = newTemplateName();
  await prepareTemplate(name);
  project.provide('pgTemplate', name);
  return () => dropTemplate(name);
}
