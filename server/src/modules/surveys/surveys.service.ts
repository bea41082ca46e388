/**
 * Satisfaction by QR. A token grants exactly one thing: answering for its visit (the farewell QR)
 * or for its place (a poster). The public side sees post names only; the ratings are credited to
 * the people who held each post for that visit, read from the visit's own hand-offs.
 */
import { randomBytes } from 'node:crypto';
import {
  VISITOR_FACING_POSTS,
  type CreatePosterBody,
  type PageOf,
  type PostKind,
  type PublicComplaintBody,
  type PublicComplaintReceipt,
  type PublicSurvey,
  type SurveyAnswer,
  type SurveyAnswerBody,
  type SurveyAnswerQuery,
  type SurveyPoster,
  type SurveySummary,
  type SurveySummaryQuery,
  type VisitSurveyToken,
} from '@anchang/contracts';
import type { Kysely } from 'kysely';
import type { DB, PostsTable, SurveyCreditsTable, SurveyRatingsTable, SurveyTokensTable } from '../../db/schema.js';
import { actorRef, type Actor } from '../../platform/auth/actor.js';
import { requireSiteMember, requireSiteRole } from '../../platform/auth/policy.js';
import { AppError } from '../../platform/errors.js';
import { pageRequest, toPageBatched } from '../../platform/http/pagination.js';
import { newId } from '../../platform/ids.js';
import { addDays, instantAt, isValidDate, localParts } from '../../platform/site-time.js';
import { inTransaction, type Deps } from '../../platform/tx.js';
import { recordAudit } from '../audit/index.js';
import { findPersonNames, maskPhone } from '../people/index.js';
import { listPostsOfSite } from '../posts/index.js';
import { listShiftsOn } from '../shifts/index.js';
import { fileComplaint, readComplaintSettings } from '../complaints/index.js';
import { findSiteRow } from '../sites/index.js';
import { visitServiceOf } from '../visits/index.js';
import { findZoneRow } from '../zones/index.js';
import { FAREWELL_QR_SHOWERS, mayReadPeopleFigures, SURVEY_KEEPERS } from './surveys.policy.js';
import {
  countAnswersOfTokens,
  countRecentAnswers,
  countRecentComplaints,
  findPosterRow,
  findTokenRow,
  findTokenRows,
  findVisitTokenRow,
  insertAnswer,
  insertSurveyComplaint,
  insertTokenRow,
  insertVisitTokenOnce,
  isVisitAnswered,
  listAnswerRows,
  listCreditsOfAnswers,
  listCreditsOfPeriod,
  listPeriodRecords,
  listPosterRows,
  listRatingsOfAnswers,
  revokePosterRow,
} from './surveys.repository.js';
import {
  ANSWERS_PER_ADDRESS_PER_HOUR,
  ANSWERS_PER_DEVICE_PER_DAY,
  averageOf,
  COMPLAINTS_PER_ADDRESS_PER_HOUR,
  COMPLAINTS_PER_DEVICE_PER_DAY,
  normalisePhone,
  NPS_MAX,
  NPS_MIN,
  RATING_MAX,
  RATING_MIN,
  tallyNps,
} from './surveys.rules.js';

/** The public page's address for a token (the staff app serves it, no login). */
export const surveyPath = (token: string) => `/m/q/s/${token}`;
/** 24 random bytes: 32 url-safe characters, 192 bits nobody guesses. */
const newToken = () => randomBytes(24).toString('base64url');

const isFacing = (kind: string) => VISITOR_FACING_POSTS.includes(kind as PostKind);

// ---- who served: the visit's posts and their people ----

interface ServedPost {
  post: PostsTable;
  personIds: string[];
}

type ShiftRow = Awaited<ReturnType<typeof listShiftsOn>>[number];
const onDutyAt = (s: ShiftRow, at: number) => Number(s.clock_in_at) <= at && (s.clock_out_at === null || Number(s.clock_out_at) >= at);

/**
 * The posts a visit passed through, in order, with the people who held each. A step names a post
 * kind and a person: the post is the one that person was clocked in on at that moment, or (a
 * stand-in with no shift there, a manager receiving) the site's first post of that kind.
 */
async function servedPostsOfVisit(db: Kysely<DB>, siteId: string, timeZone: string, visitId: string): Promise<ServedPost[]> {
  const service = await visitServiceOf(db, siteId, visitId);
  if (!service) return [];
  const posts = await listPostsOfSite(db, siteId);
  const dates = [...new Set(service.steps.map((s) => localParts(s.at, timeZone).date))];
  const shifts = (await Promise.all(dates.map((d) => listShiftsOn(db, siteId, d)))).flat();
  const served: ServedPost[] = [];
  for (const step of service.steps) {
    const postIdOfShift = shifts.find(
      (s) => s.person_id === step.personId && onDutyAt(s, step.at) && posts.some((p) => p.id === s.post_id && p.kind === step.postKind),
    )?.post_id;
    const post = posts.find((p) => p.id === postIdOfShift) ?? posts.find((p) => p.kind === step.postKind);
    if (!post) continue;
    const entry = served.find((s) => s.post.id === post.id);
    if (!entry) served.push({ post, personIds: [step.personId] });
    else if (!entry.personIds.includes(step.personId)) entry.personIds.push(step.personId);
  }
  return served;
}

/** The posts a poster asks about: its post, the visitor-facing posts of its zone, or of the site. */
function postsOfPoster(token: SurveyTokensTable, posts: readonly PostsTable[]): PostsTable[] {
  if (token.scope === 'post') return posts.filter((p) => p.id === token.post_id);
  if (token.scope === 'zone') return posts.filter((p) => p.zone_id === token.zone_id && isFacing(p.kind));
  return posts.filter((p) => isFacing(p.kind));
}

async function placeNameOf(db: Kysely<DB>, token: SurveyTokensTable, posts: readonly PostsTable[], siteName: string): Promise<string> {
  if (token.scope === 'post') return posts.find((p) => p.id === token.post_id)?.name ?? siteName;
  if (token.scope === 'zone' && token.zone_id) return (await findZoneRow(db, token.site_id, token.zone_id))?.name ?? siteName;
  return siteName;
}

/** The live token a public request names: unknown → 404, revoked → 410. */
async function liveToken(db: Kysely<DB>, token: string): Promise<SurveyTokensTable> {
  const row = await findTokenRow(db, token);
  if (!row) throw new AppError('SURVEY_NOT_FOUND', { message: 'No such survey' });
  if (row.revoked_at !== null) throw new AppError('SURVEY_REVOKED', { message: 'This QR code is no longer in use' });
  return row;
}

async function siteOf(db: Kysely<DB>, siteId: string) {
  const site = await findSiteRow(db, siteId);
  if (!site) throw new AppError('SITE_NOT_FOUND', { params: { siteId } });
  return site;
}

// ---- the public page ----

export async function publicSurvey(deps: Deps, token: string): Promise<PublicSurvey> {
  const row = await liveToken(deps.db, token);
  const site = await siteOf(deps.db, row.site_id);
  if (row.source === 'visit' && row.visit_id) {
    const [served, isAnswered] = await Promise.all([
      servedPostsOfVisit(deps.db, row.site_id, site.time_zone, row.visit_id),
      isVisitAnswered(deps.db, row.visit_id),
    ]);
    return {
      source: 'visit',
      siteName: site.name,
      placeName: null,
      posts: served.map((s) => ({ postId: s.post.id, kind: s.post.kind as PostKind, name: s.post.name })),
      isAnswered,
    };
  }
  const posts = await listPostsOfSite(deps.db, row.site_id);
  return {
    source: 'poster',
    siteName: site.name,
    placeName: await placeNameOf(deps.db, row, posts, site.name),
    posts: postsOfPoster(row, posts).map((p) => ({ postId: p.id, kind: p.kind as PostKind, name: p.name })),
    isAnswered: false,
  };
}

function checkAnswerShape(body: SurveyAnswerBody): { phone: string | null } {
  if (body.nps < NPS_MIN || body.nps > NPS_MAX)
    throw new AppError('SURVEY_NPS_OUT_OF_RANGE', { message: 'NPS is 0 to 10', params: { field: 'nps', min: NPS_MIN, max: NPS_MAX } });
  const seen = new Set<string>();
  for (const r of body.ratings) {
    if (r.rating < RATING_MIN || r.rating > RATING_MAX)
      throw new AppError('SURVEY_RATING_OUT_OF_RANGE', {
        message: 'A rating is 1 to 5',
        params: { postId: r.postId, min: RATING_MIN, max: RATING_MAX },
      });
    if (seen.has(r.postId)) throw new AppError('SURVEY_RATING_REPEATED', { message: 'One rating per post', params: { postId: r.postId } });
    seen.add(r.postId);
  }
  const raw = body.phone?.trim() ?? '';
  if (raw === '') return { phone: null };
  const phone = normalisePhone(raw);
  if (!phone) throw new AppError('SURVEY_PHONE_INVALID', { message: 'Not a mobile number', params: { field: 'phone' } });
  // A number is kept only for a call back the visitor asked for.
  if (body.phoneConsent !== true)
    throw new AppError('SURVEY_CONSENT_REQUIRED', { message: 'Tick the box to be called back', params: { field: 'phoneConsent' } });
  return { phone };
}

const alreadyAnswered = () => new AppError('SURVEY_ALREADY_ANSWERED', { message: 'This visit has been rated already' });

/**
 * A visitor's answer. Everything is checked before anything is written, and the answer, its
 * ratings and its credits are written in one transaction. A filled honeypot is answered like a
 * success and stores nothing: a bot learns nothing to adapt to, a person never sees the field.
 */
export async function answerSurvey(deps: Deps, token: string, body: SurveyAnswerBody, from: { address: string }): Promise<{ ok: true }> {
  const { phone } = checkAnswerShape(body);
  const row = await liveToken(deps.db, token);
  const site = await siteOf(deps.db, row.site_id);
  const now = deps.clock.now();
  let rated: ServedPost[];
  if (row.source === 'visit' && row.visit_id) {
    const served = await servedPostsOfVisit(deps.db, row.site_id, site.time_zone, row.visit_id);
    for (const r of body.ratings)
      if (!served.some((s) => s.post.id === r.postId))
        throw new AppError('SURVEY_POST_NOT_SERVED', {
          message: 'This visit did not pass through that post',
          params: { postId: r.postId },
        });
    rated = served;
  } else {
    const asked = postsOfPoster(row, await listPostsOfSite(deps.db, row.site_id));
    for (const r of body.ratings)
      if (!asked.some((p) => p.id === r.postId))
        throw new AppError('SURVEY_POST_NOT_SERVED', {
          message: 'This QR code does not ask about that post',
          params: { postId: r.postId },
        });
    // A poster's rating goes to the post, and to whoever was clocked in on it at that moment.
    const today = await listShiftsOn(deps.db, row.site_id, localParts(now, site.time_zone).date);
    rated = asked.map((post) => ({
      post,
      personIds: [...new Set(today.filter((s) => s.post_id === post.id && onDutyAt(s, now)).map((s) => s.person_id))],
    }));
  }
  if ((body.website ?? '').trim() !== '') return { ok: true };
  if (row.visit_id && (await isVisitAnswered(deps.db, row.visit_id))) throw alreadyAnswered();
  const recent = await countRecentAnswers(deps.db, {
    address: from.address,
    addressSince: now - 3_600_000,
    deviceId: body.deviceId,
    deviceSince: now - 86_400_000,
  });
  if (recent.byAddress >= ANSWERS_PER_ADDRESS_PER_HOUR || recent.byDevice >= ANSWERS_PER_DEVICE_PER_DAY)
    throw new AppError('SURVEY_RATE_LIMITED', {
      message: 'Too many answers from here; thank you, try again later',
      params: { per: recent.byDevice >= ANSWERS_PER_DEVICE_PER_DAY ? 'device' : 'address' },
    });
  const date = localParts(now, site.time_zone).date;
  try {
    await inTransaction(deps, async (tx) => {
      const answerId = newId();
      const ratings: SurveyRatingsTable[] = [];
      const credits: SurveyCreditsTable[] = [];
      for (const r of body.ratings) {
        const served = rated.find((s) => s.post.id === r.postId)!;
        ratings.push({ answer_id: answerId, site_id: row.site_id, post_id: r.postId, post_kind: served.post.kind, rating: r.rating, date });
        for (const personId of served.personIds)
          credits.push({ answer_id: answerId, site_id: row.site_id, post_id: r.postId, person_id: personId, rating: r.rating, answered_at: tx.now });
      }
      await insertAnswer(
        tx.trx,
        {
          id: answerId,
          site_id: row.site_id,
          token_id: row.id,
          source: row.source,
          visit_id: row.visit_id,
          nps: body.nps,
          comment: (body.comment ?? '').trim(),
          phone,
          address: from.address,
          device_id: body.deviceId,
          date,
          answered_at: tx.now,
        },
        ratings,
        credits,
      );
      tx.emit({ siteId: row.site_id }, 'survey.answered', { answerId });
    });
  } catch (error) {
    // Two phones answering the same visit at once: the unique visit id lets one through.
    if (row.visit_id && (await isVisitAnswered(deps.db, row.visit_id))) throw alreadyAnswered();
    throw error;
  }
  return { ok: true };
}

/**
 * A complaint from the QR page (投诉). The token says which site, and which visit or post it is
 * about; the complaints module files it (its own transaction, numbering, deadline, timers and
 * notices). Filed 'normal', or 'serious' when the visitor ticks "urgent / safety": not 'urgent',
 * whose two-hour deadline is the handlers' call — an anonymous form must not be able to page a
 * manager at night, while a safety worry still gets an answer within the day. The reply carries
 * the site's number and its deadline for that severity, nothing the visitor typed.
 */
export async function complainFromSurvey(
  deps: Deps,
  token: string,
  body: PublicComplaintBody,
  from: { address: string },
): Promise<PublicComplaintReceipt> {
  const phone = body.phone?.trim() || null;
  if (phone && body.phoneConsent !== true)
    throw new AppError('COMPLAINT_PHONE_CONSENT_REQUIRED', {
      message: 'Tick the box to be called back on this number',
      params: { field: 'phoneConsent' },
    });
  const description = body.description.trim();
  if (!description) throw new AppError('VALIDATION_FAILED', { message: 'Say what happened', params: { field: 'description' } });
  const row = await liveToken(deps.db, token);
  const severity = body.isUrgent === true || body.category === 'safety' ? 'serious' : 'normal';
  const answerWithinHours = (await readComplaintSettings(deps.db, row.site_id)).deadlineHours[severity];
  // The honeypot: answered like a success, nothing stored, so a bot has nothing to adapt to.
  if ((body.website ?? '').trim() !== '') return { number: null, answerWithinHours, severity };
  const now = deps.clock.now();
  const recent = await countRecentComplaints(deps.db, {
    address: from.address,
    addressSince: now - 3_600_000,
    deviceId: body.deviceId,
    deviceSince: now - 86_400_000,
  });
  if (recent.byAddress >= COMPLAINTS_PER_ADDRESS_PER_HOUR || recent.byDevice >= COMPLAINTS_PER_DEVICE_PER_DAY)
    throw new AppError('SURVEY_RATE_LIMITED', {
      message: 'Too many complaints from here; please call the sales center',
      params: { per: recent.byDevice >= COMPLAINTS_PER_DEVICE_PER_DAY ? 'device' : 'address' },
    });
  const { complaintId, number } = await fileComplaint(deps, {
    siteId: row.site_id,
    source: 'qr',
    filedBy: null,
    complainantName: body.name ?? null,
    complainantPhone: phone,
    phoneConsent: body.phoneConsent === true,
    category: body.category,
    severity,
    description,
    visitId: row.visit_id,
    postId: row.scope === 'post' ? row.post_id : null,
  });
  try {
    await insertSurveyComplaint(deps.db, {
      complaint_id: complaintId,
      site_id: row.site_id,
      token_id: row.id,
      address: from.address,
      device_id: body.deviceId,
      filed_at: now,
    });
  } catch (error) {
    // The complaint is filed and must be answered; failing the reply would only make the visitor
    // file it again. The limit undercounts by one.
    deps.log.error({ err: error, complaintId }, 'survey complaint not counted for the limits');
  }
  return { number, answerWithinHours, severity };
}

// ---- tokens for staff and the console ----

/** The visit's farewell QR, made on first asking; the same token for the phone and the console. */
export async function ensureVisitSurveyToken(deps: Deps, actor: Actor, siteId: string, visitId: string): Promise<VisitSurveyToken> {
  requireSiteRole(actor, siteId, FAREWELL_QR_SHOWERS);
  const service = await visitServiceOf(deps.db, siteId, visitId);
  if (!service) throw new AppError('VISIT_NOT_FOUND', { params: { visitId } });
  let row = await findVisitTokenRow(deps.db, visitId);
  if (!row) {
    await insertVisitTokenOnce(deps.db, {
      id: newId(),
      site_id: siteId,
      token: newToken(),
      source: 'visit',
      visit_id: visitId,
      scope: null,
      zone_id: null,
      post_id: null,
      created_by: actor.personId,
      created_at: deps.clock.now(),
      revoked_at: null,
    });
    row = (await findVisitTokenRow(deps.db, visitId))!;
  }
  return { visitId, token: row.token, path: surveyPath(row.token), isAnswered: await isVisitAnswered(deps.db, visitId) };
}

async function toPosters(deps: Deps, siteId: string, rows: SurveyTokensTable[]): Promise<SurveyPoster[]> {
  const site = await siteOf(deps.db, siteId);
  const [posts, counts] = await Promise.all([
    listPostsOfSite(deps.db, siteId),
    countAnswersOfTokens(
      deps.db,
      rows.map((r) => r.id),
    ),
  ]);
  return Promise.all(
    rows.map(async (r) => ({
      id: r.id,
      scope: r.scope as SurveyPoster['scope'],
      zoneId: r.zone_id,
      postId: r.post_id,
      placeName: await placeNameOf(deps.db, r, posts, site.name),
      token: r.token,
      path: surveyPath(r.token),
      createdAt: Number(r.created_at),
      revokedAt: r.revoked_at === null ? null : Number(r.revoked_at),
      answers: counts.get(r.id) ?? 0,
    })),
  );
}

export async function listPosters(
  deps: Deps,
  actor: Actor,
  siteId: string,
  query: { limit?: number; cursor?: string },
): Promise<PageOf<SurveyPoster>> {
  requireSiteRole(actor, siteId, SURVEY_KEEPERS);
  const page = pageRequest(query, 'desc');
  return toPageBatched(await listPosterRows(deps.db, siteId, page), page, (rows) => toPosters(deps, siteId, rows));
}

export async function createPoster(deps: Deps, actor: Actor, siteId: string, body: CreatePosterBody): Promise<SurveyPoster> {
  requireSiteRole(actor, siteId, SURVEY_KEEPERS);
  const invalid = (message: string) => new AppError('SURVEY_POSTER_SCOPE_INVALID', { message, params: { scope: body.scope } });
  if (body.scope === 'post') {
    if (!body.postId || body.zoneId) throw invalid('A post poster names its post, and only it');
    const post = (await listPostsOfSite(deps.db, siteId)).find((p) => p.id === body.postId);
    if (!post) throw new AppError('POST_NOT_FOUND', { params: { postId: body.postId } });
  } else if (body.scope === 'zone') {
    if (!body.zoneId || body.postId) throw invalid('A zone poster names its zone, and only it');
    if (!(await findZoneRow(deps.db, siteId, body.zoneId))) throw new AppError('ZONE_NOT_FOUND', { params: { zoneId: body.zoneId } });
  } else if (body.zoneId || body.postId) throw invalid('A site poster names no zone or post');
  const row: SurveyTokensTable = {
    id: newId(),
    site_id: siteId,
    token: newToken(),
    source: 'poster',
    visit_id: null,
    scope: body.scope,
    zone_id: body.zoneId ?? null,
    post_id: body.postId ?? null,
    created_by: actor.personId,
    created_at: deps.clock.now(),
    revoked_at: null,
  };
  await inTransaction(deps, async (tx) => {
    await insertTokenRow(tx.trx, row);
    await recordAudit(tx, actorRef(actor), {
      siteId,
      action: 'survey.poster.create',
      entityType: 'survey_poster',
      entityId: row.id,
      detail: { scope: body.scope },
    });
  });
  return (await toPosters(deps, siteId, [row]))[0]!;
}

export async function revokePoster(deps: Deps, actor: Actor, siteId: string, posterId: string): Promise<SurveyPoster> {
  requireSiteRole(actor, siteId, SURVEY_KEEPERS);
  const row = await findPosterRow(deps.db, siteId, posterId);
  if (!row) throw new AppError('SURVEY_POSTER_NOT_FOUND', { params: { posterId } });
  if (row.revoked_at === null)
    await inTransaction(deps, async (tx) => {
      await revokePosterRow(tx.trx, posterId, tx.now);
      await recordAudit(tx, actorRef(actor), { siteId, action: 'survey.poster.revoke', entityType: 'survey_poster', entityId: posterId });
    });
  return (await toPosters(deps, siteId, [(await findPosterRow(deps.db, siteId, posterId))!]))[0]!;
}

// ---- results ----

export async function listAnswers(deps: Deps, actor: Actor, siteId: string, query: SurveyAnswerQuery): Promise<PageOf<SurveyAnswer>> {
  requireSiteRole(actor, siteId, SURVEY_KEEPERS);
  const page = pageRequest(query, 'desc');
  const rows = await listAnswerRows(deps.db, siteId, page, { fromDate: query.from, toDate: query.to, postId: query.postId, source: query.source });
  return toPageBatched(rows, page, async (answers) => {
    const ids = answers.map((a) => a.id);
    const [ratings, credits, posts, tokens] = await Promise.all([
      listRatingsOfAnswers(deps.db, ids),
      listCreditsOfAnswers(deps.db, ids),
      listPostsOfSite(deps.db, siteId),
      findTokenRows(deps.db, [...new Set(answers.map((a) => a.token_id))]),
    ]);
    const site = await siteOf(deps.db, siteId);
    const names = await findPersonNames(deps.db, [...new Set(credits.map((c) => c.person_id))]);
    const places = new Map(
      await Promise.all(tokens.map(async (t) => [t.id, t.source === 'poster' ? await placeNameOf(deps.db, t, posts, site.name) : null] as const)),
    );
    return answers.map((a) => ({
      id: a.id,
      source: a.source as SurveyAnswer['source'],
      visitId: a.visit_id,
      placeName: places.get(a.token_id) ?? null,
      answeredAt: Number(a.answered_at),
      date: a.date,
      nps: a.nps,
      comment: a.comment,
      phoneMasked: maskPhone(a.phone),
      ratings: ratings
        .filter((r) => r.answer_id === a.id)
        .map((r) => ({
          postId: r.post_id,
          postName: posts.find((p) => p.id === r.post_id)?.name ?? '',
          rating: r.rating,
          people: credits
            .filter((c) => c.answer_id === a.id && c.post_id === r.post_id)
            .map((c) => ({ personId: c.person_id, name: names.get(c.person_id) ?? '' })),
        })),
    }));
  });
}

export interface SurveyPeriodFigures {
  answers: number;
  ratings: number;
  averageRating: number | null;
  nps: number | null;
  promoters: number;
  passives: number;
  detractors: number;
  byPost: { postId: string; postKind: string; ratings: number; average: number }[];
  byDay: { date: string; answers: number; averageRating: number | null; nps: number | null }[];
}

/**
 * The site's survey figures for answers given in [fromMs, toMs): counts, the average rating
 * overall and per post, NPS with its three groups, and a series by site-local day (days with
 * answers only). For the daily summary, the monthly client report and the dashboards.
 */
export async function surveyFiguresOfPeriod(db: Kysely<DB>, siteId: string, fromMs: number, toMs: number): Promise<SurveyPeriodFigures> {
  const { answers, ratings } = await listPeriodRecords(db, siteId, fromMs, toMs);
  const tally = tallyNps(answers.map((a) => a.nps));
  const byPost = new Map<string, { postKind: string; values: number[] }>();
  for (const r of ratings) {
    const entry = byPost.get(r.post_id) ?? { postKind: r.post_kind, values: [] };
    entry.values.push(r.rating);
    byPost.set(r.post_id, entry);
  }
  const days = [...new Set(answers.map((a) => a.date))].sort();
  return {
    answers: answers.length,
    ratings: ratings.length,
    averageRating: averageOf(ratings.map((r) => r.rating)),
    ...tally,
    byPost: [...byPost.entries()].map(([postId, e]) => ({ postId, postKind: e.postKind, ratings: e.values.length, average: averageOf(e.values)! })),
    byDay: days.map((date) => ({
      date,
      answers: answers.filter((a) => a.date === date).length,
      averageRating: averageOf(ratings.filter((r) => r.date === date).map((r) => r.rating)),
      nps: tallyNps(answers.filter((a) => a.date === date).map((a) => a.nps)).nps,
    })),
  };
}

/**
 * Each person's ratings credited in [fromMs, toMs): their average (1–5, two decimals) and how
 * many. People without a rating are absent from the map. For the assessment and the reports.
 */
export async function satisfactionOfPeoplePeriod(
  db: Kysely<DB>,
  siteId: string,
  personIds: readonly string[] | undefined,
  fromMs: number,
  toMs: number,
): Promise<Map<string, { average: number; ratings: number }>> {
  const credits = await listCreditsOfPeriod(db, siteId, fromMs, toMs, personIds);
  const byPerson = new Map<string, number[]>();
  for (const c of credits) byPerson.set(c.person_id, [...(byPerson.get(c.person_id) ?? []), c.rating]);
  return new Map([...byPerson.entries()].map(([id, values]) => [id, { average: averageOf(values)!, ratings: values.length }]));
}

export async function surveySummary(deps: Deps, actor: Actor, siteId: string, query: SurveySummaryQuery): Promise<SurveySummary> {
  const role = requireSiteMember(actor, siteId);
  if (!isValidDate(query.from) || !isValidDate(query.to) || query.from > query.to)
    throw new AppError('INVALID_TIME_RANGE', { params: { from: query.from, to: query.to } });
  const site = await siteOf(deps.db, siteId);
  const fromMs = instantAt(query.from, '00:00', site.time_zone);
  const toMs = instantAt(addDays(query.to, 1), '00:00', site.time_zone);
  const withPeople = mayReadPeopleFigures(role);
  const [figures, people, posts] = await Promise.all([
    surveyFiguresOfPeriod(deps.db, siteId, fromMs, toMs),
    withPeople
      ? satisfactionOfPeoplePeriod(deps.db, siteId, undefined, fromMs, toMs)
      : Promise.resolve(new Map<string, { average: number; ratings: number }>()),
    listPostsOfSite(deps.db, siteId),
  ]);
  const names = await findPersonNames(deps.db, [...people.keys()]);
  return {
    from: query.from,
    to: query.to,
    answers: figures.answers,
    averageRating: figures.averageRating,
    nps: figures.nps,
    promoters: figures.promoters,
    passives: figures.passives,
    detractors: figures.detractors,
    byPost: figures.byPost
      .map((p) => ({ postId: p.postId, postName: posts.find((x) => x.id === p.postId)?.name ?? '', ratings: p.ratings, average: p.average }))
      .sort((a, b) => b.ratings - a.ratings),
    byPerson: [...people.entries()]
      .map(([personId, p]) => ({ personId, name: names.get(personId) ?? '', ratings: p.ratings, average: p.average }))
      .sort((a, b) => b.average - a.average || b.ratings - a.ratings),
    byDay: figures.byDay.map((d) => ({ date: d.date, answers: d.answers, averageRating: d.averageRating, nps: d.nps })),
  };
}
