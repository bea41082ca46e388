/** A customer's signature written with a finger on a signature pad (pointer events from the mouse). */
import type { Locator, Page } from 'playwright-core';

/** The box of an element once it has stopped moving (a screen or popup sliding in). */
async function settledBox(page: Page, locator: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
  let last = await locator.boundingBox();
  for (let tries = 0; tries < 50; tries++) {
    await page.waitForTimeout(50);
    const now = await locator.boundingBox();
    if (last && now && now.x === last.x && now.y === last.y && now.width === last.width && now.height === last.height) return now;
    last = now;
  }
  throw new Error('the signature pad never stopped moving');
}

/** Two strokes across the pad with test id `testId`. */
export async function sign(page: Page, testId: string): Promise<void> {
  const pad = page.getByTestId(testId);
  await pad.scrollIntoViewIfNeeded();
  // The form slides in (a popup): a box read mid-animation puts the strokes on the mask, which
  // closes the popup. Draw only once the pad has stopped moving.
  const box = await settledBox(page, pad);
  const at = (x: number, y: number): [number, number] => [box.x + x * box.width, box.y + y * box.height];
  for (const stroke of [
    [
      [0.12, 0.6],
      [0.2, 0.3],
      [0.28, 0.7],
      [0.36, 0.35],
    ],
    [
      [0.52, 0.4],
      [0.62, 0.45],
      [0.86, 0.5],
    ],
  ]) {
    await page.mouse.move(...at(stroke[0]![0]!, stroke[0]![1]!));
    await page.mouse.down();
    for (const [x, y] of stroke.slice(1)) await page.mouse.move(...at(x!, y!), { steps: 5 });
    await page.mouse.up();
  }
}
