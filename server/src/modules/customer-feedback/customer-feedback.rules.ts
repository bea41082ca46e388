import type { ModelRoomAnswers, ParkingAnswers } from '@anchang/contracts';
import type { CustomerFeedbackFormsTable } from '../../db/schema.js';

/** A stored form's answers, read by its kind (the column holds the JSON its contract describes). */
export const answersOf = (
  row: Pick<CustomerFeedbackFormsTable, 'kind' | 'answers'>,
): { modelRoom: ModelRoomAnswers | null; parking: ParkingAnswers | null } =>
  row.kind === 'model_room'
    ? { modelRoom: JSON.parse(row.answers) as ModelRoomAnswers, parking: null }
    : { modelRoom: null, parking: JSON.parse(row.answers) as ParkingAnswers };
