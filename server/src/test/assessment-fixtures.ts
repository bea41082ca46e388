/**
 * A person's two signed failing months at a site and the dismissal recommendation they made,
 * written straight into the assessment tables: for tests that need the ids (the cross-site walk)
 * rather than the computation, which the assessment module's own tests cover.
 */
import type { Kysely } from 'kysely';
import { defaultSchemeContent, type AssessmentFigures } from '@anchang/contracts';
import type { DB } from '../db/schema.js';
import { newId } from '../platform/ids.js';
import { emptyFigures } from '../modules/assessment/assessment.rules.js';

const NO_SHOW_MONTH: AssessmentFigures = { ...emptyFigures(), rostered: 2, noShows: 2 };

export async function createAssessmentFixtures(
  db: Kysely<DB>,
  site: { companyId: string; siteId: string },
  personId: string,
  now: number,
): Promise<{ assessmentId: string; recommendationId: string }> {
  const schemeId = newId(now);
  await db
    .insertInto('assessment_schemes')
    .values({
      id: schemeId,
      company_id: site.companyId,
      version: 1,
      content: JSON.stringify(defaultSchemeContent()),
      change_note: 'default',
      created_by: null,
      created_at: now,
    })
    .onConflict((oc) => oc.columns(['company_id', 'version']).doNothing())
    .execute();
  const scheme = await db
    .selectFrom('assessment_schemes')
    .select('id')
    .where('company_id', '=', site.companyId)
    .where('version', '=', 1)
    .executeTakeFirstOrThrow();
  const ids: string[] = [];
  for (const month of ['2026-09', '2026-10']) {
    const id = newId(now);
    ids.push(id);
    await db
      .insertInto('assessments')
      .values({
        id,
        site_id: site.siteId,
        person_id: personId,
        month,
        scheme_id: scheme.id,
        post_kind: 'HALL',
        status: 'signed',
        outcome: 'fail',
        total_tenths: 550,
        figures: JSON.stringify(NO_SHOW_MONTH),
        lines: JSON.stringify([{ key: 'punctuality', weight: 20, computedPoints: 0, points: 0, adjustment: null }]),
        computed_at: now,
        signed_by: null,
        signed_at: now,
        appeal_status: 'none',
        appeal_text: null,
        appealed_at: null,
        appeal_reason: null,
        appeal_decided_by: null,
        appeal_decided_at: null,
        updated_at: now,
      })
      .execute();
  }
  const recommendationId = newId(now);
  await db
    .insertInto('assessment_recommendations')
    .values({
      id: recommendationId,
      company_id: site.companyId,
      site_id: site.siteId,
      person_id: personId,
      first_assessment_id: ids[0]!,
      second_assessment_id: ids[1]!,
      first_month: '2026-09',
      second_month: '2026-10',
      status: 'open',
      reason: null,
      decided_by: null,
      decided_at: null,
      created_at: now,
    })
    .execute();
  return { assessmentId: ids[1]!, recommendationId };
}
