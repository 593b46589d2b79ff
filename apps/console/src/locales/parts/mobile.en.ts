import type { MobileMessages } from './mobile.zh-CN';

/** The phone app (grid workers and unit handlers, `/m/`). */
const mobileEn: MobileMessages = {
  appName: 'Yixian · Phone',
  openPhoneApp: 'Phone app',
  openPhoneAppHint: 'Grid workers sign for, handle and reply to tickets on a phone',
  offline: 'No network: actions will fail, try again when you have signal',
  login: {
    subtitle: 'Sign-in for grid workers and unit handlers',
    signOut: 'Sign out',
    desktopOnly: 'The phone app cannot do this step yet',
    mfaEnrol: 'Your role must set up two-step verification first. Open Yixian on a computer to set it up, then sign in here again.',
    passwordChange: 'You signed in with a one-time password. Open Yixian on a computer to change it, then sign in here again.',
    noHandlerRole: 'The phone app is for grid workers and unit handlers. Please use Yixian on a computer for your role.',
  },
  nav: {
    inbox: 'Tickets',
    notifications: 'Notices',
    more: 'Me',
  },
  inbox: {
    title: 'My tickets',
    empty: 'No tickets here for now',
    loadFailed: 'Tickets could not be loaded; tap "Refresh" to try again',
    updatedAt: 'Updated {time}',
  },
  ticket: {
    back: 'Back',
    summary: 'Trail',
    trailEntry: '{time} {action}',
    noDescription: '(no description)',
    noAddress: '(no address)',
    loadFailed: 'The ticket could not be loaded',
    done: '{action}: done',
  },
  sheet: {
    confirm: 'Confirm: {action}',
    cancel: 'Cancel',
    close: 'Close',
    sign: 'Once signed, the handling deadline runs and your unit handles this ticket.',
    start: 'Start handling this ticket; reply as soon as it is dealt with on site.',
    replyHint: 'Say what was done; you can add photos of the site.',
    returnHint: 'A return must come within 1 working day of dispatch; the dispatcher rules on it.',
    extensionHint: 'One extension per ticket, at most 5 working days, approved by the dispatcher.',
    conflict: 'The ticket is now "{state}": it cannot be "{action}" any more. It has been reloaded: check it, then go on.',
    returnWindowClosed: 'The return window has closed (returns were due by {time}). Ask the dispatcher if it must go back.',
    extensionPending: 'An extension request is already waiting for the dispatcher; you cannot ask again.',
  },
  notifications: {
    title: 'Notices',
    empty: 'No notices',
    loadFailed: 'Notices could not be loaded',
  },
  me: {
    title: 'Me',
    language: 'Language',
    desktop: 'Open the desktop console',
  },
};

export default mobileEn;
