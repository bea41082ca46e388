/** Night and cross-midnight shifts: a shift whose end is not after its start ends the next day. */
export const nightShiftEn = {
  nextDay: 'next day',
  shiftTime: '{{start}}–{{end}} next day',
  endHint: 'An end not after the start is the next day, e.g. a 20:00–08:00 night shift',
  patrolAllDay: '24-hour patrols',
  patrolAllDayHint:
    'On: patrols planned at intervals run round the clock, nights and closed days included. Off: only during opening hours. Patrols at fixed times are not affected. A change applies from the next midnight plan; new patrol schedules use it at once.',
};
