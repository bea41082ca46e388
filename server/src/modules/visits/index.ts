export { noVisitsRecorded, type GuestPresence } from './guest-presence.js';
