import calendarEn from './parts/calendar.en';
import catalogueEn from './parts/catalogue.en';
import rulesEn from './parts/rules.en';
import auditEn from './parts/audit.en';
import accountsEn from './parts/accounts.en';
import adminEn from './parts/admin.en';
import hotlinesEn from './parts/hotlines.en';
import unitsEn from './parts/units.en';
import areasEn from './parts/areas.en';
import passwordEn from './parts/password.en';
import mfaEn from './parts/mfa.en';
import replyReviewEn from './parts/reply-review.en';
import attentionEn from './parts/attention.en';
import ticketSearchEn from './parts/ticket-search.en';
import callEn from './parts/call.en';
import worklistEn from './parts/worklist.en';
import deskEn from './parts/desk.en';
import knowledgeEn from './parts/knowledge.en';
import wallboardEn from './parts/wallboard.en';
import dispatchEn from './parts/dispatch.en';
import inboxEn from './parts/inbox.en';
import mobileEn from './parts/mobile.en';
import mobileMapEn from './parts/mobile-map.en';
import ticketEn from './parts/ticket.en';
import mailboxEn from './parts/mailbox.en';
import reportEn from './parts/report.en';
import assessmentEn from './parts/assessment.en';
import statsEn from './parts/stats.en';
import recordingEn from './parts/recording.en';
import discrepancyEn from './parts/discrepancy.en';
import pickersEn from './parts/pickers.en';
import supervisionEn from './parts/supervision.en';
import healthEn from './parts/health.en';
import warningsEn from './parts/warnings.en';
import type { MessageSchema } from './zh-CN';
import emergencyEn from './parts/emergency.en';
import incidentEn from './parts/incident.en';
import dutyEn from './parts/duty.en';
import commandHallEn from './parts/command-hall.en';

/** English. Typed against the Chinese file so a missing key fails type-checking too. */
const en: MessageSchema = {
  calendar: calendarEn,
  catalogue: catalogueEn,
  rules: rulesEn,
  audit: auditEn,
  accounts: accountsEn,
  admin: adminEn,
  hotlines: hotlinesEn,
  units: unitsEn,
  areas: areasEn,
  attention: attentionEn,
  stats: statsEn,
  worklist: worklistEn,
  recording: recordingEn,
  discrepancy: discrepancyEn,
  pickers: pickersEn,
  ticket: ticketEn,
  ticketSearch: ticketSearchEn,
  assessment: assessmentEn,
  mailbox: mailboxEn,
  report: reportEn,
  inbox: inboxEn,
  mobile: mobileEn,
  mobileMap: mobileMapEn,
  dispatch: dispatchEn,
  emergency: emergencyEn,
  incident: incidentEn,
  duty: dutyEn,
  commandHall: commandHallEn,
  replyReview: replyReviewEn,
  warnings: warningsEn,
  app: {
    name: 'Yixian',
    fullName: 'Yixian · Unified Hotline Centre',
  },
  common: {
    loading: 'Loading…',
    empty: 'No data',
    refresh: 'Refresh',
    retry: 'Retry',
    lastUpdated: 'Updated {time}',
    comingSoon: 'This page is under construction',
    language: 'Language',
    back: 'Back to home',
    staleEdit: { message: '{by} changed it at {at} ({fields}). Load the latest and edit again.', someone: 'someone else', reload: 'Load the latest' },
  },
  language: {
    zhCN: '中文',
    en: 'English',
  },
  roles: {
    agent: 'Agent',
    shift_lead: 'Shift lead',
    dispatcher: 'Dispatcher',
    dept_handler: 'Department handler',
    dept_admin: 'Department liaison',
    grid_member: 'Grid member',
    commander: 'District commander',
    admin: 'Administrator',
    auditor: 'Auditor',
    kb_editor: 'Knowledge editor',
  },
  menu: {
    desk: 'Agent desk',
    worklists: 'Follow-ups & call-backs',
    inbox: 'Ticket inbox',
    dispatch: 'Dispatch',
    wallboard: 'Wallboard',
    stats: 'Statistics',
    assessment: 'Assessment',
    admin: 'Administration',
    knowledge: 'Knowledge base',
    audit: 'Audit log',
    health: 'System health',
    warnings: 'Warnings',
  },
  pages: {
    desk: { description: 'Answer calls from every hotline; answer directly or create and dispatch a ticket.' },
    inbox: { description: 'Sign for, handle and reply to tickets sent to your unit.' },
    dispatch: { description: 'Route tickets and rule on returns and extension requests.' },
    wallboard: { description: 'Live queue, agent states and answer rates.' },
    stats: { description: 'Charts of calls and tickets.' },
    assessment: { description: "Score and rank every unit with one click, following the assessment scheme." },
    knowledge: { description: 'Find answers to give callers; draft, review and publish articles.' },
    admin: { description: 'Manage users, roles, the catalogue, hotlines and the working calendar.' },
    audit: { description: 'Read the audit trail of system actions.' },
  },
  desk: deskEn,
  knowledge: knowledgeEn,
  call: callEn,
  wallboard: wallboardEn,
  supervision: supervisionEn,
  login: {
    title: 'Log in',
    subtitle: 'Unified hotline centre · staff login',
    username: 'Username',
    password: 'Password',
    usernamePlaceholder: 'Enter your username',
    passwordPlaceholder: 'Enter your password',
    usernameRequired: 'Please enter your username',
    passwordRequired: 'Please enter your password',
    submit: 'Log in',
    invalidCredentials: 'Wrong username or password',
    accountLocked: 'This account is locked. Try again after {time}',
    accountLockedNoTime: 'This account is locked. Try again later or contact an administrator',
    sessionExpired: 'Your session has expired. Please log in again',
  },
  layout: {
    roles: 'Roles',
    logout: 'Log out',
    accountSecurity: 'Account security',
    changePassword: 'Change password',
    loggedOut: 'You have logged out',
    noAccess: 'Your account has no features yet. Ask an administrator to assign a role.',
  },
  health: healthEn,
  mfa: mfaEn,
  password: passwordEn,
  errors: {
    network_error: 'Network error. Check your connection and try again',
    timeout: 'The request timed out. Please try again',
    bad_response: 'The server sent a response the console cannot read',
    unauthenticated: 'Please log in first',
    session_expired: 'Your session has expired. Please log in again',
    session_ended: 'Your session has ended (signed out elsewhere). Please log in again',
    forbidden: 'You are not allowed to do this',
    csrf_failed: 'This page is out of date. Reload it and try again',
    not_found: 'Not found',
    validation_failed: 'Some input is invalid. Check it and try again',
    rate_limited: 'Too many attempts. Please wait and try again',
    service_unavailable: 'The centre is busy or a service is briefly away. Please try again in a moment',
    bad_gateway: 'The server handling this request went away before answering. Please try again',
    internal_error: 'Server error. Please try again later',
    unknown: 'Something went wrong. Please try again',
  },
  forbidden: {
    title: 'Access denied',
    description: 'Your role cannot open this page.',
  },
  notFound: {
    title: 'Page not found',
    description: 'The page does not exist or has been removed.',
  },
};

export default en;
