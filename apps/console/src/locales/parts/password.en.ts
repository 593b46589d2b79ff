import type { PasswordMessages } from './password.zh-CN';

/** Changing one's password (the user menu's page, and the page a one-time password leads to). Same keys as `password.zh-CN.ts`. */
const passwordEn: PasswordMessages = {
  title: 'Change password',
  mustChange: 'You signed in with a one-time password set by an administrator. Choose your own password before you go on.',
  policyTitle: 'The new password must',
  policyLength: 'have at least 12 characters',
  policyCommon: 'not be a common password (such as password123 or 12345678abcd) nor contain your username',
  policyHistory: 'not be one of your last five passwords',
  currentPassword: 'Current password',
  newPassword: 'New password',
  confirmPassword: 'New password again',
  currentRequired: 'Enter your current password',
  newRequired: 'Enter a new password',
  confirmRequired: 'Enter the new password again',
  tooShortHint: 'The new password needs at least 12 characters',
  mismatch: 'The two new passwords differ',
  submit: 'Change password',
  cancel: 'Back',
  signOut: 'Sign out',
  changed: 'Password changed; your sessions on other devices have been signed out',
  errors: {
    currentWrong: 'The current password is wrong (five wrong in a row lock the account)',
    tooShort: 'The new password is too short: it needs at least 12 characters',
    tooLong: 'The new password is too long; choose a shorter one',
    tooCommon: 'The new password is too common and easy to guess; choose another',
    containsUsername: 'The new password must not contain your username',
    reused: 'The new password must not be one of your last five passwords',
    rejected: 'The new password does not meet the rules; choose another',
  },
};

export default passwordEn;
