import {
  ActionItem,
  ActionItemParams,
  CreateActionItemBody,
  MeetingAttendanceBody,
  MeetingAttendeeParams,
  MeetingCompliance,
  MeetingComplianceQuery,
  MeetingDetail,
  MeetingListQuery,
  MeetingMinutesBody,
  MeetingParams,
  MeetingSummary,
  MyActionItemsQuery,
  OpenDebriefBody,
  OpenReviewBody,
  Page,
  SiteParams,
  TodayDebrief,
} from '@anchang/contracts';
import type { App } from '../../platform/http/types.js';
import type { Deps } from '../../platform/tx.js';
import {
  addActionItem,
  closeMeeting,
  completeActionItem,
  correctAttendance,
  getCompliance,
  getMeeting,
  getTodayDebrief,
  listMeetings,
  listMyActionItems,
  openDebrief,
  openReview,
  saveMinutes,
} from './meetings.service.js';

export function registerMeetingRoutes(app: App, deps: Deps): void {
  const tags = ['meetings'];
  app.get(
    '/sites/:siteId/meetings',
    {
      schema: {
        tags,
        summary: 'Debriefs and weekly reviews, newest first',
        params: SiteParams,
        querystring: MeetingListQuery,
        response: { 200: Page(MeetingSummary) },
      },
    },
    (req) => listMeetings(deps, req.actor, req.params.siteId, req.query),
  );
  app.get(
    '/sites/:siteId/meetings/compliance',
    {
      schema: {
        tags,
        summary: "A month's open days and weeks with their debrief and review held or missing",
        params: SiteParams,
        querystring: MeetingComplianceQuery,
        response: { 200: MeetingCompliance },
      },
    },
    (req) => getCompliance(deps, req.actor, req.params.siteId, req.query.month),
  );
  app.get(
    '/sites/:siteId/meetings/today',
    { schema: { tags, summary: "Today's debrief: held or not, and its attendance", params: SiteParams, response: { 200: TodayDebrief } } },
    (req) => getTodayDebrief(deps, req.actor, req.params.siteId),
  );
  app.post(
    '/sites/:siteId/meetings/debriefs',
    {
      schema: {
        tags,
        summary: "Open a day's debrief (today by default); one per day",
        params: SiteParams,
        body: OpenDebriefBody,
        response: { 201: MeetingDetail },
      },
    },
    async (req, reply) => reply.status(201).send(await openDebrief(deps, req.actor, req.params.siteId, req.body)),
  );
  app.post(
    '/sites/:siteId/meetings/reviews',
    {
      schema: {
        tags,
        summary: 'Open the weekly review of the week holding `date` (this week by default); one per week',
        params: SiteParams,
        body: OpenReviewBody,
        response: { 201: MeetingDetail },
      },
    },
    async (req, reply) => reply.status(201).send(await openReview(deps, req.actor, req.params.siteId, req.body)),
  );
  app.get(
    '/sites/:siteId/meetings/:meetingId',
    { schema: { tags, summary: 'A meeting: figures, attendance, minutes, action items', params: MeetingParams, response: { 200: MeetingDetail } } },
    (req) => getMeeting(deps, req.actor, req.params.siteId, req.params.meetingId),
  );
  app.put(
    '/sites/:siteId/meetings/:meetingId/minutes',
    {
      schema: {
        tags,
        summary: 'Save the minutes of an open meeting',
        params: MeetingParams,
        body: MeetingMinutesBody,
        response: { 200: MeetingDetail },
      },
    },
    (req) => saveMinutes(deps, req.actor, req.params.siteId, req.params.meetingId, req.body.minutes),
  );
  app.put(
    '/sites/:siteId/meetings/:meetingId/attendance/:personId',
    {
      schema: {
        tags,
        summary: "Correct one rostered person's attendance at an open debrief",
        params: MeetingAttendeeParams,
        body: MeetingAttendanceBody,
        response: { 200: MeetingDetail },
      },
    },
    (req) => correctAttendance(deps, req.actor, req.params.siteId, req.params.meetingId, req.params.personId, req.body.status),
  );
  app.post(
    '/sites/:siteId/meetings/:meetingId/close',
    {
      schema: {
        tags,
        summary: 'Close and sign: figures, attendance and minutes are frozen',
        params: MeetingParams,
        response: { 200: MeetingDetail },
      },
    },
    (req) => closeMeeting(deps, req.actor, req.params.siteId, req.params.meetingId),
  );
  app.post(
    '/sites/:siteId/meetings/:meetingId/action-items',
    {
      schema: {
        tags,
        summary: 'Give an action item to a member of the site, due on or after the meeting day',
        params: MeetingParams,
        body: CreateActionItemBody,
        response: { 201: ActionItem },
      },
    },
    async (req, reply) => reply.status(201).send(await addActionItem(deps, req.actor, req.params.siteId, req.params.meetingId, req.body)),
  );
  app.get(
    '/sites/:siteId/action-items/mine',
    {
      schema: {
        tags,
        summary: 'My action items, newest first',
        params: SiteParams,
        querystring: MyActionItemsQuery,
        response: { 200: Page(ActionItem) },
      },
    },
    (req) => listMyActionItems(deps, req.actor, req.params.siteId, req.query),
  );
  app.post(
    '/sites/:siteId/action-items/:actionItemId/done',
    { schema: { tags, summary: 'Mark an action item done (its owner, or a manager)', params: ActionItemParams, response: { 200: ActionItem } } },
    (req) => completeActionItem(deps, req.actor, req.params.siteId, req.params.actionItemId),
  );
}
