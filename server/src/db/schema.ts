/**
 * Table types for Kysely. Portable across SQLite and PostgreSQL: ids are text (UUIDv7),
 * instants are epoch-ms integers, booleans 0/1, JSON is text parsed at the repository.
 */
import type { Generated } from 'kysely';

export interface CompaniesTable {
  id: string;
  name: string;
  created_at: number;
  /** 1 for the demo company: every screen then says "demo data". */
  is_demo: Generated<number>;
}

/** The first-run setup's claim: one row ever, so concurrent setups cannot both create a company. */
export interface FirstRunTable {
  id: string;
  company_id: string;
  completed_at: number;
}

/** Login throttle counters (per account, per client address), shared by every instance. */
export interface LoginThrottleTable {
  key: string;
  hits: number;
  reset_at: number;
}

export interface SitesTable {
  id: string;
  company_id: string;
  name: string;
  address: string;
  time_zone: string;
  opening_hours: string;
  /** Days customers' plates, signatures and photos are kept (PIPL); 180 unless set. */
  customer_retention_days?: number;
  /** 1: patrols run round the clock, not only during opening hours. */
  patrol_all_day?: number;
  created_at: number;
  updated_at: number;
}

export interface ZonesTable {
  id: string;
  site_id: string;
  kind: string;
  name: string;
  capacity: number | null;
  created_at: number;
  updated_at: number;
}

export interface PostsTable {
  id: string;
  site_id: string;
  kind: string;
  name: string;
  zone_id: string | null;
  created_at: number;
  updated_at: number;
}

export interface PeopleTable {
  id: string;
  company_id: string;
  login: string;
  name: string;
  phone: string | null;
  password_hash: string;
  locale: string;
  is_company_admin: number;
  is_active: number;
  created_at: number;
  updated_at: number;
}

export interface SiteMembersTable {
  site_id: string;
  person_id: string;
  role: string;
  created_at: number;
}

export interface PostAssignmentsTable {
  post_id: string;
  /** The post's kind, copied when assigned: a post's kind never changes. */
  post_kind: string;
  person_id: string;
  site_id: string;
  created_at: number;
}

export interface SessionsTable {
  id: string;
  person_id: string;
  created_at: number;
  expires_at: number;
  last_seen_at: number;
}

export interface AuditLogTable {
  id: string;
  company_id: string;
  site_id: string | null;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  detail: string;
  request_id: string | null;
  at: number;
}

export interface NotificationsTable {
  id: string;
  site_id: string;
  to_person_id: string | null;
  from_person_id: string | null;
  from_name: string;
  title: string;
  body: string;
  created_at: number;
}

export interface TimersTable {
  id: string;
  kind: string;
  site_id: string | null;
  due_at: number;
  payload: string;
  status: string;
  attempts: Generated<number>;
  last_error: string | null;
  fired_at: number | null;
  fired_by: string | null;
  created_at: number;
  /** When the last attempt failed for good (status `failed`). */
  failed_at: number | null;
}

/** A realtime room's last sequence number (see platform/events/event-store.ts). */
export interface EventRoomsTable {
  room: string;
  seq: number;
}

/** An announced change, kept for replay to phones that reconnect; pruned after a week. */
export interface EventsTable {
  room: string;
  seq: number;
  site_id: string | null;
  type: string;
  /** JSON of the event's payload (contracts/src/events.ts). */
  payload: string;
  at: number;
}

export interface DB {
  companies: CompaniesTable;
  first_run: FirstRunTable;
  login_throttle: LoginThrottleTable;
  sites: SitesTable;
  zones: ZonesTable;
  posts: PostsTable;
  people: PeopleTable;
  site_members: SiteMembersTable;
  post_assignments: PostAssignmentsTable;
  sessions: SessionsTable;
  audit_log: AuditLogTable;
  notifications: NotificationsTable;
  timers: TimersTable;
  event_rooms: EventRoomsTable;
  events: EventsTable;
  standard_versions: StandardVersionsTable;
  site_standard_settings: SiteStandardSettingsTable;
  training_records: TrainingRecordsTable;
  roster_entries: RosterEntriesTable;
  shifts: ShiftsTable;
  photos: PhotosTable;
  checklist_results: ChecklistResultsTable;
  anomalies: AnomaliesTable;
  requisitions: RequisitionsTable;
  customer_opinions: CustomerOpinionsTable;
  customers: CustomersTable;
  visits: VisitsTable;
  visit_handoffs: VisitHandoffsTable;
  visit_chain_settings: VisitChainSettingsTable;
  consultant_away: ConsultantAwayTable;
  shuttle_driver_lists: ShuttleDriverListsTable;
  vehicle_checks: VehicleChecksTable;
  lost_items: LostItemsTable;
  incidents: IncidentsTable;
  hall_tables: HallTablesTable;
  drink_orders: DrinkOrdersTable;
  shuttle_trips: ShuttleTripsTable;
  shuttle_calls: ShuttleCallsTable;
  vehicle_events: VehicleEventsTable;
  model_room_notes: ModelRoomNotesTable;
  visit_questions: VisitQuestionsTable;
  checkpoints: CheckpointsTable;
  checkpoint_scans: CheckpointScansTable;
  checkpoint_retired_codes: CheckpointRetiredCodesTable;
  patrol_routes: PatrolRoutesTable;
  patrol_route_stops: PatrolRouteStopsTable;
  patrol_schedules: PatrolSchedulesTable;
  patrol_rounds: PatrolRoundsTable;
  patrol_round_checks: PatrolRoundChecksTable;
  round_schedules: RoundSchedulesTable;
  round_slots: RoundSlotsTable;
  weather_declarations: WeatherDeclarationsTable;
  weather_webhooks: WeatherWebhooksTable;
  supply_items: SupplyItemsTable;
  supply_stores: SupplyStoresTable;
  supply_stock: SupplyStockTable;
  supply_batches: SupplyBatchesTable;
  supply_movements: SupplyMovementsTable;
  model_room_items: ModelRoomItemsTable;
  model_room_checks: ModelRoomChecksTable;
  model_room_check_lines: ModelRoomCheckLinesTable;
  model_room_closings: ModelRoomClosingsTable;
  assets: AssetsTable;
  maintenance_schedules: MaintenanceSchedulesTable;
  equipment_checks: EquipmentChecksTable;
  work_orders: WorkOrdersTable;
  work_order_events: WorkOrderEventsTable;
  // integrations module (issue 13): group robots, webhooks, the delivery queue
  notify_channels: NotifyChannelsTable;
  group_notices: GroupNoticesTable;
  outbound_deliveries: OutboundDeliveriesTable;
  outbound_attempts: OutboundAttemptsTable;
  // meetings module
  meetings: MeetingsTable;
  meeting_attendance: MeetingAttendanceTable;
  meeting_action_items: MeetingActionItemsTable;
  // customer-feedback module
  customer_feedback_forms: CustomerFeedbackFormsTable;
  // inspections module
  inspections: InspectionsTable;
  inspection_items: InspectionItemsTable;
  rectifications: RectificationsTable;
  rectification_events: RectificationEventsTable;
  inspection_settings: InspectionSettingsTable;
  // complaints module (issue 13)
  complaints: ComplaintsTable;
  complaint_events: ComplaintEventsTable;
  complaint_settings: ComplaintSettingsTable;
  // training (issue 12)
  training_fact_sheets: TrainingFactSheetsTable;
  training_courses: TrainingCoursesTable;
  training_sessions: TrainingSessionsTable;
  training_invites: TrainingInvitesTable;
  training_quiz_questions: TrainingQuizQuestionsTable;
  training_quiz_attempts: TrainingQuizAttemptsTable;
  training_certificates: TrainingCertificatesTable;
  training_site_settings: TrainingSiteSettingsTable;
  // assessment module
  assessment_schemes: AssessmentSchemesTable;
  assessments: AssessmentsTable;
  survey_tokens: SurveyTokensTable;
  survey_answers: SurveyAnswersTable;
  survey_ratings: SurveyRatingsTable;
  survey_credits: SurveyCreditsTable;
  survey_complaints: SurveyComplaintsTable;
  handovers: HandoversTable;
  handover_settings: HandoverSettingsTable;
  assessment_recommendations: AssessmentRecommendationsTable;
  assessment_closes: AssessmentClosesTable;
  // client-reports module (issue 13)
  client_reports: ClientReportsTable;
}

export interface StandardVersionsTable {
  id: string;
  site_id: string;
  post_kind: string;
  version: number;
  library_version: string;
  content: string;
  change_note: string;
  created_by: string | null;
  created_at: number;
}

export interface SiteStandardSettingsTable {
  site_id: string;
  settings: string;
  updated_at: number;
}

export interface TrainingRecordsTable {
  id: string;
  company_id: string;
  person_id: string;
  kind: string;
  topic: string;
  completed_at: number;
  recorded_by: string | null;
  /** Null on records written before training was per site. */
  site_id: string | null;
  session_id: string | null;
}

export interface RosterEntriesTable {
  id: string;
  site_id: string;
  post_id: string;
  person_id: string;
  date: string;
  start_time: string;
  end_time: string;
  created_by: string | null;
  created_at: number;
}

export interface ShiftsTable {
  id: string;
  site_id: string;
  post_id: string;
  person_id: string;
  roster_entry_id: string | null;
  date: string;
  standard_version_id: string;
  status: string;
  planned_start: string;
  planned_end: string;
  clock_in_at: number;
  clock_in_received_at: number;
  clock_in_location: string | null;
  clock_out_at: number | null;
  left_with_guests: number;
  guests_at_clock_out: number | null;
  leave_reason: string | null;
  debrief_attended: number | null;
  created_at: number;
}

export interface PhotosTable {
  id: string;
  site_id: string;
  content_type: string;
  size: number;
  bytes: Buffer;
  uploaded_by: string;
  created_at: number;
}

export interface ChecklistResultsTable {
  id: string;
  shift_id: string;
  site_id: string;
  item_id: string;
  phase: string;
  result: string;
  note: string | null;
  photo_id: string | null;
  recorded_at: number;
  received_at: number;
}

export interface AnomaliesTable {
  id: string;
  site_id: string;
  shift_id: string | null;
  post_id: string | null;
  item_id: string | null;
  item_text: string;
  category: string;
  note: string;
  photo_id: string | null;
  needs_repair: number;
  status: string;
  reported_by: string;
  reported_at: number;
  acknowledged_by: string | null;
  acknowledged_at: number | null;
  assigned_to: string | null;
  resolved_by: string | null;
  resolved_at: number | null;
  resolution: string | null;
  updated_at: number;
}

export interface RequisitionsTable {
  id: string;
  site_id: string;
  shift_id: string | null;
  post_id: string | null;
  requested_by: string;
  lines: string;
  note: string;
  status: string;
  decided_by: string | null;
  decided_at: number | null;
  decision_note: string | null;
  created_at: number;
  /** When the store issued it (the issuing batch's time); null until then. */
  issued_at: number | null;
}

export interface CustomerOpinionsTable {
  id: string;
  site_id: string;
  shift_id: string | null;
  post_id: string | null;
  person_id: string;
  date: string;
  category: string;
  text: string;
  created_at: number;
}

/** A customer of one site, known by phone only with their consent. */
export interface CustomersTable {
  id: string;
  site_id: string;
  phone: string;
  name: string | null;
  consent_at: number;
  /** Set when the customer withdraws consent: no longer recognised, purged by the next retention run. */
  consent_withdrawn_at: number | null;
  first_seen_at: number;
  last_visit_at: number;
  visit_count: number;
}

export interface VisitsTable {
  id: string;
  site_id: string;
  party_size: number;
  arrival_mode: string;
  plate: string | null;
  is_new_energy: number;
  customer_id: string | null;
  consultant_id: string | null;
  stage: string;
  stage_since: number;
  /** JSON: [{ stage, at, by }] in order, for time per stage. */
  stage_log: string;
  status: string;
  registered_by: string;
  arrived_at: number;
  closed_at: number | null;
  updated_at: number;
  table_id?: string | null;
  seated_at?: number | null;
  waiting_since?: number | null;
  /** 'day_end': closed by the day-end timer, nobody having recorded the departure. */
  closed_reason?: string | null;
}

export interface VisitHandoffsTable {
  id: string;
  visit_id: string;
  site_id: string;
  to_target: string;
  to_post_kind: string | null;
  to_person_id: string | null;
  from_stage: string;
  note: string;
  sent_by: string;
  sent_at: number;
  acked_by: string | null;
  acked_at: number | null;
  /** 1: the consultant hand-off goes round the consultants in turn (轮流). */
  rotation?: number;
  /** When the post's phones were rung again, nobody having taken it within the limit. */
  rung_at?: number | null;
}

export interface VehicleChecksTable {
  visit_id: string;
  site_id: string;
  marks: string;
  notes: string;
  photo_ids: string;
  signature: string;
  checked_by: string;
  signed_at: number;
}

export interface LostItemsTable {
  id: string;
  site_id: string;
  what: string;
  where_found: string;
  found_at: number;
  found_by: string;
  storage_place: string;
  status: string;
  open_pending_by: string | null;
  open_pending_at: number | null;
  opened_by: string | null;
  opened_at: number | null;
  contents: string | null;
  returned_to: string | null;
  returned_phone: string | null;
  return_signature: string | null;
  returned_by: string | null;
  returned_at: number | null;
  created_at: number;
  /** The photo taken when it was registered (2026-12-07). */
  photo_id: string | null;
}

export interface IncidentsTable {
  id: string;
  site_id: string;
  kind: string;
  severity: string;
  description: string;
  photo_id: string | null;
  reported_by: string;
  reported_at: number;
  status: string;
  police_decision: string | null;
  decision_note: string | null;
  decided_by: string | null;
  decided_at: number | null;
  closed_at: number | null;
}

export interface HallTablesTable {
  id: string;
  site_id: string;
  name: string;
  seats: number;
  created_at: number;
}

export interface DrinkOrdersTable {
  id: string;
  site_id: string;
  visit_id: string;
  table_id: string | null;
  lines: string;
  status: string;
  ordered_by: string;
  ordered_at: number;
  made_at: number | null;
  served_at: number | null;
  served_by_post: string | null;
}

export interface ShuttleTripsTable {
  id: string;
  site_id: string;
  vehicle: string;
  driver_id: string;
  destination: string;
  visit_ids: string;
  guests: number;
  status: string;
  departed_at: number;
  arrived_at: number | null;
  items_left: number | null;
  items_note: string | null;
}

/** GUARD-IN-8/9: a call for the shuttle, from the concierge to the drivers. */
export interface ShuttleCallsTable {
  id: string;
  site_id: string;
  pickup: string;
  visit_ids: string;
  guests: number;
  note: string;
  called_by: string;
  called_at: number;
  due_at: number;
  taken_by: string | null;
  taken_at: number | null;
  trip_id: string | null;
  trip_started_at: number | null;
  apology_at: number | null;
}

export interface VehicleEventsTable {
  id: string;
  site_id: string;
  kind: string;
  vehicle: string;
  by_person: string;
  to_driver: string | null;
  detail: string;
  at: number;
}

export interface ModelRoomNotesTable {
  id: string;
  site_id: string;
  visit_id: string;
  shoe_covers: number | null;
  interests: string | null;
  by_person: string;
  at: number;
}

export interface CheckpointsTable {
  id: string;
  site_id: string;
  zone_id: string;
  name_zh: string;
  name_en: string;
  code: string;
  lat: number | null;
  lng: number | null;
  revoked_at: number | null;
  created_at: number;
}

export interface CheckpointScansTable {
  id: string;
  site_id: string;
  checkpoint_id: string;
  person_id: string;
  scanned_at: number;
  lat: number | null;
  lng: number | null;
  accuracy_m: number | null;
  flags: string;
}

export interface AssetsTable {
  id: string;
  site_id: string;
  zone_id: string;
  category: string;
  name_zh: string;
  name_en: string;
  model: string;
  location_note: string;
  installed_on: string | null;
  code: string;
  code_revoked_at: number | null;
  retired_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface MaintenanceSchedulesTable {
  id: string;
  site_id: string;
  asset_id: string;
  title: string;
  every_days: number;
  next_due_on: string;
  last_done_at: number | null;
  last_done_by: string | null;
  last_note: string | null;
  created_at: number;
}

export interface EquipmentChecksTable {
  id: string;
  site_id: string;
  kind: string;
  date: string;
  person_id: string;
  results: string;
  work_order_ids: string;
  at: number;
}

export interface WorkOrdersTable {
  id: string;
  site_id: string;
  zone_id: string;
  asset_id: string | null;
  source: string;
  anomaly_id: string | null;
  description: string;
  photo_id: string | null;
  after_photo_id: string | null;
  status: string;
  reported_by: string | null;
  technician_id: string | null;
  reported_at: number;
  accepted_at: number | null;
  arrived_at: number | null;
  done_at: number | null;
  verified_at: number | null;
  arrival_deadline_at: number;
  escalation_level: number;
  pause_reason: string | null;
  done_note: string | null;
  updated_at: number;
}

export interface WorkOrderEventsTable {
  id: string;
  site_id: string;
  work_order_id: string;
  status: string;
  by_person: string | null;
  by_name: string | null;
  note: string | null;
  at: number;
}

export interface SupplyItemsTable {
  id: string;
  site_id: string;
  name_zh: string;
  name_en: string;
  unit: string;
  category: string;
  low_stock_threshold: number;
  archived_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface SupplyStoresTable {
  id: string;
  site_id: string;
  name: string;
  created_at: number;
}

export interface SupplyStockTable {
  id: string;
  site_id: string;
  store_id: string;
  item_id: string;
  on_hand: number;
  low: number;
  updated_at: number;
}

export interface SupplyBatchesTable {
  id: string;
  site_id: string;
  kind: string;
  store_id: string;
  requisition_id: string | null;
  note: string;
  by_person: string;
  at: number;
}

export interface SupplyMovementsTable {
  id: string;
  site_id: string;
  batch_id: string;
  kind: string;
  store_id: string;
  item_id: string;
  delta: number;
  on_hand_after: number;
  week: string;
  at: number;
}

export interface ModelRoomItemsTable {
  id: string;
  site_id: string;
  zone_id: string;
  name: string;
  quantity: number;
  photo_id: string | null;
  position_note: string;
  archived_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface ModelRoomChecksTable {
  id: string;
  site_id: string;
  zone_id: string;
  phase: string;
  by_person: string;
  present: number;
  missing: number;
  damaged: number;
  at: number;
}

/** GUARD-IN-11: one switch of the model room's closing routine confirmed off (water, power, cctv). */
export interface ModelRoomClosingsTable {
  id: string;
  site_id: string;
  date: string;
  switch: string;
  by_person: string;
  at: number;
}

export interface ModelRoomCheckLinesTable {
  id: string;
  site_id: string;
  check_id: string;
  item_id: string;
  item_name: string;
  expected: number;
  status: string;
  found_quantity: number | null;
  note: string;
  photo_id: string | null;
  incident_id: string | null;
}

export interface RoundSchedulesTable {
  id: string;
  site_id: string;
  post_kind: string;
  item_id: string | null;
  label_zh: string;
  label_en: string;
  recurrence: string;
  grace_minutes: number;
  proof: string;
  checkpoint_id: string | null;
  active: number;
  created_at: number;
  updated_at: number;
}

export interface RoundSlotsTable {
  id: string;
  site_id: string;
  schedule_id: string | null;
  weather_id: string | null;
  post_kind: string;
  item_id: string | null;
  label_zh: string;
  label_en: string;
  proof: string;
  checkpoint_id: string | null;
  local_date: string;
  due_at: number;
  grace_ends_at: number;
  status: string;
  proved_by: string | null;
  proved_by_name: string | null;
  proved_at: number | null;
  photo_id: string | null;
  decided_at: number | null;
  created_at: number;
}

export interface WeatherDeclarationsTable {
  id: string;
  site_id: string;
  kind: string;
  note: string;
  source: string;
  declared_by: string | null;
  declared_by_name: string | null;
  declared_at: number;
  ended_at: number | null;
  ended_by_name: string | null;
}

export interface WeatherWebhooksTable {
  site_id: string;
  token_hash: string;
  token_hint: string;
  rotated_at: number;
  rotated_by: string | null;
}

export interface CheckpointRetiredCodesTable {
  code: string;
  checkpoint_id: string;
  site_id: string;
  retired_at: number;
}

export interface PatrolRoutesTable {
  id: string;
  site_id: string;
  name_zh: string;
  name_en: string;
  archived_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface PatrolRouteStopsTable {
  route_id: string;
  position: number;
  site_id: string;
  checkpoint_id: string;
  planned_minute: number;
}

export interface PatrolSchedulesTable {
  id: string;
  site_id: string;
  route_id: string;
  post_kind: string;
  kind: string;
  every_minutes: number | null;
  times: string;
  grace_minutes: number;
  active: number;
  created_at: number;
  updated_at: number;
}

export interface PatrolRoundsTable {
  id: string;
  site_id: string;
  route_id: string;
  schedule_id: string;
  post_kind: string;
  date: string;
  slot_start: number;
  closes_at: number;
  status: string;
  walker_id: string | null;
  created_at: number;
  updated_at: number;
}

export interface PatrolRoundChecksTable {
  round_id: string;
  position: number;
  site_id: string;
  checkpoint_id: string;
  planned_at: number;
  scan_id: string | null;
  scanned_at: number | null;
  is_late: number;
  equipment_state: string | null;
  equipment_note: string | null;
  anomaly_id: string | null;
}

export interface VisitQuestionsTable {
  id: string;
  site_id: string;
  visit_id: string;
  text: string;
  asked_by: string;
  asked_at: number;
  to_person_id: string | null;
  answer: string | null;
  answered_by: string | null;
  answered_at: number | null;
  answer_ms: number | null;
}

// ---- meetings module: the daily debrief, the weekly review and their action items ----
export interface MeetingsTable {
  id: string;
  site_id: string;
  kind: string;
  /** The debrief's site-local day; the review's Monday. */
  date: string;
  status: string;
  minutes: string;
  frozen_figures: string | null;
  opened_by: string | null;
  opened_by_name: string;
  opened_at: number;
  closed_by: string | null;
  closed_by_name: string | null;
  closed_at: number | null;
  updated_at: number;
}

export interface MeetingAttendanceTable {
  meeting_id: string;
  person_id: string;
  site_id: string;
  status: string;
  clock_out_answer: number | null;
  corrected_by: string | null;
  corrected_by_name: string | null;
  corrected_at: number | null;
}

export interface MeetingActionItemsTable {
  id: string;
  site_id: string;
  meeting_id: string;
  text: string;
  owner_id: string;
  due_date: string;
  status: string;
  done_at: number | null;
  done_by: string | null;
  done_by_name: string | null;
  overdue_alerted_at: number | null;
  created_by: string | null;
  created_at: number;
}

// ---- inspections (supervisor inspections, rectifications, the daily plan) ----

export interface InspectionsTable {
  id: string;
  site_id: string;
  post_id: string;
  post_kind: string;
  person_id: string;
  inspector_id: string;
  is_mystery: number;
  standard_version_id: string;
  date: string;
  inspected_at: number;
  item_count: number;
  failed_count: number;
  deduction_points: number;
  note: string | null;
}

export interface InspectionItemsTable {
  inspection_id: string;
  position: number;
  site_id: string;
  item_id: string;
  source: string;
  text_zh: string;
  text_en: string;
  points: number;
  passed: number;
  deduction: number;
  note: string | null;
  photo_id: string | null;
}

export interface RectificationsTable {
  id: string;
  site_id: string;
  inspection_id: string;
  item_id: string;
  person_id: string;
  inspector_id: string;
  status: string;
  round: number;
  deduction: number;
  deduction_waived: number;
  deadline_at: number;
  overdue_at: number | null;
  fix_note: string | null;
  fix_photo_id: string | null;
  fixed_at: number | null;
  decided_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface RectificationEventsTable {
  id: string;
  site_id: string;
  rectification_id: string;
  status: string;
  by_person: string | null;
  by_name: string | null;
  note: string | null;
  photo_id: string | null;
  at: number;
}

export interface InspectionSettingsTable {
  site_id: string;
  settings: string;
  updated_at: number;
}

// ---- training (issue 12) ----
export interface TrainingFactSheetsTable {
  id: string;
  site_id: string;
  version: number;
  /** JSON of FactSheetContent (contracts/src/training.ts). */
  content: string;
  change_note: string;
  published_by: string | null;
  published_by_name: string;
  published_at: number;
}

export interface TrainingCoursesTable {
  id: string;
  company_id: string;
  kind: string;
  topic_key: string | null;
  name_zh: string;
  name_en: string;
  created_at: number;
}

export interface TrainingSessionsTable {
  id: string;
  site_id: string;
  course_id: string;
  kind: string;
  date: string;
  trainer_name: string;
  material: string;
  /** JSON array of photo ids. */
  photo_ids: string;
  pass_mark: number | null;
  created_by: string | null;
  created_at: number;
}

export interface TrainingInvitesTable {
  session_id: string;
  person_id: string;
  site_id: string;
  confirmed_at: number | null;
}

export interface TrainingQuizQuestionsTable {
  id: string;
  session_id: string;
  position: number;
  source: string;
  prompt: string;
  /** JSON array of strings. */
  choices: string;
  correct_index: number;
}

export interface TrainingQuizAttemptsTable {
  id: string;
  session_id: string;
  site_id: string;
  person_id: string;
  /** JSON array of chosen indexes, in question order. */
  answers: string;
  correct: number;
  total: number;
  score: number;
  passed: number;
  submitted_at: number;
}

export interface TrainingCertificatesTable {
  id: string;
  site_id: string;
  person_id: string;
  kind: string;
  number: string;
  expires_on: string;
  recorded_by: string | null;
  created_at: number;
}

export interface TrainingSiteSettingsTable {
  site_id: string;
  pre_job_gate: string;
  updated_at: number;
}

// ---- assessment module ----
export interface AssessmentSchemesTable {
  id: string;
  company_id: string;
  version: number;
  content: string;
  change_note: string;
  created_by: string | null;
  created_at: number;
}

export interface AssessmentsTable {
  id: string;
  site_id: string;
  person_id: string;
  month: string;
  scheme_id: string;
  post_kind: string;
  status: string;
  outcome: string;
  total_tenths: number;
  figures: string;
  lines: string;
  computed_at: number;
  signed_by: string | null;
  signed_at: number | null;
  appeal_status: string;
  appeal_text: string | null;
  appealed_at: number | null;
  appeal_reason: string | null;
  appeal_decided_by: string | null;
  appeal_decided_at: number | null;
  updated_at: number;
}

export interface AssessmentRecommendationsTable {
  id: string;
  company_id: string;
  site_id: string;
  person_id: string;
  first_assessment_id: string;
  second_assessment_id: string;
  first_month: string;
  second_month: string;
  status: string;
  reason: string | null;
  decided_by: string | null;
  decided_at: number | null;
  created_at: number;
}

export interface AssessmentClosesTable {
  site_id: string;
  month: string;
  closed_at: number;
}

export interface SurveyTokensTable {
  id: string;
  site_id: string;
  token: string;
  source: string;
  visit_id: string | null;
  scope: string | null;
  zone_id: string | null;
  post_id: string | null;
  created_by: string;
  created_at: number;
  revoked_at: number | null;
}

export interface SurveyAnswersTable {
  id: string;
  site_id: string;
  token_id: string;
  source: string;
  visit_id: string | null;
  nps: number;
  comment: string;
  phone: string | null;
  address: string;
  device_id: string;
  date: string;
  answered_at: number;
}

export interface SurveyRatingsTable {
  answer_id: string;
  site_id: string;
  post_id: string;
  post_kind: string;
  rating: number;
  date: string;
}

export interface SurveyCreditsTable {
  answer_id: string;
  site_id: string;
  post_id: string;
  person_id: string;
  rating: number;
  answered_at: number;
}

/** A complaint filed from a survey QR: what the public limits count (the complaint is the complaints module's). */
export interface SurveyComplaintsTable {
  complaint_id: string;
  site_id: string;
  token_id: string;
  address: string;
  device_id: string;
  filed_at: number;
}

// ---- complaints (投诉: intake, handling, the result reported back, the follow-up call) ----
export interface ComplaintsTable {
  id: string;
  site_id: string;
  number: number;
  source: string;
  category: string;
  severity: string;
  status: string;
  description: string;
  complainant_name: string | null;
  complainant_phone: string | null;
  phone_consent: number;
  post_id: string | null;
  visit_id: string | null;
  /** JSON array of photo ids. */
  photo_ids: string;
  filed_by: string | null;
  filed_by_name: string | null;
  owner_id: string | null;
  received_at: number;
  round_started_at: number;
  deadline_at: number;
  overdue_at: number | null;
  first_result_at: number | null;
  result_text: string | null;
  result_channel: string | null;
  result_at: number | null;
  verdict: string | null;
  follow_up_by_name: string | null;
  follow_up_at: number | null;
  closed_at: number | null;
  reopen_count: number;
  version: number;
  updated_at: number;
}
export interface ComplaintEventsTable {
  id: string;
  site_id: string;
  complaint_id: string;
  kind: string;
  status: string;
  by_person: string | null;
  by_name: string | null;
  note: string | null;
  verdict: string | null;
  at: number;
}
export interface ComplaintSettingsTable {
  site_id: string;
  settings: string;
  updated_at: number;
}

// ---- customer-feedback module: the model-room and parking customer forms ----
export interface CustomerFeedbackFormsTable {
  id: string;
  site_id: string;
  kind: string;
  date: string;
  shift_id: string | null;
  post_id: string | null;
  person_id: string;
  visit_id: string | null;
  intention: string | null;
  /** JSON: ModelRoomAnswers or ParkingAnswers (contracts), by kind. */
  answers: string;
  created_at: number;
}

// ---- integrations module: group robots, outbound webhooks, the delivery queue (robots, webhooks, SMS) ----
export interface NotifyChannelsTable {
  id: string;
  company_id: string;
  site_id: string;
  type: string;
  name: string;
  url: string;
  secret: string | null;
  keyword: string | null;
  /** JSON array of notice kinds. */
  kinds: string;
  is_enabled: number;
  deleted_at: number | null;
  created_by: string | null;
  created_at: number;
  updated_at: number;
}

export interface GroupNoticesTable {
  id: string;
  site_id: string;
  kind: string;
  title: string;
  /** JSON array of strings. */
  lines: string;
  link: string | null;
  /** JSON object of ids. */
  refs: string;
  occurred_at: number;
  fanned_out_at: number | null;
}

export interface OutboundDeliveriesTable {
  id: string;
  site_id: string;
  transport: string;
  channel_id: string | null;
  notice_id: string | null;
  kind: string;
  payload: string;
  status: string;
  attempts: number;
  next_at: number;
  last_status_code: number | null;
  last_answer: string | null;
  created_at: number;
  done_at: number | null;
}

export interface OutboundAttemptsTable {
  id: string;
  delivery_id: string;
  attempt: number;
  at: number;
  status_code: number | null;
  answer_excerpt: string | null;
  error: string | null;
  duration_ms: number;
}

// ---- client-reports module: the monthly report to the developer client ----
export interface ClientReportsTable {
  id: string;
  site_id: string;
  month: string;
  from_date: string;
  to_date: string;
  status: string;
  figures: string;
  figures_at: number;
  narrative: string;
  measures: string;
  generated_by: string | null;
  generated_at: number;
  published_by: string | null;
  published_at: number | null;
  acknowledged_by: string | null;
  acknowledged_at: number | null;
  updated_at: number;
}

/** Per site: the hand-off limits, the consultant rotation and the day-end grace (visits module). */
export interface VisitChainSettingsTable {
  site_id: string;
  ack_limit_s: number;
  consultant_rotation: number;
  consultant_accept_s: number;
  day_end_grace_min: number;
  rotation_last_person_id: string | null;
  updated_at: number;
}

/** A consultant out of the rotation for one day (`away_on`, the site's local date; visits module). */
export interface ConsultantAwayTable {
  site_id: string;
  person_id: string;
  away_on: string;
  set_at: number;
}

/** The drivers a site authorised for the shuttle (SHUTTLE duty 6); JSON array of person ids. */
export interface ShuttleDriverListsTable {
  site_id: string;
  person_ids: string;
  updated_at: number;
}

/** A night-shift handover (交接班); lists are JSON text. */
export interface HandoversTable {
  id: string;
  site_id: string;
  post_id: string;
  date: string;
  from_person_id: string;
  written_at: number;
  open_items: string;
  equipment: string;
  notes: string;
  photo_ids: string;
  expected_person_id: string | null;
  confirm_by: number;
  status: string;
  confirmed_by: string | null;
  confirmed_at: number | null;
  confirm_note: string | null;
  alerted_at: number | null;
}

export interface HandoverSettingsTable {
  site_id: string;
  confirm_minutes: number;
  post_kinds: string;
  updated_at: number;
}
