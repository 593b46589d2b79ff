export { grantAppRole, type AppRoleGrants } from './grant-app-role'
export { ensureAppRole } from './ensure-app-role'
export { grantAppRoleByUrl, roleOfUrl, AppRoleError } from './grant-app-role-by-url'
export { inspectAppRole, describeAppRoleProblems, type AppRoleReport } from './inspect-app-role'
