/** 修改密码：用户菜单中的修改密码页，以及使用一次性密码登录后必须先改密码的页面。`password.en.ts` must have exactly the same keys. */
const passwordZhCN = {
  title: '修改密码',
  mustChange: '您正在使用管理员重置的一次性密码，请先设置自己的新密码，再继续使用系统。',
  policyTitle: '新密码要求',
  policyLength: '至少 12 个字符',
  policyCommon: '不能是常见密码（如 password123、12345678abcd），也不能包含用户名',
  policyHistory: '不能与最近五次使用过的密码相同',
  currentPassword: '当前密码',
  newPassword: '新密码',
  confirmPassword: '再次输入新密码',
  currentRequired: '请输入当前密码',
  newRequired: '请输入新密码',
  confirmRequired: '请再次输入新密码',
  tooShortHint: '新密码至少需要 12 个字符',
  mismatch: '两次输入的新密码不一致',
  submit: '修改密码',
  cancel: '返回',
  signOut: '退出登录',
  changed: '密码已修改，您在其他设备上的登录已退出',
  errors: {
    currentWrong: '当前密码不正确（连续输错五次账号将被锁定）',
    tooShort: '新密码太短：至少需要 12 个字符',
    tooLong: '新密码太长，请换一个短一些的密码',
    tooCommon: '新密码太常见，容易被猜到，请换一个',
    containsUsername: '新密码不能包含用户名',
    reused: '新密码不能与最近五次使用过的密码相同',
    rejected: '新密码不符合要求，请换一个',
  },
};

export type PasswordMessages = typeof passwordZhCN;
export default passwordZhCN;
