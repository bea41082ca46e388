// Shapes of the built-in standards library (案场服务标准库): per post, its duties, service flow,
// behaviour norms and the items of each phase of a shift. The data lives in library-v<version>.ts.
import type { PostKind } from '@anchang/contracts';

export interface Text {
  zh: string;
  en: string;
}

export type Phase = 'PRE' | 'IN' | 'POST'; // 班前 / 班中 / 下班

export type ItemGroup = 'check' | 'requirement' | 'drink' | 'task';

export interface StandardItemDef {
  id: string; // the reference's stable id, e.g. 'HALL-PRE-1', 'HALL-DRINK-4', 'CLEAN-2'
  phase: Phase;
  group: ItemGroup; // 'check' = a checklist item done at PRE/POST; 'requirement' = 班中 rule; 'drink' = drink/snack rule; 'task' = 作业要求 of the basic-operations posts
  text: Text; // full item text: zh as in the reference (keep the quoted phrases), en a faithful natural translation
  requiresPhoto?: boolean; // default suggestions only: true where the item is an inspection whose anomaly is best proven with a photo (e.g. equipment/fire-extinguisher checks)
  requiresNote?: boolean;
  /** Numbers the product enforces as site settings, when the item carries one. */
  parameters?: Record<string, number | string>; // e.g. HALL-IN-1 { greetDistanceM: 3, bowDeg: 15 }, HALL-DRINK-4 { refillFraction: '1/3' }, CLEAN-2 { everyMinutes: 10 }
}

export interface PostStandardDef {
  post: PostKind; // 'HALL' | 'BAR' | 'PARK' | 'GUARD' | 'SHUTTLE' | 'MODEL' | 'MODELSVC' | 'SECURITY' | 'CLEAN' | 'GREEN' | 'TECH' | 'MANAGER'
  title: Text; // e.g. { zh: '销售大厅服务岗', en: 'Sales-hall service' }
  section: 'service' | 'operations' | 'management';
  duties: Text[]; // 职责, in order
  flow: Text[]; // 服务流程 steps in order (班中 flow; for PARK both 迎客 and 送客 steps, prefixed '迎客:'/'送客:')
  norms: Text[]; // 行为规范 where the reference lists them
  items: StandardItemDef[];
  sameAs?: PostKind; // MODELSVC: 'HALL'
}
