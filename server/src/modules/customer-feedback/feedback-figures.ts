/**
 * The forms' figures over a period, for the monthly client report and the assessment: how many of
 * each form, the intention levels the guides judged, the average rating per topic, and what the
 * car park heard (channels, requests, complaints).
 */
import {
  CUSTOMER_ASK_KINDS,
  HEARD_CHANNELS,
  INTENTION_LEVELS,
  MODEL_ROOM_TOPICS,
  type CustomerAskKind,
  type HeardChannel,
  type IntentionLevel,
  type ModelRoomAnswers,
  type ModelRoomTopic,
  type ParkingAnswers,
} from '@anchang/contracts';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { listFormsFiledBetween } from './customer-feedback.repository.js';

export interface TopicRatingFigures {
  /** Forms that rated the topic. */
  rated: number;
  /** Mean of the 1–5 ratings, two decimals; null when none rated it. */
  average: number | null;
}

export interface FeedbackFormFigures {
  total: number;
  modelRoom: {
    count: number;
    intentions: Record<IntentionLevel, number>;
    ratings: Record<ModelRoomTopic, TopicRatingFigures>;
  };
  parking: {
    count: number;
    channels: Record<HeardChannel, number>;
    asks: Record<CustomerAskKind, number>;
    /** People in the parties the forms counted (forms without a party size add nothing). */
    partyPeople: number;
  };
}

const zeroes = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

/** Figures of the forms filed in [fromMs, toMs) at the site. */
export async function feedbackFormFiguresOfPeriod(db: Kysely<DB>, siteId: string, fromMs: number, toMs: number): Promise<FeedbackFormFigures> {
  const rows = await listFormsFiledBetween(db, siteId, fromMs, toMs);
  const intentions = zeroes(INTENTION_LEVELS);
  const channels = zeroes(HEARD_CHANNELS);
  const asks = zeroes(CUSTOMER_ASK_KINDS);
  const sums = Object.fromEntries(MODEL_ROOM_TOPICS.map((t) => [t, { rated: 0, sum: 0 }])) as Record<ModelRoomTopic, { rated: number; sum: number }>;
  let modelRoom = 0;
  let parking = 0;
  let partyPeople = 0;
  for (const row of rows) {
    if (row.kind === 'model_room') {
      modelRoom += 1;
      const a = JSON.parse(row.answers) as ModelRoomAnswers;
      intentions[a.intention] += 1;
      for (const t of MODEL_ROOM_TOPICS) {
        const rating = a.views[t].rating;
        if (rating !== null) {
          sums[t].rated += 1;
          sums[t].sum += rating;
        }
      }
    } else {
      parking += 1;
      const a = JSON.parse(row.answers) as ParkingAnswers;
      channels[a.channel] += 1;
      asks[a.askKind] += 1;
      partyPeople += a.partySize ?? 0;
    }
  }
  const ratings = Object.fromEntries(
    MODEL_ROOM_TOPICS.map((t) => [
      t,
      { rated: sums[t].rated, average: sums[t].rated ? Math.round((sums[t].sum / sums[t].rated) * 100) / 100 : null },
    ]),
  ) as Record<ModelRoomTopic, TopicRatingFigures>;
  return {
    total: rows.length,
    modelRoom: { count: modelRoom, intentions, ratings },
    parking: { count: parking, channels, asks, partyPeople },
  };
}
