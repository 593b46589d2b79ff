/** The fields an account edit (`PUT /api/users/:id`) sends back, taken from the account as read, as the console's form does. */
export function editableAccount(account: Record<string, unknown>) {
  const { displayName, roles, unitId, areaId, scopeAll, scopeAreaIds, scopeUnitIds, scopeCategoryIds, extension, phone, version } = account;
  return { displayName, roles, unitId, areaId, scopeAll, scopeAreaIds, scopeUnitIds, scopeCategoryIds, extension, phone, version };
}
