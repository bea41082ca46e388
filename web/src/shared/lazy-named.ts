import { lazy, type ComponentType } from 'react';

/**
 * React.lazy for a named export (house style: no default exports). Each call site becomes its
 * own chunk, so a page's antd components load with the page.
 */
export function lazyNamed<M, K extends keyof M>(load: () => Promise<M>, name: K & (M[K] extends ComponentType ? K : never)) {
  return lazy(async () => ({ default: (await load())[name] as ComponentType }));
}
