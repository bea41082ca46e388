import {
  ArriveBody,
  AuthorisedDrivers,
  AuthorisedDriversBody,
  VehicleEventListQuery,
  CallShuttleBody,
  ShuttleCall,
  ShuttleCallParams,
  ShuttleCallQuery,
  ModelRoomNote,
  ModelRoomNoteBody,
  Page,
  PageQuery,
  ShuttleDriver,
  ShuttleTrip,
  ShuttleTripParams,
  SiteParams,
  StartTripBody,
  TripLogQuery,
  VehicleEvent,
  VehicleEventBody,
  VisitParams,
} from '@anchang/contracts';
import type { App } from '../../platform/http/types.js';
import type { Deps } from '../../platform/tx.js';
import {
  arrive,
  authorisedDrivers,
  driverCandidates,
  modelRoomNotes,
  recordModelRoomNote,
  recordVehicleEvent,
  setAuthorisedDrivers,
  startTrip,
  tripLog,
  vehicleEvents,
} from './shuttle.service.js';
import { callShuttle, listShuttleCalls, takeShuttleCall } from './shuttle-calls.service.js';

export function registerShuttleRoutes(app: App, deps: Deps): void {
  const tags = ['shuttle'];
  app.post(
    '/sites/:siteId/shuttle/calls',
    {
      schema: {
        tags,
        summary: 'Call the shuttle for guests (GUARD-IN-8): the drivers’ phones ring (the phone chooses the id; a resend answers 200)',
        params: SiteParams,
        body: CallShuttleBody,
        response: { 200: ShuttleCall, 201: ShuttleCall },
      },
    },
    async (req, reply) => {
      const { call, created } = await callShuttle(deps, req.actor, req.params.siteId, req.body);
      return reply.status(created ? 201 : 200).send(call);
    },
  );
  app.post(
    '/sites/:siteId/shuttle/calls/:callId/take',
    { schema: { tags, summary: 'A driver takes the call (the first tap wins)', params: ShuttleCallParams, response: { 200: ShuttleCall } } },
    (req) => takeShuttleCall(deps, req.actor, req.params.siteId, req.params.callId),
  );
  app.get(
    '/sites/:siteId/shuttle/calls',
    {
      schema: {
        tags,
        summary: 'Shuttle calls, newest first (`status=open`: not yet answered by a trip)',
        params: SiteParams,
        querystring: ShuttleCallQuery,
        response: { 200: Page(ShuttleCall) },
      },
    },
    (req) => listShuttleCalls(deps, req.actor, req.params.siteId, req.query),
  );
  app.post(
    '/sites/:siteId/shuttle/trips',
    {
      schema: {
        tags,
        summary: 'Depart with visits aboard (customers only)',
        params: SiteParams,
        body: StartTripBody,
        response: { 200: ShuttleTrip, 201: ShuttleTrip },
      },
    },
    async (req, reply) => {
      const { trip, created } = await startTrip(deps, req.actor, req.params.siteId, req.body);
      return reply.status(created ? 201 : 200).send(trip);
    },
  );
  app.post(
    '/sites/:siteId/shuttle/trips/:tripId/arrive',
    { schema: { tags, summary: 'Arrive, with the items-left check', params: ShuttleTripParams, body: ArriveBody, response: { 200: ShuttleTrip } } },
    (req) => arrive(deps, req.actor, req.params.siteId, req.params.tripId, req.body),
  );
  app.get(
    '/sites/:siteId/shuttle/trips',
    { schema: { tags, summary: 'The trip log, newest first', params: SiteParams, querystring: TripLogQuery, response: { 200: Page(ShuttleTrip) } } },
    (req) => tripLog(deps, req.actor, req.params.siteId, req.query),
  );
  app.post(
    '/sites/:siteId/shuttle/vehicle-events',
    {
      schema: {
        tags,
        summary: 'A handover between drivers, or the end-of-day clean and charge (the phone chooses the id; a resend answers 200)',
        params: SiteParams,
        body: VehicleEventBody,
        response: { 200: VehicleEvent, 201: VehicleEvent },
      },
    },
    async (req, reply) => {
      const { event, created } = await recordVehicleEvent(deps, req.actor, req.params.siteId, req.body);
      return reply.status(created ? 201 : 200).send(event);
    },
  );
  app.get(
    '/sites/:siteId/shuttle/vehicle-events',
    {
      schema: {
        tags,
        summary: 'Vehicle handovers and day-end checks, newest first; `to=me`: the handovers made to the caller (the overseers read them all)',
        params: SiteParams,
        querystring: VehicleEventListQuery,
        response: { 200: Page(VehicleEvent) },
      },
    },
    (req) => vehicleEvents(deps, req.actor, req.params.siteId, req.query),
  );
  app.get(
    '/sites/:siteId/shuttle/authorised-drivers',
    {
      schema: { tags, summary: 'Who may drive the shuttle (SHUTTLE duty 6)', params: SiteParams, response: { 200: AuthorisedDrivers } },
    },
    (req) => authorisedDrivers(deps, req.actor, req.params.siteId),
  );
  app.put(
    '/sites/:siteId/shuttle/authorised-drivers',
    {
      schema: {
        tags,
        summary: "Set the site's authorised drivers (null: the SHUTTLE post's people)",
        params: SiteParams,
        body: AuthorisedDriversBody,
        response: { 200: AuthorisedDrivers },
      },
    },
    (req) => setAuthorisedDrivers(deps, req.actor, req.params.siteId, req.body),
  );
  app.post(
    '/sites/:siteId/visits/:visitId/model-room-notes',
    {
      schema: {
        tags: ['visits'],
        summary: "Shoe covers handed out; the customer's points of interest",
        params: VisitParams,
        body: ModelRoomNoteBody,
        response: { 201: ModelRoomNote },
      },
    },
    async (req, reply) => reply.status(201).send(await recordModelRoomNote(deps, req.actor, req.params.siteId, req.params.visitId, req.body)),
  );
  app.get(
    '/sites/:siteId/visits/:visitId/model-room-notes',
    {
      schema: {
        tags: ['visits'],
        summary: "A visit's model-room notes, oldest first (the consultant reads the points of interest)",
        params: VisitParams,
        querystring: PageQuery,
        response: { 200: Page(ModelRoomNote) },
      },
    },
    (req) => modelRoomNotes(deps, req.actor, req.params.siteId, req.params.visitId, req.query),
  );
  app.get(
    '/sites/:siteId/shuttle/drivers',
    {
      schema: {
        tags,
        summary: 'Whom the vehicle can be handed to: active staff by name, with who works the shuttle post',
        params: SiteParams,
        querystring: PageQuery,
        response: { 200: Page(ShuttleDriver) },
      },
    },
    (req) => driverCandidates(deps, req.actor, req.params.siteId, req.query),
  );
}
