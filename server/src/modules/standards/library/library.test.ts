import { readFileSync } from 'node:fs';
import path from 'node:path';
import { GREETING_POST_KINDS, POST_KINDS, STANDARDS_LIBRARY_VERSION, type PostKind } from '@anchang/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { LIBRARY_VERSION, STANDARDS_LIBRARY, checklistItems, findPostStandard, referenceItemIds } from './index.js';

// The domain reference the library is transcribed from, and the current version's additions to it,
// shipped inside the repository as fixtures (see ../fixtures/README.md), so the test reads nothing
// outside the checkout.
const REFERENCES = ['../fixtures/sop-library.md', '../fixtures/sop-library-2026-12.md'].map((file) => path.resolve(import.meta.dirname, file));
const ID_PATTERN = /\b(HALL|BAR|PARK|GUARD|SHUTTLE|MODEL|SECURITY|CLEAN|GREEN|TECH)-(?:(?:PRE|IN|POST|DRINK)-)?\d+\b/g;
const SERVICE_POSTS: PostKind[] = ['HALL', 'BAR', 'PARK', 'GUARD', 'SHUTTLE', 'MODEL', 'MODELSVC'];

let reference = '';
let referenceIds: string[] = [];

beforeAll(() => {
  reference = REFERENCES.map((file) => readFileSync(file, 'utf8')).join('\n');
  referenceIds = [...new Set(Array.from(reference.matchAll(ID_PATTERN), (m) => m[0]))];
});

describe(`standards library ${LIBRARY_VERSION}`, () => {
  it('holds exactly the item ids of the domain reference', () => {
    const libraryIds = referenceItemIds();
    const missing = referenceIds.filter((id) => !libraryIds.includes(id));
    const extra = libraryIds.filter((id) => !referenceIds.includes(id));
    expect(missing, 'ids in the reference but not in the library').toEqual([]);
    expect(extra, 'ids in the library but not in the reference').toEqual([]);
    expect(libraryIds).toHaveLength(referenceIds.length);
    expect(referenceIds.length).toBeGreaterThan(80); // guards against a regex that silently matches nothing
  });

  it('is the version the console is told is newest', () => {
    expect(LIBRARY_VERSION).toBe(STANDARDS_LIBRARY_VERSION);
  });

  it('has every post kind once, in the reference order', () => {
    expect(STANDARDS_LIBRARY.map((def) => def.post)).toEqual([...POST_KINDS]);
    for (const post of POST_KINDS) expect(findPostStandard(post).post).toBe(post);
  });

  it('gives each reference id to its own post (BAR shares HALL-POST-n, MODELSVC is a copy of HALL)', () => {
    for (const def of STANDARDS_LIBRARY) {
      for (const item of def.items) {
        const owner = item.id.split('-')[0];
        if (def.post === 'MODELSVC' || (def.post === 'BAR' && item.id.startsWith('HALL-POST-'))) expect(owner).toBe('HALL');
        else expect(owner, `${item.id} in ${def.post}`).toBe(def.post);
      }
    }
    const owners = new Map<string, PostKind>();
    for (const def of STANDARDS_LIBRARY.filter((d) => d.post !== 'MODELSVC' && d.post !== 'BAR')) {
      for (const item of def.items) {
        expect(owners.get(item.id), `${item.id} appears in ${owners.get(item.id)} and ${def.post}`).toBeUndefined();
        owners.set(item.id, def.post);
      }
    }
  });

  it('keeps ids unique within each post', () => {
    for (const def of STANDARDS_LIBRARY) {
      const ids = def.items.map((item) => item.id);
      expect(new Set(ids).size, def.post).toBe(ids.length);
    }
  });

  it('starts every service post’s pre-shift checklist with the appearance self-check', () => {
    for (const post of SERVICE_POSTS) {
      const first = checklistItems(post, 'PRE')[0];
      expect(first, post).toBeDefined();
      expect(first!.text.zh.startsWith('自检仪容仪表'), `${post}: ${first!.text.zh}`).toBe(true);
    }
  });

  it('has non-empty zh and en for every text', () => {
    for (const def of STANDARDS_LIBRARY) {
      const texts = [def.title, ...def.duties, ...def.flow, ...def.norms, ...def.items.map((item) => item.text)];
      for (const text of texts) {
        expect(text.zh.trim(), `${def.post}: ${JSON.stringify(text)}`).not.toBe('');
        expect(text.en.trim(), `${def.post}: ${JSON.stringify(text)}`).not.toBe('');
        expect(text.zh, 'no markdown left in zh').not.toContain('**');
      }
      expect(def.duties.length, `${def.post} duties`).toBeGreaterThan(0);
    }
  });

  it('takes each item’s zh from the reference line of its id', () => {
    const lines = reference.split('\n').map((line) => line.replaceAll('**', '').replace(/\s+/g, ''));
    for (const def of STANDARDS_LIBRARY) {
      for (const item of def.items) {
        const fragments = item.text.zh
          .replace(/\s+/g, '')
          .split(/[;:]/)
          .filter((f) => f !== '');
        const own = new RegExp(`${item.id}(?!\\d)`);
        const found = lines.some((line) => own.test(line) && fragments.every((f) => line.includes(f)));
        expect(found, `${def.post} ${item.id}: ${item.text.zh}`).toBe(true);
      }
    }
  });

  it('classifies items by id: PRE/POST checks, IN requirements, DRINK rules, operations tasks', () => {
    const taskPhase: Record<string, string> = { 'CLEAN-1': 'PRE', 'TECH-1': 'PRE', 'TECH-2': 'POST' };
    for (const def of STANDARDS_LIBRARY) {
      for (const item of def.items) {
        const kind = /^[A-Z]+-(PRE|IN|POST|DRINK)-\d+$/.exec(item.id)?.[1];
        if (kind === 'PRE' || kind === 'POST') expect([item.phase, item.group], item.id).toEqual([kind, 'check']);
        else if (kind === 'IN') expect([item.phase, item.group], item.id).toEqual(['IN', 'requirement']);
        else if (kind === 'DRINK') expect([item.phase, item.group], item.id).toEqual(['IN', 'drink']);
        else expect([item.phase, item.group], item.id).toEqual([taskPhase[item.id] ?? 'IN', 'task']);
      }
    }
  });

  it('makes MODELSVC a full copy of HALL, and gives BAR its own copy of HALL’s post-shift items', () => {
    const hall = findPostStandard('HALL');
    const modelSvc = findPostStandard('MODELSVC');
    expect(modelSvc.sameAs).toBe('HALL');
    expect(modelSvc.title.zh).toBe('样板房服务岗');
    expect(modelSvc.items).toEqual(hall.items);
    expect(modelSvc.duties).toEqual(hall.duties);
    expect(modelSvc.flow).toEqual(hall.flow);
    expect(modelSvc.items).not.toBe(hall.items);
    expect(checklistItems('BAR', 'POST')).toEqual(checklistItems('HALL', 'POST'));
    expect(checklistItems('BAR', 'POST').map((item) => item.id)).toEqual(['HALL-POST-1', 'HALL-POST-2', 'HALL-POST-3', 'HALL-POST-4']);
  });

  it('carries the numbers a site can set as item parameters', () => {
    const params = (post: PostKind, id: string) => findPostStandard(post).items.find((item) => item.id === id)?.parameters;
    expect(params('HALL', 'HALL-IN-1')).toEqual({ greetDistanceM: 3, bowDeg: 15 });
    expect(params('HALL', 'HALL-IN-2')).toEqual({ leadDistanceM: '1-2' });
    expect(params('HALL', 'HALL-IN-5')).toEqual({ windows: '08:30-11:30 早上好|11:30-14:30 中午好|14:30-18:00 下午好' });
    expect(params('HALL', 'HALL-DRINK-4')).toEqual({ refillFraction: '1/3' });
    expect(params('GUARD', 'GUARD-IN-3')).toEqual({ greetDistanceM: 1.5 });
    expect(params('MODEL', 'MODEL-IN-3')).toEqual({ bowDeg: 30 });
    expect(params('CLEAN', 'CLEAN-1')).toEqual({ minutesBeforeOpening: 30 });
    expect(params('CLEAN', 'CLEAN-2')).toEqual({ everyMinutes: 10 });
    expect(params('TECH', 'TECH-3')).toEqual({ arriveWithinMinutes: 5 });
  });

  it('lists both the arrival and the departure steps of the car-park flow', () => {
    const flow = findPostStandard('PARK').flow.map((step) => step.zh);
    expect(flow.filter((step) => step.startsWith('迎客:')).length).toBeGreaterThan(0);
    expect(flow.filter((step) => step.startsWith('送客:')).length).toBeGreaterThan(0);
  });

  it('gives the landscaping post its checklists and its pruning and pest-control tasks', () => {
    expect(checklistItems('GREEN', 'PRE').map((item) => item.id)).toEqual(['GREEN-PRE-1', 'GREEN-PRE-2']);
    expect(checklistItems('GREEN', 'POST').map((item) => item.id)).toEqual(['GREEN-POST-1', 'GREEN-POST-2']);
    const tasks = findPostStandard('GREEN').items.filter((item) => item.group === 'task');
    expect(tasks.map((item) => item.text.zh).join()).toMatch(/修剪[\s\S]*消杀[\s\S]*存活率/);
  });

  it('completes the concierge post with the source’s last copy: in-shift items 7–12 and a post-shift list', () => {
    const guard = findPostStandard('GUARD').items.map((item) => item.id);
    expect(guard.slice(-10)).toEqual([
      'GUARD-IN-7',
      'GUARD-IN-8',
      'GUARD-IN-9',
      'GUARD-IN-10',
      'GUARD-IN-11',
      'GUARD-IN-12',
      'GUARD-POST-1',
      'GUARD-POST-2',
      'GUARD-POST-3',
      'GUARD-POST-4',
    ]);
  });

  it('gives MANAGER duties but no items, and sorts posts into their sections', () => {
    expect(findPostStandard('MANAGER').items).toEqual([]);
    expect(findPostStandard('MANAGER').duties).toHaveLength(5);
    const sections = Object.fromEntries(STANDARDS_LIBRARY.map((def) => [def.post, def.section]));
    expect(sections).toEqual({
      HALL: 'service',
      BAR: 'service',
      PARK: 'service',
      GUARD: 'service',
      SHUTTLE: 'service',
      MODEL: 'service',
      MODELSVC: 'service',
      SECURITY: 'operations',
      CLEAN: 'operations',
      GREEN: 'operations',
      TECH: 'operations',
      MANAGER: 'management',
    });
  });

  it('is frozen, so no site edits the built-in library in place', () => {
    const hall = findPostStandard('HALL');
    expect(Object.isFrozen(STANDARDS_LIBRARY)).toBe(true);
    expect(Object.isFrozen(hall.items[0]!.text)).toBe(true);
    expect(() => {
      (hall.items[0]!.text as { zh: string }).zh = 'x';
    }).toThrow(TypeError);
  });

  it('greets by the time of day exactly on the posts the phone shows the greeting card to', () => {
    // The phone home shows its greeting card to GREETING_POST_KINDS: they must be the posts whose
    // standard carries the time-of-day windows (HALL-IN-5), no more and no fewer.
    const greeting = POST_KINDS.filter((post) => findPostStandard(post).items.some((item) => item.parameters?.windows !== undefined));
    expect(greeting).toEqual([...GREETING_POST_KINDS]);
  });
});
