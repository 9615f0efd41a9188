import { defineMessages, english } from './define';

export const auth = defineMessages({
  'login.title': '登录',
  'login.login': '账号',
  'login.password': '密码',
  'login.submit': '登录',
  'login.failed': '账号或密码不正确。',
  'login.throttled': '登录尝试次数过多。请稍后（最长 1 小时）再试，或在曾经登录过的设备上登录。',
  'login.expired': '登录已失效，请重新登录。',
  'login.loggedOut': '您已退出登录。',
  'setup.title': '设置密码',
  'setup.intro': '请为账号 {login} 设置登录密码（至少 10 个字符）。',
  'setup.password': '新密码',
  'setup.confirm': '再次输入新密码',
  'setup.submit': '设置密码并登录',
  'setup.mismatch': '两次输入的密码不一致',
  'login.passwordBytes': '密码不能超过 1024 字节（约 340 个汉字）',
  'setup.invalidLink': '该设置密码链接无效或已过期，请联系管理员重新生成。',
});

// English: left out of the Worker's bundle (see define.ts).
export const authEn = /* @__PURE__ */ english(auth, {
  'login.title': 'Sign in',
  'login.login': 'Account',
  'login.password': 'Password',
  'login.submit': 'Sign in',
  'login.failed': 'Wrong account or password.',
  'login.throttled':
    'Too many sign-in attempts. Please wait (up to an hour) and try again, or sign in on a device you have signed in on before.',
  'login.expired': 'Your session has ended. Please sign in again.',
  'login.loggedOut': 'You have signed out.',
  'login.passwordBytes': 'A password must not exceed 1024 bytes',
  'setup.title': 'Set your password',
  'setup.intro': 'Choose a password for account {login} (at least 10 characters).',
  'setup.password': 'New password',
  'setup.confirm': 'Repeat the new password',
  'setup.submit': 'Set password and sign in',
  'setup.mismatch': 'The two passwords differ',
  'setup.invalidLink': 'This password link is invalid or has expired. Ask an administrator for a new one.',
});
